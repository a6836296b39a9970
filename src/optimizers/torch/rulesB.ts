import type { Rule } from '../../rule.js';

/** PyTorch-form rules (group B), by the class name users see under `torch`. */
export const torchRulesB = {} satisfies Record<string, Rule<any>>; // eslint-disable-line @typescript-eslint/no-explicit-any -- each rule has its own H

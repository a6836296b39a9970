import type { Rule } from '../../rule.js';

/** PyTorch-form rules (group A), by the class name users see under `torch`. */
export const torchRulesA = {} satisfies Record<string, Rule<any>>; // eslint-disable-line @typescript-eslint/no-explicit-any -- each rule has its own H

import type { Rule } from '../../rule.js';
import { torchSgdRule } from './sgd.js';
import { torchAdamRule } from './adam.js';
import { torchAdamWRule } from './adamw.js';
import { torchAdamaxRule } from './adamax.js';
import { torchNadamRule } from './nadam.js';

/** PyTorch-form rules (group A), by the class name users see under `torch`. */
export const torchRulesA = {
  SGD: torchSgdRule,
  Adam: torchAdamRule,
  AdamW: torchAdamWRule,
  Adamax: torchAdamaxRule,
  NAdam: torchNadamRule,
} satisfies Record<string, Rule<any>>; // eslint-disable-line @typescript-eslint/no-explicit-any -- each rule has its own H

import type { Rule } from '../../rule.js';
import { torchSgdRule } from './sgd.js';
import { torchAdamRule } from './adam.js';
import { torchAdamWRule } from './adamw.js';
import { torchAdamaxRule } from './adamax.js';
import { torchNadamRule } from './nadam.js';
import { torchRmspropRule } from './rmsprop.js';
import { torchAdagradRule } from './adagrad.js';
import { torchRadamRule } from './radam.js';
import { torchAdadeltaRule } from './adadelta.js';
import { lionRule } from './lion.js';
import { adafactorRule } from './adafactor.js';

/** The PyTorch-form rules, by the class name users see under `torch`. */
export const torchRules = {
  SGD: torchSgdRule,
  Adam: torchAdamRule,
  AdamW: torchAdamWRule,
  Adamax: torchAdamaxRule,
  NAdam: torchNadamRule,
  RMSprop: torchRmspropRule,
  Adagrad: torchAdagradRule,
  RAdam: torchRadamRule,
  Adadelta: torchAdadeltaRule,
  Lion: lionRule,
  Adafactor: adafactorRule,
} satisfies Record<string, Rule<any, any, any>>; // eslint-disable-line @typescript-eslint/no-explicit-any -- each rule has its own H, kernels and flags

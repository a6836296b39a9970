import type { Rule } from '../../rule.js';
import { torchRmspropRule } from './rmsprop.js';
import { torchAdagradRule } from './adagrad.js';
import { torchRadamRule } from './radam.js';
import { torchAdadeltaRule } from './adadelta.js';
import { lionRule } from './lion.js';

/** PyTorch-form rules (group B), by the class name users see under `torch`. */
export const torchRulesB = {
  RMSprop: torchRmspropRule,
  Adagrad: torchAdagradRule,
  RAdam: torchRadamRule,
  Adadelta: torchAdadeltaRule,
  Lion: lionRule,
} satisfies Record<string, Rule<any>>; // eslint-disable-line @typescript-eslint/no-explicit-any -- each rule has its own H

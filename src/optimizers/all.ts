import { optimizerClass, type OptimizerClass } from '../optimizerClass.js';
import type { Rule } from '../rule.js';
import { torchRules } from './torch/rules.js';
import type { Backend } from '../optimizer.js';
import { sgdRule } from './sgd.js';
import { momentumRule } from './momentum.js';
import { nesterovRule } from './nesterov.js';
import { adagradRule } from './adagrad.js';
import { rmspropRule } from './rmsprop.js';
import { adamRule } from './adam.js';
import { lambRule } from './lamb.js';

/** Every optimizer class, defaulting to `backend`. */
export function optimizerClasses(backend: Backend | 'auto') {
  return {
    SGD: optimizerClass(sgdRule, backend),
    Momentum: optimizerClass(momentumRule, backend),
    Nesterov: optimizerClass(nesterovRule, backend),
    AdaGrad: optimizerClass(adagradRule, backend),
    RMSProp: optimizerClass(rmspropRule, backend),
    Adam: optimizerClass(adamRule, backend),
    /** Optax's `lamb`: Adam's direction scaled per key by the trust ratio ‖p‖/‖u‖. */
    LAMB: optimizerClass(lambRule, backend),
  };
}

type HyperOf<R> = R extends Rule<infer H, infer _K, infer _V> ? H : never;

/**
 * The optimizers as PyTorch documents them (torch.optim's algorithms, option
 * names in camelCase, its defaults), plus Lion; `torch.SGD` is PyTorch's SGD
 * with momentum, dampening and nesterov, beside the book's SGD and Momentum.
 */
export function torchClasses(backend: Backend | 'auto') {
  const rules = torchRules;
  type Rules = typeof rules;
  const out = {} as { [K in keyof Rules]: OptimizerClass<HyperOf<Rules[K]>> };
  for (const [name, rule] of Object.entries(rules)) (out as Record<string, unknown>)[name] = optimizerClass(rule as unknown as Rule<unknown>, backend);
  return out;
}

export { sgdRule, momentumRule, nesterovRule, adagradRule, rmspropRule, adamRule, lambRule };
export type { SGDHyper } from './sgd.js';
export type { MomentumHyper } from './momentum.js';
export type { NesterovHyper } from './nesterov.js';
export type { AdaGradHyper } from './adagrad.js';
export type { RMSPropHyper } from './rmsprop.js';
export type { AdamHyper } from './adam.js';
export type { LAMBHyper } from './lamb.js';

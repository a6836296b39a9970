import { optimizerClass } from '../optimizerClass.js';
import type { Backend } from '../optimizer.js';
import { sgdRule } from './sgd.js';
import { momentumRule } from './momentum.js';
import { nesterovRule } from './nesterov.js';
import { adagradRule } from './adagrad.js';
import { rmspropRule } from './rmsprop.js';
import { adamRule } from './adam.js';

/** Every optimizer class, defaulting to `backend`. */
export function optimizerClasses(backend: Backend | 'auto') {
  return {
    SGD: optimizerClass(sgdRule, backend),
    Momentum: optimizerClass(momentumRule, backend),
    Nesterov: optimizerClass(nesterovRule, backend),
    AdaGrad: optimizerClass(adagradRule, backend),
    RMSProp: optimizerClass(rmspropRule, backend),
    Adam: optimizerClass(adamRule, backend),
  };
}

export { sgdRule, momentumRule, nesterovRule, adagradRule, rmspropRule, adamRule };
export type { SGDHyper } from './sgd.js';
export type { MomentumHyper } from './momentum.js';
export type { NesterovHyper } from './nesterov.js';
export type { AdaGradHyper } from './adagrad.js';
export type { RMSPropHyper } from './rmsprop.js';
export type { AdamHyper } from './adam.js';

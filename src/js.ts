/**
 * simd-optim/js: the same optimizers and ParamSet, always on the plain-JS
 * reference backend (no WebAssembly is run by these classes).
 */
import { optimizerClasses } from './optimizers/all.js';

export type * from './publicTypes.js';
export { ParamSet } from './paramSet.js';

/** The backend optimizers from this entry use unless told otherwise. */
export const backend = 'js' as const;

export const { SGD, Momentum, Nesterov, AdaGrad, RMSProp, Adam } = optimizerClasses('js');

// Instance types under the class names, so `let opt: Adam` reads as it should.
export type SGD = InstanceType<typeof SGD>;
export type Momentum = InstanceType<typeof Momentum>;
export type Nesterov = InstanceType<typeof Nesterov>;
export type AdaGrad = InstanceType<typeof AdaGrad>;
export type RMSProp = InstanceType<typeof RMSProp>;
export type Adam = InstanceType<typeof Adam>;

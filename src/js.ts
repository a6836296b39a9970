/**
 * simd-optim/js: the same optimizers and ParamSet, always on the plain-JS
 * reference backend. This entry never reads the WebAssembly global, so it
 * works where WebAssembly is missing or forbidden (a strict
 * Content-Security-Policy). Its ParamSet lives in a plain ArrayBuffer and
 * its classes refuse backend 'wasm', unless the main entry 'simd-optim' is
 * loaded in the same program too: then they share its kernels.
 */
import { optimizerClasses, torchClasses } from './optimizers/all.js';

export type * from './publicTypes.js';
export { ParamSet } from './paramSet.js';
export { constant, cosineWithWarmup, exponentialDecay, joinSchedules, oneCycle, stepDecay } from './schedules.js';
export { stateFromJSON, stateToJSON } from './snapshotJson.js';

/** The backend optimizers from this entry use unless told otherwise. */
export const backend = 'js' as const;

export const { SGD, Momentum, Nesterov, AdaGrad, RMSProp, Adam, LAMB } = optimizerClasses('js');

/** torch.optim's algorithms as PyTorch documents them (and Lion): `new torch.AdamW({ weightDecay: 0.01 })`. */
export const torch = torchClasses('js');

// Instance types under the class names, so `let opt: Adam` reads as it should.
export type SGD = InstanceType<typeof SGD>;
export type Momentum = InstanceType<typeof Momentum>;
export type Nesterov = InstanceType<typeof Nesterov>;
export type AdaGrad = InstanceType<typeof AdaGrad>;
export type RMSProp = InstanceType<typeof RMSProp>;
export type Adam = InstanceType<typeof Adam>;
export type LAMB = InstanceType<typeof LAMB>;

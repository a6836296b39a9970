/**
 * simd-optim: the optimizers of *Deep Learning from Scratch* (ch. 6) and
 * PyTorch's family as WebAssembly SIMD kernels.
 *
 * The classes here use the kernels where WebAssembly SIMD is available and the
 * plain-JS reference elsewhere (`backend` says which; `simd-optim/js` always
 * uses JS). Importing runs only a tiny feature probe; the kernels compile
 * on first use (a ParamSet, or the first update on the wasm backend).
 */
import { defaultBackend, type Backend } from './optimizer.js';
import { optimizerClasses, torchClasses } from './optimizers/all.js';
import { wasmKernels } from './wasm/kernelModule.js';
import { installKernels } from './wasm/kernelSource.js';

installKernels(wasmKernels);

export type * from './publicTypes.js';
export { ParamSet } from './paramSet.js';
export { constant, cosineWithWarmup, exponentialDecay, joinSchedules, oneCycle, stepDecay } from './schedules.js';
export { stateFromJSON, stateToJSON } from './snapshotJson.js';

/**
 * The backend optimizers from this entry use unless told otherwise, decided at
 * import by a feature probe: 'js' where WebAssembly SIMD is missing or where
 * compiling WebAssembly is refused (a Content-Security-Policy without
 * 'wasm-unsafe-eval'), else 'wasm'.
 */
export const backend: Backend = defaultBackend();

export const { SGD, Momentum, Nesterov, AdaGrad, RMSProp, Adam, LAMB } = optimizerClasses('auto');

/** torch.optim's algorithms as PyTorch documents them (and Lion): `new torch.AdamW({ weightDecay: 0.01 })`. */
export const torch = torchClasses('auto');

// Instance types under the class names, so `let opt: Adam` reads as it should.
export type SGD = InstanceType<typeof SGD>;
export type Momentum = InstanceType<typeof Momentum>;
export type Nesterov = InstanceType<typeof Nesterov>;
export type AdaGrad = InstanceType<typeof AdaGrad>;
export type RMSProp = InstanceType<typeof RMSProp>;
export type Adam = InstanceType<typeof Adam>;
export type LAMB = InstanceType<typeof LAMB>;

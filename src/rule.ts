import type { HyperSpecs } from './hyperparameters.js';
import type { KernelName } from './wasm/kernelModule.js';

/** The four per-step constants a kernel receives (unused ones are 0). */
export type StepConstants = [number, number, number, number];

/**
 * One optimizer, as data: everything the shared machinery (validation, state,
 * the WebAssembly and JS engines) needs to know about it. Like an Optax
 * transformation, an optimizer is its hyperparameters, its named state and
 * its per-element rule; the classes users see are built from this.
 */
export interface Rule<H> {
  /** The class name users see, used in every error message. */
  readonly name: string;
  readonly hyper: HyperSpecs<H>;
  /** Names of the per-element state buffers, in kernel order (state 0, 1, ...). */
  readonly state: readonly string[];
  /** The WebAssembly export that runs this rule over an update table. */
  readonly kernel: KernelName;
  /**
   * The per-step scalars, computed on the host once per update exactly as the
   * seed computes them in Python (so `1 - beta1` is rounded once, here).
   * `t` is the 1-based number of the update being made.
   */
  constants(h: H, t: number): StepConstants;
  /**
   * The reference: the same per-element arithmetic in plain JS, in the same
   * order as the kernel. It is the test oracle and the no-SIMD fallback.
   */
  js(p: Float64Array, g: Float64Array, s: readonly Float64Array[], c: StepConstants): void;
}

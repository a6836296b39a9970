import type { HyperSpecs } from './hyperparameters.js';
import type { FloatArray, Round } from './dtype.js';
import type { KernelBase } from './wasm/kernelModule.js';

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
  /** The WebAssembly kernel that runs this rule over an update table (`<kernel>_f64`, `<kernel>_f32`). */
  readonly kernel: KernelBase;
  /**
   * The per-step scalars, computed on the host once per update exactly as the
   * seed computes them in Python (so `1 - beta1` is rounded once, here).
   * `t` is the 1-based number of the update being made.
   */
  constants(h: H, t: number): StepConstants;
  /**
   * The reference: the same per-element arithmetic in plain JS, in the same
   * order as the kernel, with `r` applied to every operation's result (it
   * rounds to float32 for Float32Arrays and does nothing for Float64Arrays;
   * the constants arrive already rounded to the dtype). It is the test oracle
   * and the no-SIMD fallback.
   */
  js(p: FloatArray, g: FloatArray, s: readonly FloatArray[], c: StepConstants, r: Round): void;
}

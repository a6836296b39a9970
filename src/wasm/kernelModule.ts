import type { Dtype } from '../dtype.js';
import { KERNELS_WASM_BASE64 } from './kernelsBinary.js';

/**
 * A kernel's name without its dtype: every rule (assembly/index.ts) is
 * exported once per dtype as `<name>_f64` and `<name>_f32`.
 */
export type KernelBase = string;
export type KernelName = `${KernelBase}_${Dtype}`;

/**
 * Every kernel takes the update table, its entry count, twelve per-step
 * constants (unused ones 0) and the gradient transform (scale, clip, wd).
 */
export type Kernel = (
  table: number, count: number,
  c0: number, c1: number, c2: number, c3: number, c4: number, c5: number,
  c6: number, c7: number, c8: number, c9: number, c10: number, c11: number,
  scale: number, clip: number, wd: number,
) => void;

/** The sum of squares of every gradient in the table, in the lane order of src/gradNorm.ts. */
export type SumOfSquares = (table: number, count: number) => number;

/** The exports every kernel instance has (see assembly/index.ts). */
export type KernelExports = { heapBase(): number } & Record<KernelName, Kernel> & Record<`sumsq_${Dtype}`, SumOfSquares>;

function decodeBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * Compiles the kernels once, at import (top-level await). The module uses
 * f64x2 instructions, so `WebAssembly.validate` on it is the SIMD feature test
 * itself: where it fails, `kernelModule` is null and the JS backend serves.
 */
async function compileKernels(): Promise<WebAssembly.Module | null> {
  if (typeof WebAssembly !== 'object') return null;
  const bytes = decodeBase64(KERNELS_WASM_BASE64);
  if (!WebAssembly.validate(bytes)) return null;
  return WebAssembly.compile(bytes);
}

export const kernelModule: WebAssembly.Module | null = await compileKernels();

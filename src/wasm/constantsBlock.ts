import { CONSTANTS_BLOCK, WRITE_CONSTANTS, type KernelBase } from './kernelTable.js';
import type { StepConstants } from '../rule.js';

/**
 * Writes a kernel's constants block (layout: assembly/generated/constants.ts)
 * at byte `at` of `f64` (a Float64Array over the whole memory): the gradient
 * transform, then the constants the kernel's layout names, in its order.
 */
export function writeConstants(f64: Float64Array, at: number, kernel: KernelBase, c: StepConstants, scale: number, clip: number, wd: number): void {
  const base = at >>> 3;
  f64[base + CONSTANTS_BLOCK.scale / 8] = scale;
  f64[base + CONSTANTS_BLOCK.clip / 8] = clip;
  f64[base + CONSTANTS_BLOCK.wd / 8] = wd;
  (WRITE_CONSTANTS[kernel] as (f: Float64Array, at: number, c: StepConstants) => void)(f64, base + CONSTANTS_BLOCK.ruleAt / 8, c);
}

export const CONSTANTS_BYTES = CONSTANTS_BLOCK.bytes;

import { CONSTANTS_BLOCK, KERNEL_CONSTANTS, type KernelBase } from './kernelTable.js';
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
  const names = KERNEL_CONSTANTS[kernel] as readonly string[];
  const values = c as Readonly<Record<string, number>>;
  const first = base + CONSTANTS_BLOCK.ruleAt / 8;
  for (let i = 0; i < names.length; i++) f64[first + i] = values[names[i]];
}

export const CONSTANTS_BYTES = CONSTANTS_BLOCK.bytes;

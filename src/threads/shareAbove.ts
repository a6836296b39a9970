import type { Dtype } from '../dtype.js';
import type { KernelBase } from '../wasm/kernelTable.js';
import { threadTuning } from './tuning.js';

/** Kernels with no division or square root per element: each element costs a few adds and multiplies, so memory sets their pace. */
const MEMORY_BOUND: ReadonlySet<KernelBase> = new Set<KernelBase>([
  'sgd',
  'momentum',
  'nesterov',
  'torchSgdFirst',
  'torchSgdMomentum',
  'torchSgdNesterovFirst',
  'torchSgdNesterov',
  'torchLion',
  'torchLionDecay',
]);

/**
 * Elements from which a run is shared among the set's threads: below it a
 * worker's wake-up and the claims cost more than its share of the work saves.
 * Measured with bench/threadsCrossover.mjs (two threads against one, per rule
 * and dtype; see docs/performance.md, "Threads"): the size from which every
 * rule of the class kept a ratio of at least 1.
 */
const FROM = {
  divider: { f64: 1 << 15, f32: 1 << 15 },
  memory: { f64: 1 << 15, f32: 1 << 15 },
};

export function shareAbove(kernel: KernelBase, dtype: Dtype): number {
  if (threadTuning.shareAbove !== null) return threadTuning.shareAbove;
  return FROM[MEMORY_BOUND.has(kernel) ? 'memory' : 'divider'][dtype];
}

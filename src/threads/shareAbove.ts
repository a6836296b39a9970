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
 * Measured with bench/threadsCrossover.mjs (two threads against one, updates
 * back to back so the workers are awake; see docs/performance.md, "Threads"):
 * f64 Adam, AdaGrad, RMSProp 1.6-1.8x from 2^14; SGD 1.23x at 2^14 but
 * Momentum 1.01x at 2^14 and 1.36x at 2^16. f32 moves twice the elements in
 * the same time.
 */
const FROM = {
  divider: { f64: 1 << 14, f32: 1 << 15 },
  memory: { f64: 1 << 16, f32: 1 << 17 },
};

export function shareAbove(kernel: KernelBase, dtype: Dtype): number {
  return threadTuning.shareAbove ?? sizeOf(FROM, kernel, dtype);
}

/**
 * Elements from which the first run of a burst (control.ts: a run after a
 * pause longer than the polling window, as each step of a training loop) is
 * shared: its arrays come cold, from L3 or memory, and two threads gained
 * nothing on small ones even with the workers awake. Measured with
 * bench/threadsCrossover.mjs --gap-ms 20 --default-policy (20 ms between
 * updates, the workers polling at each), f64: Adam 0.88-1.18x at 2^17, 1.39x
 * at 2^18, 1.65-1.89x at 2^20; SGD 0.77-0.91x at 2^17, 0.86x at 2^18, 1.04x
 * at 2^19, 1.28-1.44x at 2^20. Sixteen times the sizes above.
 */
export function burstShareAbove(kernel: KernelBase, dtype: Dtype): number {
  return 16 * shareAbove(kernel, dtype);
}

/**
 * Elements from which a run is worth waking a sleeping worker for: a worker
 * asleep in Atomics.wait took up to about a millisecond to wake on this VM,
 * so only a long update gains from it. Measured with bench/threadsCrossover.mjs
 * --gap-ms 5 --spin-ms 0.1 (every update finds the workers asleep): f64 Adam
 * 0.92x at 2^19 and 1.03x at 2^20, 1.43x at 2^21; SGD 0.89x at 2^20, 1.20x
 * at 2^21. f32 moves twice the elements in the same time.
 */
const WAKE_FROM = {
  divider: { f64: 1 << 21, f32: 1 << 22 },
  memory: { f64: 1 << 21, f32: 1 << 22 },
};

export function wakeAbove(kernel: KernelBase, dtype: Dtype): number {
  return threadTuning.wakeAbove ?? sizeOf(WAKE_FROM, kernel, dtype);
}

/** A table's size for the kernel's cost class and the dtype. */
function sizeOf(table: typeof FROM, kernel: KernelBase, dtype: Dtype): number {
  return table[MEMORY_BOUND.has(kernel) ? 'memory' : 'divider'][dtype];
}

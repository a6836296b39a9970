import type { Dtype } from '../dtype.js';
import type { KernelBase } from '../wasm/kernelTable.js';
import { threadTuning } from './tuning.js';

/**
 * Elements from which a run is shared among the set's threads. Below it the
 * wake-up of a worker (microseconds) costs more than its share of the work
 * saves; measured per rule (bench: docs/performance.md, "Threads").
 */
export function shareAbove(kernel: KernelBase, dtype: Dtype): number {
  if (threadTuning.shareAbove !== null) return threadTuning.shareAbove;
  void kernel;
  void dtype;
  return 1 << 15;
}

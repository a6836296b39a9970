import type { Entry } from '../checkDicts.js';
import type { Dtype, FloatArray } from '../dtype.js';
import type { StepConstants } from '../rule.js';

/** How the last update reached the arithmetic. */
export type UpdatePath = 'zero-copy' | 'copy' | 'js';

/** Holds an optimizer's state and runs its rule; one per optimizer. */
export interface Engine {
  /**
   * Runs one update over validated entries of `dtype`, creating zeroed state
   * on the first. `c` holds the per-step constants in f64; each engine rounds
   * them to the dtype once.
   */
  step(entries: readonly Entry[], c: StepConstants, dtype: Dtype): void;
  /** Copies of the state buffers of `key`, in rule order; undefined before the first update. */
  stateOf(key: string): FloatArray[] | undefined;
  /** Drops all state (and gives back any memory it held). */
  reset(): void;
  readonly path: UpdatePath | null;
}

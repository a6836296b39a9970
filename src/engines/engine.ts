import type { Entry } from '../checkDicts.js';
import type { StepConstants } from '../rule.js';

/** How the last update reached the arithmetic. */
export type UpdatePath = 'zero-copy' | 'copy' | 'js';

/** Holds an optimizer's state and runs its rule; one per optimizer. */
export interface Engine {
  /** Runs one update over validated entries, creating zeroed state on the first. */
  step(entries: readonly Entry[], c: StepConstants): void;
  /** Copies of the state buffers of `key`, in rule order; undefined before the first update. */
  stateOf(key: string): Float64Array[] | undefined;
  /** Drops all state (and gives back any memory it held). */
  reset(): void;
  readonly path: UpdatePath | null;
}

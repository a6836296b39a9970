import type { Entry, Fixed } from '../checkDicts.js';
import type { FloatArray } from '../dtype.js';
import type { Rule, Run } from '../rule.js';

/** The part of each key an update covers (updateRange): elements [from, to) by key; a key not named is not updated. */
export type KeyRanges = ReadonlyMap<string, { readonly from: number; readonly to: number }>;

/** How the last update reached the arithmetic. */
export type UpdatePath = 'zero-copy' | 'copy' | 'js';

/** Holds an optimizer's state and runs its rule; one per optimizer. */
export interface Engine {
  /**
   * Runs one update over validated `entries` (every key) of the layout
   * `fixed` (each key's length and the dtype: the optimizer's, which owns it), as the
   * given runs (one, or one per param group, together covering every entry
   * once), creating state on the first (zeros, or what `seed` installed).
   * Each run's constants are f64; each engine rounds them to the dtype once.
   * When `clipNorm` is finite, the gradients' global norm over all entries
   * scales every run's gradients (PyTorch's clip_grad_norm_) and is returned;
   * otherwise NaN. With `ranges`, only those parts of the keys are updated
   * (the norm is still over every entry's whole gradient).
   */
  step(entries: readonly Entry[], runs: readonly Run[], fixed: Fixed, clipNorm: number, ranges: KeyRanges | undefined): number;
  /** Copies of the state buffers of `key`, in rule order; undefined before the first update. */
  stateOf(key: string): FloatArray[] | undefined;
  /** Drops all state (and gives back any memory it held). */
  reset(): void;
  /**
   * Installs state to continue from (a loaded snapshot): used by the next
   * update instead of zeros. Only after reset().
   */
  seed(state: ReadonlyMap<string, readonly FloatArray[]>): void;
  readonly path: UpdatePath | null;
}

/** A key's state buffer lengths: the rule's for its shape, or its param's length each. */
export function stateSizesOf<H>(rule: Rule<H>, e: Entry): readonly number[] {
  return rule.stateSizes?.(e.shape) ?? rule.state.map(() => e.p.length);
}

import { ARRAY_NAME, dtypeOf, type Dtype, type FloatArray } from './dtype.js';
import type { HyperSpec } from './hyperparameters.js';

/** What `opt.state()` returns and `opt.loadState()` takes. */
export interface OptimizerState {
  format: 'simd-optim/optimizer-state';
  version: 1;
  /** The optimizer class it was made by, e.g. 'Adam'. */
  optimizer: string;
  /** The dtype fixed by the first update; null before any update. */
  dtype: Dtype | null;
  /** Updates made so far. */
  step: number;
  /** Every option's value at the last step (schedules evaluated). */
  hyper: Record<string, number | boolean | string>;
  /** Per key, in update order: each state array by name (e.g. { m, v } for Adam). */
  keys: Record<string, Record<string, FloatArray>>;
}

/** A checked snapshot, ready to install. */
export interface CheckedState {
  dtype: Dtype | null;
  step: number;
  hyper: Record<string, number | boolean | string>;
  lengths: Map<string, number>;
  arrays: Map<string, FloatArray[]>;
}

/**
 * Checks a snapshot whole against the optimizer that loads it, and copies its
 * arrays (so later changes to the snapshot cannot reach the optimizer).
 * Throws naming the field, key or state array that is wrong.
 */
export function checkSnapshot(
  owner: string,
  stateNames: readonly string[],
  specs: Readonly<Record<string, HyperSpec>>,
  s: OptimizerState,
): CheckedState {
  const fail = (what: string): never => {
    throw new TypeError(`${owner}.loadState: ${what}`);
  };
  if (s === null || typeof s !== 'object') fail('the snapshot must be an object made by state()');
  if (s.format !== 'simd-optim/optimizer-state') fail(`format must be 'simd-optim/optimizer-state', got ${String(s.format)}`);
  if (s.version !== 1) fail(`version ${String(s.version)} is not supported (this version reads 1)`);
  if (s.optimizer !== owner) fail(`the snapshot is of ${String(s.optimizer)}, not ${owner}`);
  if (!Number.isSafeInteger(s.step) || s.step < 0) fail(`step must be an integer ≥ 0, got ${String(s.step)}`);
  if (s.dtype !== null && s.dtype !== 'f64' && s.dtype !== 'f32') fail(`dtype must be 'f64', 'f32' or null, got ${String(s.dtype)}`);
  if (s.hyper === null || typeof s.hyper !== 'object') fail('hyper must be an object');
  for (const name of Object.keys(s.hyper)) {
    const spec = specs[name];
    if (!spec) fail(`hyper has an unknown option '${name}'`);
    if (!spec.check(s.hyper[name])) fail(`hyper.${name} must be ${spec.rule}, got ${String(s.hyper[name])}`);
  }
  if (s.keys === null || typeof s.keys !== 'object') fail('keys must be an object');
  const keys = Object.keys(s.keys);
  if ((s.dtype === null) !== (keys.length === 0) || (s.step === 0) !== (keys.length === 0)) {
    fail('a snapshot has keys, a dtype and step > 0 together, or none of them');
  }
  const lengths = new Map<string, number>();
  const arrays = new Map<string, FloatArray[]>();
  for (const key of keys) {
    const byName = s.keys[key];
    if (byName === null || typeof byName !== 'object') fail(`keys['${key}'] must be an object of state arrays`);
    const extra = Object.keys(byName).find((n) => !stateNames.includes(n));
    if (extra !== undefined) fail(`keys['${key}'] has '${extra}', which ${owner} has no state named`);
    let n = -1;
    const copies = stateNames.map((name) => {
      const a = byName[name];
      const d = dtypeOf(a);
      if (d === null) fail(`keys['${key}'].${name} must be a ${ARRAY_NAME[s.dtype!]}`);
      if (d !== s.dtype) fail(`keys['${key}'].${name} is a ${ARRAY_NAME[d!]}, but the snapshot's dtype is ${s.dtype}`);
      if (a.length === 0 || (n >= 0 && a.length !== n)) fail(`keys['${key}'].${name} has length ${a.length}; every state array of a key has its (non-zero) length`);
      n = a.length;
      return a.slice();
    });
    // SGD keeps no state, so its snapshot says nothing of a key's length: the next update fixes it.
    if (n >= 0) lengths.set(key, n);
    arrays.set(key, copies);
  }
  return { dtype: s.dtype, step: s.step, hyper: { ...s.hyper }, lengths, arrays };
}

import { ARRAY, type Dtype, type FloatArray } from './dtype.js';
import { acceptsValue, type HyperSpec } from './hyperparameters.js';
import { keyShapeOf, type KeyShape } from './keyShape.js';
import type { CarriedScalar } from './rule.js';
import { lengthOf, typedArrayName } from './typedArrays.js';

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
  hyper: Record<string, number | boolean | string | null>;
  /** Per key, in update order: each state array by name (e.g. { m, v } for Adam). */
  keys: Record<string, Record<string, FloatArray>>;
  /**
   * Scalar state carried from update to update, for the optimizers that keep
   * some: torch.NAdam's `muProduct` (PyTorch's mu_product). Absent for the others,
   * and in snapshots made before it was saved (loadState then recomputes it).
   */
  scalars?: Record<string, number>;
  /**
   * Each key's shape, for the optimizers whose state is sized by it
   * (torch.Adafactor's row and column factors): `[batch, rows, cols]`, or
   * `[n]` for a key of one row. Absent for the others.
   */
  shapes?: Record<string, number[]>;
}

/** A key's shape as a snapshot records it (keyShapeOf gives it back). */
export function shapeRecord(s: KeyShape): number[] {
  return s.rows === 1 && s.batch === 1 ? [s.cols] : [s.batch, s.rows, s.cols];
}

/** A checked snapshot, private to the loader: nothing in it is reachable from the snapshot given. */
export interface CheckedState {
  dtype: Dtype | null;
  step: number;
  hyper: Record<string, number | boolean | string | null>;
  lengths: Map<string, number>;
  arrays: Map<string, FloatArray[]>;
  /** Each key's shape, for a rule whose state is sized by it; null for the others. */
  shapes: Map<string, KeyShape> | null;
  /** The carried scalar's value, or null when the snapshot holds none (made before it was saved). */
  scalar: number | null;
}

/**
 * Checks a snapshot whole against the optimizer that loads it, and copies it.
 * Every field, option and array of the snapshot is read exactly once, into
 * private data that is then checked and installed, so a getter or a typed
 * array subclass that answers differently on a second look, or a caller that
 * changes the snapshot later, cannot reach the optimizer. Throws naming the
 * field, key or state array that is wrong.
 */
export function checkSnapshot(
  owner: string,
  stateNames: readonly string[],
  specs: Readonly<Record<string, HyperSpec>>,
  carried: CarriedScalar<never> | undefined,
  snapshot: OptimizerState,
  stateSizes?: (shape: KeyShape) => readonly number[],
): CheckedState {
  const fail = (what: string): never => {
    throw new TypeError(`${owner}.loadState: ${what}`);
  };
  if (snapshot === null || typeof snapshot !== 'object') fail('the snapshot must be an object made by state()');
  const { format, version, optimizer, step, dtype, hyper, keys, scalars, shapes: shapesGiven } = snapshot as Partial<OptimizerState>;
  if (format !== 'simd-optim/optimizer-state') fail(`format must be 'simd-optim/optimizer-state', got ${String(format)}`);
  if (version !== 1) fail(`version ${String(version)} is not supported (this version reads 1)`);
  if (optimizer !== owner) fail(`the snapshot is of ${String(optimizer)}, not ${owner}`);
  if (!Number.isSafeInteger(step) || step! < 0) fail(`step must be an integer ≥ 0, got ${String(step)}`);
  if (dtype !== null && dtype !== 'f64' && dtype !== 'f32') fail(`dtype must be 'f64', 'f32' or null, got ${String(dtype)}`);

  const options = copyRecord(hyper, 'hyper', fail);
  for (const [name, v] of options) {
    const spec = Object.hasOwn(specs, name) ? specs[name] : undefined;
    if (!spec) fail(`hyper has an unknown option '${name}'`);
    if (!acceptsValue(spec!, v)) fail(`hyper.${name} must be ${spec!.rule}, got ${String(v)}`);
  }

  const byKey = copyRecord(keys, 'keys', fail);
  if ((dtype === null) !== (byKey.length === 0) || (step === 0) !== (byKey.length === 0)) {
    fail('a snapshot has keys, a dtype and step > 0 together, or none of them');
  }
  const lengths = new Map<string, number>();
  const arrays = new Map<string, FloatArray[]>();
  const shapes = stateSizes ? checkShapes(shapesGiven, byKey.map(([key]) => key), fail) : null;
  if (!stateSizes && shapesGiven !== undefined) fail(`shapes is given, but ${owner} keeps no state sized by a key's shape`);
  for (const [key, value] of byKey) {
    const byName = new Map(copyRecord(value, `keys['${key}']`, fail));
    const extra = [...byName.keys()].find((n) => !stateNames.includes(n));
    if (extra !== undefined) fail(`keys['${key}'] has '${extra}', which ${owner} has no state named`);
    let n = -1;
    const shape = shapes?.get(key);
    const sizes = shape && stateSizes!(shape);
    const copies = stateNames.map((name, s) => {
      const where = `keys['${key}'].${name}`;
      const copy = copyStateArray(byName.get(name), dtype!, where, fail);
      if (sizes) {
        if (copy.length !== sizes[s]) fail(`${where} has length ${copy.length}; for the shape shapes['${key}'] records it has ${sizes[s]}`);
        return copy;
      }
      if (copy.length === 0 || (n >= 0 && copy.length !== n)) fail(`${where} has length ${copy.length}; every state array of a key has its (non-zero) length`);
      n = copy.length;
      return copy;
    });
    if (shape) n = shape.batch * shape.rows * shape.cols;
    // SGD keeps no state, so its snapshot says nothing of a key's length: the next update fixes it.
    if (n >= 0) lengths.set(key, n);
    arrays.set(key, copies);
  }

  return { dtype: dtype!, step: step!, hyper: Object.fromEntries(options) as CheckedState['hyper'], lengths, arrays, shapes, scalar: checkScalar(carried, scalars, step!, fail) };
}

/** The snapshot's `shapes`: one for every key, each dimensions of positive integers, read once. */
function checkShapes(given: unknown, keys: readonly string[], fail: (what: string) => never): Map<string, KeyShape> {
  const out = new Map<string, KeyShape>();
  if (keys.length === 0 && given === undefined) return out;
  const byKey = new Map(copyRecord(given, 'shapes', fail));
  for (const key of keys) {
    const dims = byKey.get(key);
    const copy = Array.isArray(dims) ? dims.slice() : null;
    if (!copy || copy.length === 0 || !copy.every((d) => Number.isSafeInteger(d) && d > 0)) fail(`shapes['${key}'] must be the key's dimensions (positive integers), got ${String(dims)}`);
    out.set(key, keyShapeOf(copy as number[]));
  }
  const extra = [...byKey.keys()].find((k) => !keys.includes(k));
  if (extra !== undefined) fail(`shapes has '${extra}', which keys does not`);
  return out;
}

/** The carried scalar, read once and checked; null when the snapshot has no `scalars` (made before they were saved). */
function checkScalar(carried: CarriedScalar<never> | undefined, scalars: unknown, step: number, fail: (what: string) => never): number | null {
  if (scalars === undefined) return null;
  const names = new Map(copyRecord(scalars, 'scalars', fail));
  const extra = [...names.keys()].find((n) => n !== carried?.name);
  if (extra !== undefined) fail(`scalars has '${extra}', which this optimizer does not carry`);
  if (!carried) return null;
  const v = names.get(carried.name);
  const where = `scalars.${carried.name}`;
  if (v === undefined) fail(`${where} is missing`);
  if (!carried.check(v)) fail(`${where} must be ${carried.rule}, got ${String(v)}`);
  if (step === 0 && v !== carried.initial) fail(`${where} must be ${carried.initial} at step 0, got ${String(v)}`);
  return v as number;
}

/** The own enumerable [name, value] pairs of a record, each value read once. */
function copyRecord(x: unknown, what: string, fail: (what: string) => never): [string, unknown][] {
  if (x === null || typeof x !== 'object') fail(`${what} must be an object`);
  const record = x as Record<string, unknown>;
  return Object.keys(record).map((k) => [k, record[k]]);
}

/**
 * A copy of a Float64Array or Float32Array (of any realm, subclass or not),
 * made by the base constructor from the array's own memory, so a subclass's
 * length or species cannot change what is copied; null for anything else.
 */
export function copyFloatArray(a: unknown): FloatArray | null {
  const name = typedArrayName(a);
  if (name !== 'Float64Array' && name !== 'Float32Array') return null;
  const Base = name === 'Float64Array' ? Float64Array : Float32Array;
  // A detached array has length 0, and copying it would throw.
  return lengthOf(a as FloatArray) === 0 ? new Base(0) : new Base(a as FloatArray);
}

/** A copy of one state array, checked to be of the snapshot's dtype. */
function copyStateArray(a: unknown, dtype: Dtype, where: string, fail: (what: string) => never): FloatArray {
  const copy = copyFloatArray(a);
  if (copy === null) fail(`${where} must be a ${ARRAY[dtype].name}`);
  if (copy!.constructor !== ARRAY[dtype]) fail(`${where} is a ${copy!.constructor.name}, but the snapshot's dtype is ${dtype}`);
  return copy!;
}

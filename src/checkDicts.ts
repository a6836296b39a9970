import { describe } from './describe.js';
import { ARRAY, ARRAY_NAME, dtypeOf, type Dtype, type FloatArray } from './dtype.js';
import { baseView, bufferOf, isDetached, lengthOf } from './typedArrays.js';
import { flatShape, keyShapeOf, type KeyShape } from './keyShape.js';
import { setMemoryOf } from './wasm/setMemory.js';

/**
 * One key of an update, after validation. `p` and `g` are plain views of the
 * caller's memory (see typedArrays.ts), the only arrays the engines touch;
 * `callerP` and `callerG` are the objects the caller passed, kept only to
 * recognise them on the next call.
 */
export interface Entry {
  readonly key: string;
  readonly p: FloatArray;
  readonly g: FloatArray;
  readonly callerP: FloatArray;
  readonly callerG: FloatArray;
  /** Its shape: from the `shapes` option, else from the ParamSet whose key it is, else one row. */
  readonly shape: KeyShape;
}

/**
 * A dict of named arrays, all Float64Array or all Float32Array: a plain
 * object whose keys are its own enumerable string keys (inherited,
 * non-enumerable and symbol-keyed properties are not keys).
 */
export type Dict = Readonly<Record<string, FloatArray>>;

/** What the first update fixed: each key's length, and the dtype. */
export interface Fixed {
  readonly lengths: ReadonlyMap<string, number>;
  readonly dtype: Dtype;
}

const ARRAYS = 'Float64Arrays (or Float32Arrays)';
const hasOwn = (o: object, key: string): boolean => Object.prototype.hasOwnProperty.call(o, key);

/** Refuses anything but an object of named arrays, naming what was passed instead. */
function checkDict(owner: string, name: string, d: unknown): void {
  const what = describe(d);
  if (what !== 'an object') {
    throw new TypeError(`${owner}: ${name} must be an object of ${ARRAYS} by name, got ${what}`);
  }
}

/**
 * Why `key` of one dict is not a key of `other` (named `name`) although
 * `other` has a property of that name; '' when it has none.
 */
function notAKey(name: string, other: object, key: string): string {
  const why = hasOwn(other, key) ? `${name}['${key}'] is not enumerable` : key in other ? `${name} only inherits '${key}'` : '';
  return why && `; ${why}, and a key is an own enumerable property`;
}

/**
 * Validates one update's dicts as a whole, before any array is touched:
 * same key sets, arrays of one dtype (all Float64Array or all Float32Array)
 * and equal non-zero length, no parameter sharing memory with a gradient or
 * another parameter, and (once state exists) the same keys, lengths and dtype
 * as the first update. Throws naming the key. Each dict's keys are listed
 * once and each value read once, through no code of the arrays' own.
 */
export function checkDicts(
  owner: string,
  params: Dict,
  grads: Dict,
  fixed: Fixed | null,
  shapes: ReadonlyMap<string, readonly number[]> | null = null,
): { entries: Entry[]; dtype: Dtype } {
  checkDict(owner, 'params', params);
  checkDict(owner, 'grads', grads);
  const keys = Object.keys(params);
  if (keys.length === 0) throw new RangeError(`${owner}: params has no keys`);
  const gradKeys = Object.keys(grads);
  const inGrads = new Set(gradKeys);
  const entries: Entry[] = [];
  let dtype: Dtype | null = fixed?.dtype ?? null;
  let dtypeFrom = fixed ? 'the first update' : '';
  const arrayOf = (name: string, key: string, a: unknown): [FloatArray, FloatArray] => {
    const d = dtypeOf(a);
    if (!d) throw new TypeError(`${owner}: ${name}['${key}'] must be a Float64Array or Float32Array, got ${describe(a)}`);
    if (!dtype) [dtype, dtypeFrom] = [d, `${name}['${key}']`];
    if (d !== dtype) {
      throw new TypeError(
        `${owner}: ${name}['${key}'] is a ${ARRAY_NAME[d]}, but ${dtypeFrom} ${fixed ? 'used a' : 'is a'} ${ARRAY_NAME[dtype]}; ` +
          `an optimizer runs one dtype${fixed ? ' (call reset() to start over)' : ''}`,
      );
    }
    const n = lengthOf(a as FloatArray);
    if (n === 0) {
      const why = isDetached(bufferOf(a as FloatArray)) ? 'is detached (its ArrayBuffer was transferred or its memory grown)' : 'is empty (length 0)';
      throw new RangeError(`${owner}: ${name}['${key}'] ${why}`);
    }
    return [a as FloatArray, baseView(a as FloatArray, ARRAY[d], n)];
  };
  for (const key of keys) {
    if (!inGrads.has(key)) throw new Error(`${owner}: grads has no key '${key}' (params has it)${notAKey('grads', grads, key)}`);
    const [callerP, p] = arrayOf('params', key, params[key]);
    const [callerG, g] = arrayOf('grads', key, grads[key]);
    if (p.length !== g.length) {
      throw new RangeError(`${owner}: grads['${key}'] has length ${g.length}, params['${key}'] has ${p.length}`);
    }
    if (fixed) {
      const n = fixed.lengths.get(key);
      if (n === undefined) throw new Error(`${owner}: key '${key}' is new; the key set is fixed at the first update (call reset() to start over)`);
      if (n !== p.length) throw new RangeError(`${owner}: params['${key}'] has length ${p.length}, but ${n} at the first update (call reset() to start over)`);
    }
    entries.push({ key, p, g, callerP, callerG, shape: shapeOf(owner, key, p, shapes) });
  }
  if (gradKeys.length !== keys.length) {
    const inParams = new Set(keys);
    const extra = gradKeys.find((k) => !inParams.has(k))!;
    throw new Error(`${owner}: grads has key '${extra}' that params has not${notAKey('params', params, extra)}`);
  }
  if (fixed && fixed.lengths.size !== keys.length) {
    const missing = [...fixed.lengths.keys()].find((k) => !keys.includes(k));
    throw new Error(`${owner}: key '${missing}' is missing; the key set is fixed at the first update (call reset() to start over)`);
  }
  checkAliasing(owner, entries);
  return { entries, dtype: dtype! };
}

/** A key's shape: the `shapes` option's (its product must be the length), a ParamSet's, or one row. */
function shapeOf(owner: string, key: string, p: FloatArray, shapes: ReadonlyMap<string, readonly number[]> | null): KeyShape {
  const dims = shapes?.get(key);
  if (dims) {
    const n = dims.reduce((a, b) => a * b, 1);
    if (n !== p.length) throw new RangeError(`${owner}: shapes['${key}'] is [${dims.join(', ')}] (${n} elements), but params['${key}'] has length ${p.length}`);
    return keyShapeOf(dims);
  }
  const set = setMemoryOf(p.buffer)?.keyDims(p.byteOffset, p.length);
  return set ? keyShapeOf(set) : flatShape(p.length);
}

interface Span {
  start: number;
  end: number;
  label: string;
  isParam: boolean;
}

/**
 * A parameter may share no byte with another parameter or with any gradient
 * (gradients may share with each other: they are only read). One sort and a
 * sweep per buffer; a pair overlaps when the later one starts before an
 * earlier one ends.
 */
function checkAliasing(owner: string, entries: readonly Entry[]): void {
  const byBuffer = new Map<ArrayBufferLike, Span[]>();
  const add = (a: FloatArray, label: string, isParam: boolean): void => {
    const list = byBuffer.get(a.buffer) ?? [];
    list.push({ start: a.byteOffset, end: a.byteOffset + a.byteLength, label, isParam });
    byBuffer.set(a.buffer, list);
  };
  for (const e of entries) {
    add(e.p, `params['${e.key}']`, true);
    add(e.g, `grads['${e.key}']`, false);
  }
  for (const spans of byBuffer.values()) {
    if (spans.length < 2) continue;
    spans.sort((a, b) => a.start - b.start);
    let anyEnd: Span | null = null;
    let paramEnd: Span | null = null;
    for (const s of spans) {
      const other = s.isParam ? anyEnd : paramEnd;
      if (other && s.start < other.end) {
        throw new Error(`${owner}: ${s.label} shares memory with ${other.label}; a parameter may not overlap another parameter or a gradient`);
      }
      if (!anyEnd || s.end > anyEnd.end) anyEnd = s;
      if (s.isParam && (!paramEnd || s.end > paramEnd.end)) paramEnd = s;
    }
  }
}

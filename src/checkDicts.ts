import { ARRAY_NAME, dtypeOf, type Dtype, type FloatArray } from './dtype.js';

/** One key of an update, after validation. */
export interface Entry {
  readonly key: string;
  readonly p: FloatArray;
  readonly g: FloatArray;
}

/** A dict of named arrays, all Float64Array or all Float32Array. */
export type Dict = Readonly<Record<string, FloatArray>>;

/** What the first update fixed: each key's length, and the dtype. */
export interface Fixed {
  readonly lengths: ReadonlyMap<string, number>;
  readonly dtype: Dtype;
}

function kind(x: unknown): string {
  if (x === null) return 'null';
  if (ArrayBuffer.isView(x)) return ((x as Float64Array)[Symbol.toStringTag] as string | undefined) ?? 'DataView';
  if (Array.isArray(x)) return 'a plain Array';
  return typeof x;
}

function isDetached(buffer: ArrayBufferLike): boolean {
  const flag = (buffer as { detached?: boolean }).detached;
  return flag === true || (flag === undefined && buffer.byteLength === 0);
}

/**
 * Validates one update's dicts as a whole, before any array is touched:
 * same key sets, arrays of one dtype (all Float64Array or all Float32Array)
 * and equal non-zero length, no parameter sharing memory with a gradient or
 * another parameter, and (once state exists) the same keys, lengths and dtype
 * as the first update. Throws naming the key.
 */
export function checkDicts(
  owner: string,
  params: Dict,
  grads: Dict,
  fixed: Fixed | null,
): { entries: Entry[]; dtype: Dtype } {
  const ARRAYS = 'Float64Arrays (or Float32Arrays)';
  if (params === null || typeof params !== 'object') throw new TypeError(`${owner}: params must be an object of ${ARRAYS}`);
  if (grads === null || typeof grads !== 'object') throw new TypeError(`${owner}: grads must be an object of ${ARRAYS}`);
  const keys = Object.keys(params);
  if (keys.length === 0) throw new RangeError(`${owner}: params has no keys`);
  const entries: Entry[] = [];
  let dtype: Dtype | null = fixed?.dtype ?? null;
  let dtypeFrom = fixed ? 'the first update' : '';
  for (const key of keys) {
    const p = params[key];
    const g = grads[key];
    for (const [name, a] of [['params', p], ['grads', g]] as const) {
      if (name === 'grads' && !(key in grads)) throw new Error(`${owner}: grads has no key '${key}' (params has it)`);
      const d = dtypeOf(a);
      if (!d) throw new TypeError(`${owner}: ${name}['${key}'] must be a Float64Array or Float32Array, got ${kind(a)}`);
      if (!dtype) [dtype, dtypeFrom] = [d, `${name}['${key}']`];
      if (d !== dtype) {
        throw new TypeError(
          `${owner}: ${name}['${key}'] is a ${ARRAY_NAME[d]}, but ${dtypeFrom} ${fixed ? 'used a' : 'is a'} ${ARRAY_NAME[dtype]}; ` +
            `an optimizer runs one dtype${fixed ? ' (call reset() to start over)' : ''}`,
        );
      }
    }
    for (const [name, a] of [['params', p], ['grads', g]] as const) {
      if (a.length === 0) {
        const why = isDetached(a.buffer) ? 'is detached (its ArrayBuffer was transferred or its memory grown)' : 'is empty';
        throw new RangeError(`${owner}: ${name}['${key}'] ${why}`);
      }
    }
    if (p.length !== g.length) {
      throw new RangeError(`${owner}: grads['${key}'] has length ${g.length}, params['${key}'] has ${p.length}`);
    }
    if (fixed) {
      const n = fixed.lengths.get(key);
      if (n === undefined) throw new Error(`${owner}: key '${key}' is new; the key set is fixed at the first update (call reset() to start over)`);
      if (n !== p.length) throw new RangeError(`${owner}: params['${key}'] has length ${p.length}, but ${n} at the first update (call reset() to start over)`);
    }
    entries.push({ key, p, g });
  }
  for (const key of Object.keys(grads)) {
    if (!(key in params)) throw new Error(`${owner}: grads has key '${key}' that params has not`);
  }
  if (fixed && fixed.lengths.size !== keys.length) {
    const missing = [...fixed.lengths.keys()].find((k) => !(k in params));
    throw new Error(`${owner}: key '${missing}' is missing; the key set is fixed at the first update (call reset() to start over)`);
  }
  checkAliasing(owner, entries);
  return { entries, dtype: dtype! };
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

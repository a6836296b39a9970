/** One key of an update, after validation. */
export interface Entry {
  readonly key: string;
  readonly p: Float64Array;
  readonly g: Float64Array;
}

export type Dict = Readonly<Record<string, Float64Array>>;

const isF64 = (x: unknown): x is Float64Array =>
  x instanceof Float64Array || (ArrayBuffer.isView(x) && (x as Float64Array)[Symbol.toStringTag] === 'Float64Array');

function kind(x: unknown): string {
  if (x === null) return 'null';
  if (ArrayBuffer.isView(x)) return (x as Float64Array)[Symbol.toStringTag] ?? 'DataView';
  if (Array.isArray(x)) return 'a plain Array';
  return typeof x;
}

function isDetached(buffer: ArrayBufferLike): boolean {
  const flag = (buffer as { detached?: boolean }).detached;
  return flag === true || (flag === undefined && buffer.byteLength === 0);
}

/**
 * Validates one update's dicts as a whole, before any array is touched:
 * same key sets, Float64Arrays of equal non-zero length, no parameter sharing
 * memory with a gradient or another parameter, and (once state exists) the
 * same keys and lengths as the first update. Throws naming the key.
 */
export function checkDicts(
  owner: string,
  params: Dict,
  grads: Dict,
  fixed: ReadonlyMap<string, number> | null,
): Entry[] {
  if (params === null || typeof params !== 'object') throw new TypeError(`${owner}: params must be an object of Float64Arrays`);
  if (grads === null || typeof grads !== 'object') throw new TypeError(`${owner}: grads must be an object of Float64Arrays`);
  const keys = Object.keys(params);
  if (keys.length === 0) throw new RangeError(`${owner}: params has no keys`);
  const entries: Entry[] = [];
  for (const key of keys) {
    const p = params[key];
    const g = grads[key];
    if (!isF64(p)) throw new TypeError(`${owner}: params['${key}'] must be a Float64Array, got ${kind(p)}`);
    if (!(key in grads)) throw new Error(`${owner}: grads has no key '${key}' (params has it)`);
    if (!isF64(g)) throw new TypeError(`${owner}: grads['${key}'] must be a Float64Array, got ${kind(g)}`);
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
      const n = fixed.get(key);
      if (n === undefined) throw new Error(`${owner}: key '${key}' is new; the key set is fixed at the first update (call reset() to start over)`);
      if (n !== p.length) throw new RangeError(`${owner}: params['${key}'] has length ${p.length}, but ${n} at the first update (call reset() to start over)`);
    }
    entries.push({ key, p, g });
  }
  for (const key of Object.keys(grads)) {
    if (!(key in params)) throw new Error(`${owner}: grads has key '${key}' that params has not`);
  }
  if (fixed && fixed.size !== keys.length) {
    const missing = [...fixed.keys()].find((k) => !(k in params));
    throw new Error(`${owner}: key '${missing}' is missing; the key set is fixed at the first update (call reset() to start over)`);
  }
  checkAliasing(owner, entries);
  return entries;
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
  const add = (a: Float64Array, label: string, isParam: boolean): void => {
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

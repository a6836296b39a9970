import { decodeBase64, encodeBase64 } from './base64.js';
import { ARRAY, BYTES, type Dtype, type FloatArray } from './dtype.js';
import { copyFloatArray, type OptimizerState } from './snapshot.js';

/*
 * Snapshots as JSON text, exactly: `opt.loadState(stateFromJSON(stateToJSON(s)))`
 * restores what `opt.loadState(s)` would, bit for bit. Plain JSON.stringify
 * cannot: it writes -0 as 0, NaN and ±Infinity as null (so the default
 * clipNorm: Infinity no longer loads), and a typed array as an object of indices.
 * The text keeps the snapshot's layout, with two encodings:
 * - each state array is a string: its bytes in base64 (little-endian, as they
 *   are in memory wherever WebAssembly runs), so every bit comes back, NaN's too;
 * - a number JSON cannot write (NaN, Infinity, -Infinity, -0) in step, hyper
 *   or scalars is {"number": "NaN"} (and so on); strings and flags are themselves.
 */

/** Numbers JSON has no literal for, by their spelling in the text. */
const SPECIAL: Readonly<Record<string, number>> = { NaN: NaN, Infinity: Infinity, '-Infinity': -Infinity, '-0': -0 };

/** The snapshot as JSON text that stateFromJSON reads back whole. */
export function stateToJSON(snapshot: OptimizerState): string {
  const fail = failWith('stateToJSON');
  if (snapshot === null || typeof snapshot !== 'object') fail('the snapshot must be an object made by state()');
  const { format, version, optimizer, dtype, step, hyper, keys, scalars, shapes } = snapshot;
  const arrayText = (a: unknown, where: string) => {
    // The text holds bytes only: an array of another dtype would read back as other numbers.
    if (dtype !== 'f64' && dtype !== 'f32') fail(`dtype must be 'f64' or 'f32' to write ${where}, got ${String(dtype)}`);
    const Expected = ARRAY[dtype as Dtype];
    const copy = copyFloatArray(a);
    if (copy === null || copy.constructor !== Expected) fail(`${where} must be a ${Expected.name} (the snapshot's dtype is ${String(dtype)})`);
    return encodeBase64(new Uint8Array(copy!.buffer));
  };
  return JSON.stringify({
    format,
    version,
    optimizer,
    dtype,
    step: numberText(step),
    hyper: mapRecord(hyper, 'hyper', fail, numberText),
    keys: mapRecord(keys, 'keys', fail, (byName, key) => mapRecord(byName, `keys['${key}']`, fail, (a, name) => arrayText(a, `keys['${key}'].${name}`))),
    ...(scalars !== undefined && { scalars: mapRecord(scalars, 'scalars', fail, numberText) }),
    ...(shapes !== undefined && { shapes }),
  });
}

/** The snapshot written by stateToJSON, for loadState (which checks it whole). */
export function stateFromJSON(text: string): OptimizerState {
  const fail = failWith('stateFromJSON');
  if (typeof text !== 'string') fail(`the text must be a string made by stateToJSON, got ${typeof text}`);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    fail(`the text is not JSON (${(e as Error).message})`);
  }
  if (data === null || typeof data !== 'object') fail('the text must hold an object made by stateToJSON');
  const { format, version, optimizer, dtype, step, hyper, keys, scalars, shapes } = data as Record<string, unknown>;
  const number = (v: unknown, where: string) => numberFromText(v, where, fail);
  const array = (v: unknown, where: string): FloatArray => {
    if (dtype !== 'f64' && dtype !== 'f32') fail(`dtype must be 'f64' or 'f32' to read ${where}, got ${String(dtype)}`);
    if (typeof v !== 'string') fail(`${where} must be a base64 string`);
    let bytes: Uint8Array<ArrayBuffer>;
    try {
      bytes = decodeBase64(v as string);
    } catch {
      fail(`${where} is not base64`);
    }
    const d = dtype as Dtype;
    if (bytes!.length % BYTES[d] !== 0) fail(`${where} has ${bytes!.length} bytes, not a whole number of ${d} elements`);
    return new ARRAY[d](bytes!.buffer);
  };
  return {
    format,
    version,
    optimizer,
    dtype,
    step: number(step, 'step'),
    hyper: mapRecord(hyper, 'hyper', fail, (v, name) => number(v, `hyper.${name}`)),
    keys: mapRecord(keys, 'keys', fail, (byName, key) => mapRecord(byName, `keys['${key}']`, fail, (v, name) => array(v, `keys['${key}'].${name}`))),
    ...(scalars !== undefined && { scalars: mapRecord(scalars, 'scalars', fail, (v, name) => number(v, `scalars.${name}`)) }),
    // Checked by loadState, as the rest.
    ...(shapes !== undefined && { shapes }),
  } as OptimizerState;
}

function failWith(where: string): (what: string) => never {
  return (what) => {
    throw new TypeError(`${where}: ${what}`);
  };
}

/** A number as JSON writes it, or {"number": spelling} for one it cannot; anything else as it is. */
function numberText(v: unknown): unknown {
  if (typeof v !== 'number' || (Number.isFinite(v) && !Object.is(v, -0))) return v;
  return { number: Object.is(v, -0) ? '-0' : String(v) };
}

/** The inverse of numberText. */
function numberFromText(v: unknown, where: string, fail: (what: string) => never): unknown {
  if (v === null || typeof v !== 'object') return v;
  const spelling = (v as { number?: unknown }).number;
  if (typeof spelling !== 'string' || !Object.hasOwn(SPECIAL, spelling)) fail(`${where} must be a number, a string, a flag or {"number": "NaN" | "Infinity" | "-Infinity" | "-0"}`);
  return SPECIAL[spelling as string];
}

/** Each own enumerable entry of a record through `f`, as own properties of a new one ('__proto__' too). */
function mapRecord<T>(x: unknown, what: string, fail: (what: string) => never, f: (v: unknown, key: string) => T): Record<string, T> {
  if (x === null || typeof x !== 'object') fail(`${what} must be an object`);
  const record = x as Record<string, unknown>;
  return Object.fromEntries(Object.keys(record).map((k) => [k, f(record[k], k)]));
}

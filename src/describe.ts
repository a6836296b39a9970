/**
 * What a value is, for an error message, without running any of its code
 * (no toString, toJSON, getter or Proxy trap: a message must not throw, loop
 * or call back into the optimizer) and without losing it (JSON.stringify
 * turns NaN and Infinity into null and throws on a BigInt).
 */
import { typedArrayName } from './typedArrays.js';

const mapSize = Object.getOwnPropertyDescriptor(Map.prototype, 'size')!.get!;
const setSize = Object.getOwnPropertyDescriptor(Set.prototype, 'size')!.get!;

/** Whether a built-in getter accepts `x` (it throws on an object without the matching internal slots). */
function hasSlots(getter: () => unknown, x: object): boolean {
  try {
    getter.call(x);
    return true;
  } catch {
    return false;
  }
}

/**
 * e.g. `0.5`, `-0`, `NaN`, `bigint 10n`, `string "0.1"`, `boolean true`,
 * `null`, `undefined`, `a plain Array`, `Int32Array`, `a Map`, `a function`,
 * `an object`.
 */
export function describe(v: unknown): string {
  switch (typeof v) {
    case 'number':
      return Object.is(v, -0) ? '-0' : String(v);
    case 'bigint':
      return `bigint ${String(v)}n`;
    case 'string':
      return `string ${JSON.stringify(v)}`;
    case 'boolean':
      return `boolean ${String(v)}`;
    case 'symbol':
      return `a symbol`;
    case 'undefined':
      return 'undefined';
    case 'function':
      return 'a function';
  }
  if (v === null) return 'null';
  const obj = v as object;
  if (Array.isArray(obj)) return 'a plain Array';
  const name = typedArrayName(obj);
  if (name !== undefined) return name;
  if (ArrayBuffer.isView(obj)) return 'a DataView';
  if (hasSlots(mapSize, obj)) return 'a Map';
  if (hasSlots(setSize, obj)) return 'a Set';
  return 'an object';
}

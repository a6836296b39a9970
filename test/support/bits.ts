import { expect } from 'vitest';

type Floats = Float64Array | Float32Array;

/** The raw bits of each element (a copy, so any alignment works). */
function bitsOf(x: Floats): BigUint64Array | Uint32Array {
  const buffer = x.buffer.slice(x.byteOffset, x.byteOffset + x.byteLength);
  return x instanceof Float32Array ? new Uint32Array(buffer) : new BigUint64Array(buffer);
}

/**
 * Asserts two float64 (or two float32) arrays are identical bit for bit, except
 * that any NaN equals any NaN (WebAssembly leaves a NaN's sign and payload
 * unspecified). Reports the first differing index with both values and their bits.
 */
export function expectSameBits(actual: Floats, expected: Floats, what: string): void {
  expect(actual.length, `${what}: length`).toBe(expected.length);
  expect(actual.constructor.name, `${what}: array type`).toBe(expected.constructor.name);
  const a = bitsOf(actual);
  const e = bitsOf(expected);
  for (let i = 0; i < actual.length; i++) {
    if (a[i] !== e[i] && !(Number.isNaN(actual[i]) && Number.isNaN(expected[i]))) {
      expect.fail(
        `${what}[${i}]: got ${actual[i]} (0x${a[i].toString(16)}), expected ${expected[i]} (0x${e[i].toString(16)})`,
      );
    }
  }
}

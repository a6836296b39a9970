import { expect } from 'vitest';

/**
 * Asserts two float64 arrays are identical bit for bit, except that any NaN
 * equals any NaN (WebAssembly leaves a NaN's sign and payload unspecified).
 * Reports the first differing index with both values and their bits.
 */
export function expectSameBits(actual: Float64Array, expected: Float64Array, what: string): void {
  expect(actual.length, `${what}: length`).toBe(expected.length);
  const a = new BigUint64Array(actual.buffer, actual.byteOffset, actual.length);
  const e = new BigUint64Array(expected.buffer.slice(expected.byteOffset, expected.byteOffset + expected.byteLength));
  for (let i = 0; i < actual.length; i++) {
    if (a[i] !== e[i] && !(Number.isNaN(actual[i]) && Number.isNaN(expected[i]))) {
      expect.fail(
        `${what}[${i}]: got ${actual[i]} (0x${a[i].toString(16)}), expected ${expected[i]} (0x${e[i].toString(16)})`,
      );
    }
  }
}

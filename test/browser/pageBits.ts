// Numbers read back from a page, compared by their bits: '0x…' per float64,
// so a failure shows the exact values and -0, NaN payloads or a last-bit
// difference cannot hide behind a lenient comparison.
export function bitsOf(values: readonly number[]): string[] {
  const f = Float64Array.from(values);
  return Array.from(new BigUint64Array(f.buffer), (b) => `0x${b.toString(16).padStart(16, '0')}`);
}

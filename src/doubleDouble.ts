/**
 * The double-double products that exactPow.ts (β^t by squaring) and
 * realPow.ts (x^y through exp and ln) both build on: a value carried as an
 * unevaluated sum hi + lo of two doubles, about 106 bits. Dekker's splitting
 * instead of an FMA, so the result does not depend on what the CPU fuses.
 */

const SPLITTER = 134217729; // 2^27 + 1: Veltkamp's split of a double into two 26-bit halves

/** The rounding error of the product a·b = p (Dekker, no FMA): a·b = p + err exactly. */
export function twoProdErr(a: number, b: number, p: number): number {
  let c = SPLITTER * a;
  const ah = c - (c - a);
  const al = a - ah;
  c = SPLITTER * b;
  const bh = c - (c - b);
  const bl = b - bh;
  return ah * bh - p + ah * bl + al * bh + al * bl;
}

/**
 * (ah + al)·(bh + bl) as a normalised double-double, written to `out`
 * (`out[0]` the rounded product). Each caller keeps its own two-element
 * Float64Array for it: no pair allocated per call, and no boxed double (a
 * number stored in a module-level `let` is boxed).
 */
export function mulDD(ah: number, al: number, bh: number, bl: number, out: Float64Array): void {
  const p = ah * bh;
  const lo = twoProdErr(ah, bh, p) + (ah * bl + al * bh);
  const hi = p + lo;
  out[0] = hi;
  out[1] = lo - (hi - p);
}

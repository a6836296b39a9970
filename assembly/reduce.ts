// Per-key reductions in the fixed order of notes/reductions-spec.md (the same
// order test/support/reductions.ts writes in JS), for either element type T:
//
//   - the sequence is cut into chunks of CHUNK elements, added in chunk order;
//   - in a chunk, L lane sums (L = 2 for f64, 4 for f32: one v128 of T) each add,
//     in index order, the elements at positions ≡ lane (mod L) of the chunk's
//     first m − (m mod L); `tail` adds the rest; the chunk's value is
//     (((lane0 + lane1) + lane2) + lane3) + tail;
//   - every term is f64: an f32 element is promoted first (its square is exact),
//     an f64 square is one rounding.
//
// Sums are kept in two f64x2 accumulators: `lo` holds lanes 0 and 1, `hi` lanes
// 2 and 3 (f32 only; for f64 it stays zero and is never read).

/** Elements per chunk: the unit a thread would take, and the unit sums are combined in. */
export const CHUNK: usize = 4096;

/** Elements of T in one v128. */
@inline export function lanesOf<T>(): usize {
  return 16 / sizeof<T>();
}

/** Lanes 0 and 1 of a v128 of T as f64x2 (the term, or its square). */
@inline export function termsLow<T>(x: v128, squared: bool): v128 {
  const y = sizeof<T>() == 8 ? x : f64x2.promote_low_f32x4(x);
  return squared ? f64x2.mul(y, y) : y;
}

/** Lanes 2 and 3 of a v128 of f32 as f64x2 (the term, or its square); unused for f64. */
@inline export function termsHigh<T>(x: v128, squared: bool): v128 {
  const y = f64x2.promote_low_f32x4(v128.shuffle<f32>(x, x, 2, 3, 2, 3));
  return squared ? f64x2.mul(y, y) : y;
}

/** One element's term in f64. */
@inline export function term<T>(x: T, squared: bool): f64 {
  const y = <f64>x;
  return squared ? y * y : y;
}

/** Adds a v128 of T's terms to the lane sums: `lo` is returned, `hi` is returned by addHigh. */
@inline export function addLow<T>(lo: v128, x: v128, squared: bool): v128 {
  return f64x2.add(lo, termsLow<T>(x, squared));
}

@inline export function addHigh<T>(hi: v128, x: v128, squared: bool): v128 {
  return sizeof<T>() == 8 ? hi : f64x2.add(hi, termsHigh<T>(x, squared));
}

/** A chunk's value: (((lane0 + lane1) + lane2) + lane3) + tail. */
@inline export function chunkValue<T>(lo: v128, hi: v128, tail: f64): f64 {
  let s = f64x2.extract_lane(lo, 0) + f64x2.extract_lane(lo, 1);
  if (sizeof<T>() == 4) s = (s + f64x2.extract_lane(hi, 0)) + f64x2.extract_lane(hi, 1);
  return s + tail;
}

/**
 * Σ term over n elements, in the order above. The elements are what the term
 * rule R gives: a class generic over T with two @inline methods, called on a
 * null reference (as in skeleton.ts) so they inline into this loop:
 *
 *     vec (at: usize, a, b, c, d: usize, flag: bool, k0 … k7: v128): v128   the L elements at byte offset `at`
 *     lane(at: usize, a, b, c, d: usize, flag: bool, k0 … k7: T):    T      the one element at `at`
 *
 * a..d are the key's array pointers, k0..k7 its constants (rounded to T here,
 * once), `flag` a loop-invariant switch the rule may use. Both methods must do
 * the same operations in the same order; they may also store (a pass that
 * updates state and reduces what it computed). `squared` sums the squares.
 */
@inline export function laneSum<T, R>(
  n: usize, squared: bool, a: usize, b: usize, c: usize, d: usize, flag: bool,
  k0: f64, k1: f64, k2: f64, k3: f64, k4: f64, k5: f64, k6: f64, k7: f64,
): f64 {
  const rule = changetype<R>(0);
  const t0 = <T>k0, t1 = <T>k1, t2 = <T>k2, t3 = <T>k3, t4 = <T>k4, t5 = <T>k5, t6 = <T>k6, t7 = <T>k7;
  const v0 = v128.splat<T>(t0), v1 = v128.splat<T>(t1), v2 = v128.splat<T>(t2), v3 = v128.splat<T>(t3);
  const v4 = v128.splat<T>(t4), v5 = v128.splat<T>(t5), v6 = v128.splat<T>(t6), v7 = v128.splat<T>(t7);
  const L = lanesOf<T>();
  let total: f64 = 0;
  for (let start: usize = 0; start < n; start += CHUNK) {
    const end = start + min<usize>(CHUNK, n - start);
    const vecEnd = end - ((end - start) & (L - 1));
    let lo = f64x2.splat(0);
    let hi = f64x2.splat(0);
    let i = start;
    for (; i < vecEnd; i += L) {
      const x = rule.vec(i * sizeof<T>(), a, b, c, d, flag, v0, v1, v2, v3, v4, v5, v6, v7);
      lo = addLow<T>(lo, x, squared);
      hi = addHigh<T>(hi, x, squared);
    }
    let tail: f64 = 0;
    for (; i < end; i++) tail += term<T>(rule.lane(i * sizeof<T>(), a, b, c, d, flag, t0, t1, t2, t3, t4, t5, t6, t7), squared);
    const chunk = chunkValue<T>(lo, hi, tail);
    total = start == 0 ? chunk : total + chunk;
  }
  return total;
}

/**
 * The elementwise loop of a pass with no reduction: rule R's `vec` and `lane`
 * (the signatures above, returning nothing) over n elements, a v128 at a time,
 * then the 1 to L − 1 elements left one at a time.
 */
@inline export function each<T, R>(
  n: usize, a: usize, b: usize, c: usize, d: usize, flag: bool,
  k0: f64, k1: f64, k2: f64, k3: f64, k4: f64, k5: f64, k6: f64, k7: f64,
): void {
  const rule = changetype<R>(0);
  const t0 = <T>k0, t1 = <T>k1, t2 = <T>k2, t3 = <T>k3, t4 = <T>k4, t5 = <T>k5, t6 = <T>k6, t7 = <T>k7;
  const v0 = v128.splat<T>(t0), v1 = v128.splat<T>(t1), v2 = v128.splat<T>(t2), v3 = v128.splat<T>(t3);
  const v4 = v128.splat<T>(t4), v5 = v128.splat<T>(t5), v6 = v128.splat<T>(t6), v7 = v128.splat<T>(t7);
  const bytes = n * sizeof<T>();
  const vecBytes = bytes & ~(<usize>15);
  let i: usize = 0;
  for (; i < vecBytes; i += 16) rule.vec(i, a, b, c, d, flag, v0, v1, v2, v3, v4, v5, v6, v7);
  for (; i < bytes; i += sizeof<T>()) rule.lane(i, a, b, c, d, flag, t0, t1, t2, t3, t4, t5, t6, t7);
}

/** The term rule of a plain array: the elements of `a` themselves. */
export class Elements<T> {
  @inline vec(at: usize, a: usize, b: usize, c: usize, d: usize, flag: bool, k0: v128, k1: v128, k2: v128, k3: v128, k4: v128, k5: v128, k6: v128, k7: v128): v128 {
    return v128.load(a + at);
  }
  @inline lane(at: usize, a: usize, b: usize, c: usize, d: usize, flag: bool, k0: T, k1: T, k2: T, k3: T, k4: T, k5: T, k6: T, k7: T): T {
    return load<T>(a + at);
  }
}

// The two plain sums are functions, not inlined: one copy per T serves every call site.

/** Σ x² over the n elements of T at `x`. */
export function sumOfSquares<T>(x: usize, n: usize): f64 {
  return laneSum<T, Elements<T>>(n, true, x, 0, 0, 0, false, 0, 0, 0, 0, 0, 0, 0, 0);
}

/** Σ x over the n elements of T at `x` (Adafactor's mean of its row factor). */
export function sumOf<T>(x: usize, n: usize): f64 {
  return laneSum<T, Elements<T>>(n, false, x, 0, 0, 0, false, 0, 0, 0, 0, 0, 0, 0, 0);
}

/**
 * The sums of squares down each column of a row-major rows × cols matrix of T
 * at `x`: SIMD across columns, L columns at a time; each column's sum in chunks
 * of CHUNK rows, sequential (no lanes) within a chunk from 0.0, the chunks added
 * in order. Each sum goes to the sink S, a class generic over T called on a
 * null reference:
 *
 *     vec (j: usize, lo: v128, hi: v128, a: usize, k0, k1, k2: f64): void   columns j … j+L−1 (f64x2 lo: j, j+1; hi: j+2, j+3)
 *     lane(j: usize, sum: f64,           a: usize, k0, k1, k2: f64): void   column j (the last cols mod L)
 */
@inline export function columnSumsOfSquares<T, S>(x: usize, rows: usize, cols: usize, a: usize, k0: f64, k1: f64, k2: f64): void {
  const sink = changetype<S>(0);
  const L = lanesOf<T>();
  const stride = cols * sizeof<T>();
  let j: usize = 0;
  // Four v128s of columns (a 64-byte line) per walk down the rows: on a wide matrix each row of a
  // walk is on another page, and walking one v128 at a time went down every line four times.
  for (; j + 4 * L <= cols; j += 4 * L) {
    let lo0 = f64x2.splat(0), hi0 = f64x2.splat(0), lo1 = f64x2.splat(0), hi1 = f64x2.splat(0);
    let lo2 = f64x2.splat(0), hi2 = f64x2.splat(0), lo3 = f64x2.splat(0), hi3 = f64x2.splat(0);
    for (let start: usize = 0; start < rows; start += CHUNK) {
      const end = min<usize>(rows, start + CHUNK);
      let clo0 = f64x2.splat(0), chi0 = f64x2.splat(0), clo1 = f64x2.splat(0), chi1 = f64x2.splat(0);
      let clo2 = f64x2.splat(0), chi2 = f64x2.splat(0), clo3 = f64x2.splat(0), chi3 = f64x2.splat(0);
      let at = x + start * stride + j * sizeof<T>();
      for (let i = start; i < end; i++, at += stride) {
        const v0 = v128.load(at), v1 = v128.load(at, 16), v2 = v128.load(at, 32), v3 = v128.load(at, 48);
        clo0 = addLow<T>(clo0, v0, true);
        chi0 = addHigh<T>(chi0, v0, true);
        clo1 = addLow<T>(clo1, v1, true);
        chi1 = addHigh<T>(chi1, v1, true);
        clo2 = addLow<T>(clo2, v2, true);
        chi2 = addHigh<T>(chi2, v2, true);
        clo3 = addLow<T>(clo3, v3, true);
        chi3 = addHigh<T>(chi3, v3, true);
      }
      const first = start == 0;
      lo0 = first ? clo0 : f64x2.add(lo0, clo0);
      hi0 = first ? chi0 : f64x2.add(hi0, chi0);
      lo1 = first ? clo1 : f64x2.add(lo1, clo1);
      hi1 = first ? chi1 : f64x2.add(hi1, chi1);
      lo2 = first ? clo2 : f64x2.add(lo2, clo2);
      hi2 = first ? chi2 : f64x2.add(hi2, chi2);
      lo3 = first ? clo3 : f64x2.add(lo3, clo3);
      hi3 = first ? chi3 : f64x2.add(hi3, chi3);
    }
    sink.vec(j, lo0, hi0, a, k0, k1, k2);
    sink.vec(j + L, lo1, hi1, a, k0, k1, k2);
    sink.vec(j + 2 * L, lo2, hi2, a, k0, k1, k2);
    sink.vec(j + 3 * L, lo3, hi3, a, k0, k1, k2);
  }
  for (; j + L <= cols; j += L) {
    let lo = f64x2.splat(0);
    let hi = f64x2.splat(0);
    for (let start: usize = 0; start < rows; start += CHUNK) {
      const end = min<usize>(rows, start + CHUNK);
      let clo = f64x2.splat(0);
      let chi = f64x2.splat(0);
      let at = x + start * stride + j * sizeof<T>();
      for (let i = start; i < end; i++, at += stride) {
        const v = v128.load(at);
        clo = addLow<T>(clo, v, true);
        chi = addHigh<T>(chi, v, true);
      }
      lo = start == 0 ? clo : f64x2.add(lo, clo);
      hi = start == 0 ? chi : f64x2.add(hi, chi);
    }
    sink.vec(j, lo, hi, a, k0, k1, k2);
  }
  for (; j < cols; j++) {
    let total: f64 = 0;
    for (let start: usize = 0; start < rows; start += CHUNK) {
      const end = min<usize>(rows, start + CHUNK);
      let chunk: f64 = 0;
      let at = x + start * stride + j * sizeof<T>();
      for (let i = start; i < end; i++, at += stride) chunk += term<T>(load<T>(at), true);
      total = start == 0 ? chunk : total + chunk;
    }
    sink.lane(j, total, a, k0, k1, k2);
  }
}

/** A column sink that stores each column's sum as f64 at a + 8·j (for tests and diagnostics). */
export class StoreSums<T> {
  @inline vec(j: usize, lo: v128, hi: v128, a: usize, k0: f64, k1: f64, k2: f64): void {
    v128.store(a + (j << 3), lo);
    if (sizeof<T>() == 4) v128.store(a + (j << 3) + 16, hi);
  }
  @inline lane(j: usize, sum: f64, a: usize, k0: f64, k1: f64, k2: f64): void {
    store<f64>(a + (j << 3), sum);
  }
}

/**
 * β^t for an integer t ≥ 0, correctly rounded.
 *
 * The seed's Adam computes `beta ** iter` in Python, which is C's `pow`. V8's
 * `Math.pow` differs from it in the last bit for about one exponent in ten,
 * which changes lr_t and so every parameter. Here the power is formed by
 * squaring in double-double arithmetic (about 104 bits, error ~log2(t)·2^-104)
 * and rounded once, so it is correctly rounded. glibc's pow is too, except in
 * about one case in a thousand where it is half an ulp off (test/exactPow.test.ts
 * counts them against exact rational arithmetic); lr_t still equals the seed's
 * at every step 1..100000 for β = (0.9, 0.999).
 *
 * Accurate for results in the normal range; below ~1e-290 the split loses
 * bits, but there `1 − β^t` is exactly 1 whichever way β^t rounds.
 *
 * An optimizer asks for β^1, β^2, β^3, … in turn, so the last double-double
 * power of each base is kept and the next one is one more multiplication;
 * its rounding is used only when the double-double value is provably far
 * enough from a rounding boundary, else the power is formed afresh.
 */
export function powInt(base: number, t: number): number {
  const last = running.get(base);
  if (last && last.t + 1 === t && last.steps < RESYNC) {
    mulDD(last.hi, last.lo, base, 0);
    last.t = t;
    last.hi = outHi;
    last.lo = outLo;
    last.steps++;
    if (decisive(outHi, outLo, (last.steps + 2 * Math.log2(t) + 8) * 2 ** -100)) return outHi;
  }
  const hi = powDD(base, t);
  running.set(base, { t, hi, lo: outLo, steps: 0 });
  if (running.size > 64) running.delete(running.keys().next().value!);
  return hi;
}

/** Running powers by base: the last step's double-double value, and how many multiplications since it was formed afresh. */
const running = new Map<number, { t: number; hi: number; lo: number; steps: number }>();
const RESYNC = 1 << 16;

/**
 * Whether hi + lo, known to within a relative error `rel`, certainly rounds
 * to hi: |lo| plus the error stays below half the spacing of doubles on lo's
 * side of hi (half as wide below a power of two). Normal range only.
 */
function decisive(hi: number, lo: number, rel: number): boolean {
  if (!(hi > 2 ** -1000 && hi < 2 ** 1000)) return false;
  let ulp = 2 ** (Math.floor(Math.log2(hi)) - 52);
  if (ulp * 2 ** 52 > hi) ulp /= 2; // log2 rounded up across a power of two
  else if (ulp * 2 ** 53 <= hi) ulp *= 2;
  const spacing = lo < 0 && ulp * 2 ** 52 === hi ? ulp / 2 : ulp;
  return Math.abs(lo) + rel * hi < spacing / 2;
}

/** β^t by squaring in double-double, always afresh; returns the rounded value, the low part in `outLo`. */
export function powDD(base: number, t: number): number {
  let rh = 1;
  let rl = 0;
  let bh = base;
  let bl = 0;
  for (let n = t; n > 0; n = Math.floor(n / 2)) {
    if (n % 2 === 1) {
      mulDD(rh, rl, bh, bl);
      rh = outHi;
      rl = outLo;
    }
    if (n > 1) {
      mulDD(bh, bl, bh, bl);
      bh = outHi;
      bl = outLo;
    }
  }
  outLo = rl;
  return rh;
}

// Results of mulDD, kept in module scope to avoid allocating a pair per call.
let outHi = 0;
let outLo = 0;

const SPLITTER = 134217729; // 2^27 + 1: Veltkamp's split of a double into two 26-bit halves

/** (ah + al)·(bh + bl) as a normalised double-double; `outHi` is the rounded product. */
function mulDD(ah: number, al: number, bh: number, bl: number): void {
  const p = ah * bh;
  let c = SPLITTER * ah;
  const ahh = c - (c - ah);
  const ahl = ah - ahh;
  c = SPLITTER * bh;
  const bhh = c - (c - bh);
  const bhl = bh - bhh;
  // Dekker's exact product error: ah·bh = p + err exactly.
  const err = ahh * bhh - p + ahh * bhl + ahl * bhh + ahl * bhl;
  const lo = err + (ah * bl + al * bh);
  const hi = p + lo;
  outHi = hi;
  outLo = lo - (hi - p);
}

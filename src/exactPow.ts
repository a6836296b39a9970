import { mulDD } from './doubleDouble.js';

/**
 * β^t for an integer t ≥ 0, correctly rounded.
 *
 * The book's Adam computes `beta ** iter` in Python, which is C's `pow`. V8's
 * `Math.pow` differs from it in the last bit for about one exponent in ten,
 * which changes lr_t and so every parameter. Here the power is formed by
 * squaring in double-double arithmetic (about 104 bits, error ~log2(t)·2^-104)
 * and rounded once, so it is correctly rounded. glibc's pow is too, except in
 * about one case in a thousand where it is half an ulp off (test/exactPow.test.ts
 * counts them against exact rational arithmetic); lr_t still equals the book's
 * at every step 1..100000 for β = (0.9, 0.999).
 *
 * Accurate for results in the normal range; below ~1e-290 the split loses
 * bits, but there `1 − β^t` is exactly 1 whichever way β^t rounds (and once
 * a power has underflowed to 0, the later ones are 0 at once).
 *
 * An optimizer asks for β^1, β^2, β^3, … in turn, so the last double-double
 * power of each base is kept and the next one is one more multiplication;
 * its rounding is used only when the double-double value is provably far
 * enough from a rounding boundary, else the power is formed afresh.
 */
export function powInt(base: number, t: number): number {
  // A few slots of [base, t, hi, lo, steps] in one typed array: no hashing, no objects.
  for (let at = 0; at < RUNNING.length; at += SLOT) {
    if (RUNNING[at] !== base) continue;
    if (RUNNING[at + 1] + 1 !== t || RUNNING[at + 4] >= RESYNC) break;
    if (RUNNING[at + 2] === 0 && Math.abs(base) < 1) {
      RUNNING[at + 1] = t; // underflowed: every later power rounds to 0 too
      return 0;
    }
    mulDD(RUNNING[at + 2], RUNNING[at + 3], base, 0, out);
    RUNNING[at + 1] = t;
    RUNNING[at + 2] = out[0];
    RUNNING[at + 3] = out[1];
    const steps = ++RUNNING[at + 4];
    // Error bound: the afresh value's (2·log2 t ≤ 106 roundings) plus one rounding per multiplication since.
    if (decisive(out[0], out[1], (steps + 128) * EPS100)) return out[0];
    break;
  }
  const hi = powDD(base, t);
  let at = RUNNING.indexOf(base);
  if (at < 0 || at % SLOT !== 0) {
    at = nextSlot;
    nextSlot = (nextSlot + SLOT) % RUNNING.length;
  }
  RUNNING.set([base, t, hi, out[1], 0], at);
  return hi;
}

/** Running powers, one slot per base: the last step's double-double value, and the multiplications since it was formed afresh. */
const SLOT = 5;
const RUNNING = new Float64Array(8 * SLOT).fill(NaN);
let nextSlot = 0;
const RESYNC = 1 << 16;
const EPS100 = 2 ** -100;

/**
 * Whether hi + lo, known to within a relative error `rel`, certainly rounds
 * to hi. Rounding is monotonic, so it is enough that both ends of the
 * interval, widened twice over to cover the rounding of lo ± error itself
 * (far smaller than the error), round to hi. Normal range only.
 */
function decisive(hi: number, lo: number, rel: number): boolean {
  if (!(hi > TINY && hi < HUGE)) return false;
  const e = 2 * rel * hi;
  return hi + (lo + e) === hi && hi + (lo - e) === hi;
}
const TINY = 2 ** -1000;
const HUGE = 2 ** 1000;

// The register mulDD and the double-double steps here write their result to.
const out = new Float64Array(2);

/** β^t by squaring in double-double, always afresh; returns the rounded value, the low part in `out[1]`. */
export function powDD(base: number, t: number): number {
  let rh = 1;
  let rl = 0;
  let bh = base;
  let bl = 0;
  for (let n = t; n > 0; n = Math.floor(n / 2)) {
    if (n % 2 === 1) {
      mulDD(rh, rl, bh, bl, out);
      rh = out[0];
      rl = out[1];
    }
    if (n > 1) {
      mulDD(bh, bl, bh, bl, out);
      bh = out[0];
      bl = out[1];
    }
  }
  out[1] = rl;
  return rh;
}


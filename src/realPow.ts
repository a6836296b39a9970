import { mulDD, twoProdErr } from './doubleDouble.js';

/**
 * x^y for x > 0 and a real y, correctly rounded (for results in the normal range).
 *
 * NAdam's momentum schedule is 0.96^(t·ψ), a non-integer power, which NumPy
 * takes from C's pow; glibc's pow is correctly rounded in practice and V8's
 * Math.pow is not (it differs in the last bit now and then). Here the power is
 * exp(y·ln x) carried in double-double arithmetic (about 100 correct bits) and
 * rounded once at the end. That is the correctly rounded result unless the
 * exact value lies within 2^-36 ulp of a midpoint between two doubles (far
 * more than the double-double's error): such a near-tie is detected and
 * recomputed in BigInt fixed point (scaledPowBig). Subnormal results (below
 * 2^-1022) are left to Math.pow.
 */
export function powReal(x: number, y: number): number {
  if (!(x > 0) || !Number.isFinite(x) || !Number.isFinite(y)) return Math.pow(x, y);
  if (y === 0 || x === 1) return 1;
  logDD(x);
  // y·ln x, exactly as a double-double product (up to its last bits)
  const ph = y * out[0];
  const pl = twoProdErr(y, out[0], ph) + y * out[1];
  const ah = ph + pl;
  const al = pl - (ah - ph);
  if (ah > 709 || ah < -709) return Math.pow(x, y); // overflow, or a subnormal result: the engine's
  const k = expDD(ah, al);
  // Rounded before scaling by 2^k (exact for a normal result), so no bit of lo is lost.
  const hi = out[0] + out[1];
  const lo = out[1] - (hi - out[0]);
  // Distance of the double-double from the nearest midpoint, in units of hi's ulp.
  const ulp = spacing(hi, lo);
  const fromMid = Math.abs(Math.abs(lo) - ulp / 2);
  const scaled = (fromMid > ulp * 2 ** -36 ? hi : scaledPowBig(x, y, k)) * 2 ** k; // exact while normal
  return scaled >= 2 ** -1022 ? scaled : Math.pow(x, y);
}

// The register mulDD and the double-double steps here write their result to.
const out = new Float64Array(2);

/** (ah, al) + (bh, bl) → out, with both parts' errors kept (Knuth's two-sum). */
function addDD(ah: number, al: number, bh: number, bl: number): void {
  const s = ah + bh;
  const v = s - ah;
  const e = ah - (s - v) + (bh - v) + al + bl;
  out[0] = s + e;
  out[1] = e - (out[0] - s);
}

/** (ah, al) / (bh, bl) → out: a quotient, corrected once by its remainder. */
function divDD(ah: number, al: number, bh: number, bl: number): void {
  const q1 = ah / bh;
  mulDD(q1, 0, bh, bl, out);
  addDD(ah, al, -out[0], -out[1]);
  const q2 = out[0] / bh;
  out[0] = q1 + q2;
  out[1] = q2 - (out[0] - q1);
}

// ln 2 as a double-double (hi + lo, |lo| < ulp(hi)/2)
const LN2_HI = 0.6931471805599453;
const LN2_LO = 2.3190468138462996e-17;

/**
 * ln x → out. x = m·2^e with m in [√½, √2); ln m = 2·atanh(s),
 * s = (m−1)/(m+1), summed as s + s³/3 + s⁵/5 + … in double-double.
 */
function logDD(x: number): void {
  let e = Math.round(Math.log2(x));
  let m = x / 2 ** e; // exact: a power of two scaling a normal number
  if (m > Math.SQRT2) {
    m /= 2;
    e += 1;
  } else if (m < Math.SQRT1_2) {
    m *= 2;
    e -= 1;
  }
  // m − 1 is exact (Sterbenz); m + 1 exactly as a double-double
  const dh = m + 1;
  const dl = m - (dh - 1);
  divDD(m - 1, 0, dh, dl);
  const sh = out[0];
  const sl = out[1];
  mulDD(sh, sl, sh, sl, out);
  const s2h = out[0];
  const s2l = out[1];
  let th = sh; // the term s^(2k+1)
  let tl = sl;
  let sumH = sh;
  let sumL = sl;
  for (let k = 3; ; k += 2) {
    mulDD(th, tl, s2h, s2l, out);
    th = out[0];
    tl = out[1];
    divDD(th, tl, k, 0);
    // ≤, not <: for x a power of two, m = 1 and every term and the sum are 0
    if (Math.abs(out[0]) <= Math.abs(sumH) * 2 ** -110) break;
    addDD(sumH, sumL, out[0], out[1]);
    sumH = out[0];
    sumL = out[1];
  }
  // ln x = e·ln 2 + 2·sum
  const eh = e * LN2_HI; // e is small: e·LN2_HI has its error below
  const el = twoProdErr(e, LN2_HI, eh) + e * LN2_LO;
  addDD(eh, el, 2 * sumH, 2 * sumL);
}

/**
 * e^(ah + al) = 2^k·(out[0] + out[1]), returning k; for |ah| ≤ 709. a = k·ln 2 + r, |r| ≤ ln2/2;
 * e^r = (1 + q)^32 with q = expm1(r/32) by its Taylor series, squared five
 * times in the form (1+q)² − 1 = q·(2 + q) to keep q's relative accuracy.
 */
function expDD(ah: number, al: number): number {
  const k = Math.round(ah / LN2_HI);
  const kh = k * LN2_HI;
  const kl = twoProdErr(k, LN2_HI, kh) + k * LN2_LO;
  addDD(ah, al, -kh, -kl);
  const rh = out[0] / 32;
  const rl = out[1] / 32;
  // q = r + r²/2! + r³/3! + …  (|r| ≤ 0.0109: 13 terms reach 2^-106)
  let th = rh;
  let tl = rl;
  let qh = rh;
  let ql = rl;
  for (let n = 2; n <= 14; n++) {
    mulDD(th, tl, rh, rl, out);
    divDD(out[0], out[1], n, 0);
    th = out[0];
    tl = out[1];
    addDD(qh, ql, th, tl);
    qh = out[0];
    ql = out[1];
  }
  for (let i = 0; i < 5; i++) {
    addDD(2, 0, qh, ql);
    mulDD(qh, ql, out[0], out[1], out);
    qh = out[0];
    ql = out[1];
  }
  addDD(1, 0, qh, ql);
  return k;
}

const bits = new Float64Array(1);
const words = new Uint32Array(bits.buffer);
const HIGH = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0; // the word holding the exponent

/**
 * The spacing of doubles on the side of x where x + lo lies (for normal x):
 * 2^(exponent − 52), halved below a power of two.
 */
function spacing(x: number, lo: number): number {
  bits[0] = x;
  const ulp = 2 ** (((words[HIGH] >>> 20) & 0x7ff) - 1075);
  const powerOfTwo = (words[HIGH] & 0xfffff) === 0 && words[1 - HIGH] === 0;
  return powerOfTwo && lo < 0 ? ulp / 2 : ulp;
}

/**
 * 2^-k·x^y, correctly rounded, in 300-bit fixed point (BigInt): the near-tie
 * case of powReal (about one call in 2^35), and its test oracle. k must make
 * the result about 1 (k = round(y·log2 x)).
 */
export function scaledPowBig(x: number, y: number, k: number): number {
  const [mx, ex] = parts(x);
  const [my, ey] = parts(y);
  // ln x = ln(mx·2^-52) + (ex + 52)·ln 2, mx·2^-52 in [1, 2)
  const lnX = atanh2((ONE * mx) >> 52n) + BigInt(ex + 52) * LN2;
  const r = shift(my * lnX, ey) - BigInt(k) * LN2;
  let sum = ONE;
  let term = ONE;
  for (let n = 1n; term !== 0n; n++) {
    term = (term * r) / (n << P);
    sum += term;
  }
  // keep 53 significant bits, rounding the rest to nearest, ties to even
  const drop = BigInt(sum.toString(2).length - 53);
  let q = sum >> drop;
  const rest = sum - (q << drop);
  const half = 1n << (drop - 1n);
  if (rest > half || (rest === half && (q & 1n) === 1n)) q += 1n;
  return Number(q) * 2 ** Number(drop - P);
}

const P = 300n;
const ONE = 1n << P;

/** 2·atanh((m−1)/(m+1)) = ln m, for m (fixed point) in [1, 2]. */
function atanh2(m: bigint): bigint {
  const s = ((m - ONE) << P) / (m + ONE);
  const s2 = (s * s) >> P;
  let term = s;
  let sum = s;
  for (let k = 3n; term !== 0n; k += 2n) {
    term = (term * s2) >> P;
    sum += term / k;
  }
  return 2n * sum;
}

const LN2 = atanh2(2n * ONE);

/** A finite double as (integer m, exponent e) with value m·2^e exactly. */
function parts(x: number): [bigint, number] {
  bits[0] = x;
  const e = (words[HIGH] >>> 20) & 0x7ff;
  const m = BigInt(words[HIGH] & 0xfffff) * 2n ** 32n + BigInt(words[1 - HIGH]) + (e === 0 ? 0n : 1n << 52n);
  const sign = words[HIGH] >>> 31 ? -1n : 1n;
  return [sign * m, Math.max(e, 1) - 1075];
}

/** v·2^e, truncated toward zero when e < 0. */
function shift(v: bigint, e: number): bigint {
  return e >= 0 ? v << BigInt(e) : v / (1n << BigInt(-e));
}

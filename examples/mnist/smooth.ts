// Loss-curve smoothing as the book plots it (common/util.py smooth_curve), and
// the tail mean the table reports.

/** Modified Bessel function of the first kind, order 0 (power series; converges fast for small x). */
function besselI0(x: number): number {
  const q = (x / 2) ** 2;
  let term = 1;
  let sum = 1;
  for (let k = 1; term > 1e-17 * sum; k++) {
    term *= q / (k * k);
    sum += term;
  }
  return sum;
}

/** NumPy's kaiser(m, beta). */
export function kaiser(m: number, beta: number): Float64Array {
  const w = new Float64Array(m);
  for (let n = 0; n < m; n++) {
    const r = m === 1 ? 0 : (2 * n) / (m - 1) - 1;
    w[n] = besselI0(beta * Math.sqrt(1 - r * r)) / besselI0(beta);
  }
  return w;
}

/**
 * The book's smooth_curve: a normalised Kaiser window (11 points, beta 2)
 * slid over the curve, which is mirrored at both ends so the output has the
 * input's length. Like NumPy's `np.r_` there, the start is mirrored without
 * its first point and the end with its last. Curves shorter than the window
 * come back unchanged.
 */
export function smoothCurve(x: ArrayLike<number>): Float64Array {
  const len = 11;
  const half = (len - 1) / 2;
  const n = x.length;
  if (n < len) return Float64Array.from(x);
  const w = kaiser(len, 2);
  const total = w.reduce((a, b) => a + b, 0);
  const at = (q: number): number => (q < 0 ? x[-q] : q >= n ? x[2 * n - 1 - q] : x[q]);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let m = 0; m < len; m++) s += w[m] * at(i + m - half);
    y[i] = s / total;
  }
  return y;
}

/** Mean of the last `count` values. */
export function tailMean(x: ArrayLike<number>, count: number): number {
  const from = Math.max(0, x.length - count);
  let s = 0;
  for (let i = from; i < x.length; i++) s += x[i];
  return s / (x.length - from);
}

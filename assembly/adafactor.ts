// torch.Adafactor (PyTorch ≥ 2.5) for one key, in the passes of notes/reductions-spec.md:
//   1. alpha = max(eps2, √(Σp² / n))·rho, p before the step (f64);
//   2. if weightDecay ≠ 0: p ← p − lrwd·p;
//   3. the second moment: a matrix key's row and column factors (from the row and column
//      sums of g² as means, rounded to T) and V̂ = (row·col) / den, den = max(mean(row), eps1);
//      a vector key's v ← (beta2t·v) + (omb2t·(g·g)), V̂ = v;
//   4. U = g / max(√V̂, eps1), stored at `u` (n elements of scratch), denom = max(1, √(ΣU² / n) / d),
//      ΣU² in flat order;
//   5. p ← p − alpha·(U / denom), U read back: computing it again took as many square roots and two
//      more divisions per element, the most of the key's divider work.
// Every array operation is in T; each f64 scalar is rounded to T once, where it meets an array.
import { CHUNK, addHigh, addLow, chunkValue, columnSumsOfSquares, each, lanesOf, laneSum, sumOf, sumOfSquares, term } from "./reduce";

// U for a v128 of T and for one element: g / max(√V̂, eps1).
@inline function updateVec<T>(g: v128, vhat: v128, eps1: v128): v128 {
  return v128.div<T>(g, v128.max<T>(v128.sqrt<T>(vhat), eps1));
}

@inline function updateLane<T>(g: T, vhat: T, eps1: T): T {
  return g / max<T>(sqrt<T>(vhat), eps1);
}

/** p ← p − lrwd·p (a = p, k0 = lrwd). */
class Decay<T> {
  @inline vec(at: usize, p: usize, b: usize, c: usize, d: usize, flag: bool, lrwd: v128, k1: v128, k2: v128, k3: v128, k4: v128, k5: v128, k6: v128, k7: v128): void {
    const param = v128.load(p + at);
    v128.store(p + at, v128.sub<T>(param, v128.mul<T>(lrwd, param)));
  }
  @inline lane(at: usize, p: usize, b: usize, c: usize, d: usize, flag: bool, lrwd: T, k1: T, k2: T, k3: T, k4: T, k5: T, k6: T, k7: T): void {
    const param = load<T>(p + at);
    store<T>(p + at, param - lrwd * param);
  }
}

/** A vector key's pass 3 and 4, a term rule of laneSum: v ← (beta2t·v) + (omb2t·(g·g)); stores U at u and gives it (b = g, c = v, d = u; k0..k2 = beta2t, omb2t, eps1). */
class SecondMoment<T> {
  @inline vec(at: usize, a: usize, g: usize, v: usize, u: usize, flag: bool, beta2t: v128, omb2t: v128, eps1: v128, k3: v128, k4: v128, k5: v128, k6: v128, k7: v128): v128 {
    const grad = v128.load(g + at);
    const v1 = v128.add<T>(v128.mul<T>(beta2t, v128.load(v + at)), v128.mul<T>(omb2t, v128.mul<T>(grad, grad)));
    v128.store(v + at, v1);
    const x = updateVec<T>(grad, v1, eps1);
    v128.store(u + at, x);
    return x;
  }
  @inline lane(at: usize, a: usize, g: usize, v: usize, u: usize, flag: bool, beta2t: T, omb2t: T, eps1: T, k3: T, k4: T, k5: T, k6: T, k7: T): T {
    const grad = load<T>(g + at);
    const v1: T = beta2t * load<T>(v + at) + omb2t * (grad * grad);
    store<T>(v + at, v1);
    const x = updateLane<T>(grad, v1, eps1);
    store<T>(u + at, x);
    return x;
  }
}

/** Pass 5: p ← p − alpha·(U / denom), U as pass 4 stored it (a = p, b = u; k0, k1 = alpha, denom). */
class Step<T> {
  @inline vec(at: usize, p: usize, u: usize, c: usize, d: usize, flag: bool, alpha: v128, denom: v128, k2: v128, k3: v128, k4: v128, k5: v128, k6: v128, k7: v128): void {
    v128.store(p + at, v128.sub<T>(v128.load(p + at), v128.mul<T>(alpha, v128.div<T>(v128.load(u + at), denom))));
  }
  @inline lane(at: usize, p: usize, u: usize, c: usize, d: usize, flag: bool, alpha: T, denom: T, k2: T, k3: T, k4: T, k5: T, k6: T, k7: T): void {
    store<T>(p + at, load<T>(p + at) - alpha * (load<T>(u + at) / denom));
  }
}

/** Pass 3's column factor, a sink of columnSumsOfSquares: col ← (beta2t·col) + (omb2t·(sum / rows)) (a = col; k0..k2 = beta2t, omb2t, rows). */
class ColumnFactor<T> {
  @inline vec(j: usize, lo: v128, hi: v128, col: usize, beta2t: f64, omb2t: f64, rows: f64): void {
    const count = f64x2.splat(rows);
    const meanLo = f64x2.div(lo, count);
    const mean = sizeof<T>() == 8 ? meanLo : v128.shuffle<f32>(f32x4.demote_f64x2_zero(meanLo), f32x4.demote_f64x2_zero(f64x2.div(hi, count)), 0, 1, 4, 5);
    const at = col + j * sizeof<T>();
    v128.store(at, v128.add<T>(v128.mul<T>(v128.splat<T>(<T>beta2t), v128.load(at)), v128.mul<T>(v128.splat<T>(<T>omb2t), mean)));
  }
  @inline lane(j: usize, sum: f64, col: usize, beta2t: f64, omb2t: f64, rows: f64): void {
    const at = col + j * sizeof<T>();
    store<T>(at, factorUpdate<T>(load<T>(at), sum / rows, beta2t, omb2t));
  }
}

/** One factor value's update: (beta2t·x) + (omb2t·mean), the mean rounded to T. */
@inline function factorUpdate<T>(x: T, mean: f64, beta2t: f64, omb2t: f64): T {
  return <T>beta2t * x + <T>omb2t * <T>mean;
}

/** den = max(mean of the R row factors at `row`, eps1), rounded to T. */
@inline function denominatorOf<T>(row: usize, R: usize, eps1: f64): T {
  return <T>max<f64>(sumOf<T>(row, R) / <f64>R, eps1);
}

/**
 * ΣU² over a matrix key in flat order (b·R·C + i·C + j), each U stored at `u`, with the lanes and chunks of
 * reduce.ts: a cursor (b, i, j) walks the elements; a v128 of U when L elements of one
 * row start at a lane-0 position, else one element added to its own lane (k mod L)
 * or, past the chunk's last whole v128, to `tail`. Lane sums are ≥ +0, so adding 0.0
 * to the other lanes leaves them exact.
 */
@inline function matrixUpdateSquares<T>(g: usize, u: usize, row: usize, col: usize, B: usize, R: usize, C: usize, eps1: f64): f64 {
  const L = lanesOf<T>();
  const size = sizeof<T>();
  const n = B * R * C;
  const e1 = <T>eps1;
  const ve1 = v128.splat<T>(e1);
  let rowAt = row;
  let colAt = col;
  let den = denominatorOf<T>(rowAt, R, eps1);
  let vden = v128.splat<T>(den);
  let b: usize = 0;
  let i: usize = 0;
  let j: usize = 0;
  let total: f64 = 0;
  for (let start: usize = 0; start < n; start += CHUNK) {
    const end = start + min<usize>(CHUNK, n - start);
    const vecEnd = end - ((end - start) & (L - 1));
    let lo = f64x2.splat(0);
    let hi = f64x2.splat(0);
    let tail: f64 = 0;
    let k = start;
    while (k < end) {
      const r = load<T>(rowAt + i * size);
      if (k < vecEnd && (k & (L - 1)) == 0 && j + L <= C) {
        const vhat = v128.div<T>(v128.mul<T>(v128.splat<T>(r), v128.load(colAt + j * size)), vden);
        const x = updateVec<T>(v128.load(g + k * size), vhat, ve1);
        v128.store(u + k * size, x);
        lo = addLow<T>(lo, x, true);
        hi = addHigh<T>(hi, x, true);
        k += L;
        j += L;
      } else {
        const x = updateLane<T>(load<T>(g + k * size), (r * load<T>(colAt + j * size)) / den, e1);
        store<T>(u + k * size, x);
        const y = term<T>(x, true);
        const lane = k & (L - 1);
        if (k >= vecEnd) tail += y;
        else {
          const z = f64x2.splat(0);
          const one = (lane & 1) == 0 ? f64x2.replace_lane(z, 0, y) : f64x2.replace_lane(z, 1, y);
          if (lane < 2) lo = f64x2.add(lo, one);
          else hi = f64x2.add(hi, one);
        }
        k++;
        j++;
      }
      if (j == C) {
        j = 0;
        if (++i == R) {
          i = 0;
          rowAt += R * size;
          colAt += C * size;
          if (++b < B) {
            den = denominatorOf<T>(rowAt, R, eps1);
            vden = v128.splat<T>(den);
          }
        }
      }
    }
    const chunk = chunkValue<T>(lo, hi, tail);
    total = start == 0 ? chunk : total + chunk;
  }
  return total;
}

/** Passes 1 and 2: alpha from p before the step, then decoupled weight decay (one copy per T for both key kinds). */
function alphaThenDecay<T>(p: usize, n: usize, rho: f64, lrwd: f64, eps2: f64, weightDecay: f64): f64 {
  const alpha = max<f64>(eps2, Math.sqrt(sumOfSquares<T>(p, n) / <f64>n)) * rho;
  if (weightDecay != 0) each<T, Decay<T>>(n, p, 0, 0, 0, false, lrwd, 0, 0, 0, 0, 0, 0, 0);
  return alpha;
}

/** The update clipping denominator from ΣU². */
@inline function clipDenominator(ssU: f64, n: usize, d: f64): f64 {
  return max<f64>(1.0, Math.sqrt(ssU / <f64>n) / d);
}

/**
 * One step of a matrix key (2+ dims): B matrices of R × C elements of T, row-major, at
 * byte pointers p and g; its row factor (B·R values) at `row`, column factor (B·C) at `col`;
 * n = B·R·C elements of scratch for U at `u` (it may be g itself: g is not read after U).
 * Options eps1, eps2, d, weightDecay; step t's host scalars beta2t = 1 − t^τ, omb2t = 1 − beta2t,
 * rho = min(lr, 1/√t), lrwd = lr·weightDecay. Returns the clipping denominator (f64).
 */
@inline export function adafactorMatrixKey<T>(
  p: usize, g: usize, row: usize, col: usize, u: usize, B: usize, R: usize, C: usize,
  eps1: f64, eps2: f64, d: f64, weightDecay: f64,
  beta2t: f64, omb2t: f64, rho: f64, lrwd: f64,
): f64 {
  const size = sizeof<T>();
  const n = B * R * C;
  const alpha = alphaThenDecay<T>(p, n, rho, lrwd, eps2, weightDecay);
  for (let b: usize = 0; b < B; b++) {
    const gb = g + b * R * C * size;
    const rowb = row + b * R * size;
    for (let i: usize = 0; i < R; i++) {
      const at = rowb + i * size;
      store<T>(at, factorUpdate<T>(load<T>(at), sumOfSquares<T>(gb + i * C * size, C) / <f64>C, beta2t, omb2t));
    }
    columnSumsOfSquares<T, ColumnFactor<T>>(gb, R, C, col + b * C * size, beta2t, omb2t, <f64>R);
  }
  const denom = clipDenominator(matrixUpdateSquares<T>(g, u, row, col, B, R, C, eps1), n, d);
  each<T, Step<T>>(n, p, u, 0, 0, false, alpha, denom, 0, 0, 0, 0, 0, 0);
  return denom;
}

/** One step of a vector key (1 dim): n elements of T at p and g, its second moment v (n values), scratch for U at u. Scalars as above. */
@inline export function adafactorVectorKey<T>(
  p: usize, g: usize, v: usize, u: usize, n: usize,
  eps1: f64, eps2: f64, d: f64, weightDecay: f64,
  beta2t: f64, omb2t: f64, rho: f64, lrwd: f64,
): f64 {
  const alpha = alphaThenDecay<T>(p, n, rho, lrwd, eps2, weightDecay);
  const denom = clipDenominator(laneSum<T, SecondMoment<T>>(n, true, 0, g, v, u, false, beta2t, omb2t, eps1, 0, 0, 0, 0, 0), n, d);
  each<T, Step<T>>(n, p, u, 0, 0, false, alpha, denom, 0, 0, 0, 0, 0, 0);
  return denom;
}

/**
 * The rule the generated per-key kernel calls for each table entry (scripts/genKernels.mjs):
 * a key of one row (a 1-dim key) keeps the unfactored v in state 2; any other is n / (rows·cols)
 * matrices with the row factor in state 0 and the column factor in state 1 (src's stateSizes).
 * The state the key does not keep points at n elements of scratch for U (src's scratchState).
 * eps1 NaN stands for its default, the element type's machine epsilon (torch.finfo(dtype).eps).
 */
export class AdafactorRule<T> {
  @inline key(p: usize, g: usize, row: usize, col: usize, v: usize, n: usize, rows: usize, cols: usize, beta2t: f64, omb2t: f64, rho: f64, lrwd: f64, eps1: f64, eps2: f64, d: f64, weightDecay: f64): void {
    const e1 = isNaN(eps1) ? (sizeof<T>() == 8 ? f64.EPSILON : <f64>f32.EPSILON) : eps1;
    if (rows == 1) adafactorVectorKey<T>(p, g, v, row, n, e1, eps2, d, weightDecay, beta2t, omb2t, rho, lrwd);
    else adafactorMatrixKey<T>(p, g, row, col, v, n / (rows * cols), rows, cols, e1, eps2, d, weightDecay, beta2t, omb2t, rho, lrwd);
  }
}

// LAMB (Optax's `lamb`) for one key, in the passes of notes/reductions-spec.md:
//   1. ‖p‖² over p before the step;
//   2. m ← (omb1·g) + (beta1·m) ; v ← (omb2·(g·g)) + (beta2·v) ;
//      u = (m / bc1) / (√(v / bc2) + eps) [+ weightDecay·p], and ‖u‖² in the same pass;
//   3. ratio = ‖p‖ / ‖u‖ (1 where either is 0), rounded to T once;
//      p ← p − ((u·ratio)·lr), u recomputed from the stored m, v (and p) with the same operations.
// Every array operation is in T; the f64 scalars are rounded to T once, where they meet an array.
import { each, laneSum, sumOfSquares } from "./reduce";

// u from the updated moments, for a v128 of T and for one element (the same operations in the same order).
@inline function directionVec<T>(m: v128, v: v128, p: v128, decayed: bool, bc1: v128, bc2: v128, eps: v128, wd: v128): v128 {
  const u = v128.div<T>(v128.div<T>(m, bc1), v128.add<T>(v128.sqrt<T>(v128.div<T>(v, bc2)), eps));
  return decayed ? v128.add<T>(u, v128.mul<T>(wd, p)) : u;
}

@inline function directionLane<T>(m: T, v: T, p: T, decayed: bool, bc1: T, bc2: T, eps: T, wd: T): T {
  const u: T = (m / bc1) / (sqrt<T>(v / bc2) + eps);
  return decayed ? u + wd * p : u;
}

/** Pass 2, a term rule of laneSum: a = p, b = g, c = m, d = v; k0..k7 = omb1, beta1, omb2, beta2, bc1, bc2, eps, weightDecay. */
class LambMoments<T> {
  @inline vec(at: usize, p: usize, g: usize, m: usize, v: usize, decayed: bool, omb1: v128, beta1: v128, omb2: v128, beta2: v128, bc1: v128, bc2: v128, eps: v128, wd: v128): v128 {
    const grad = v128.load(g + at);
    const m1 = v128.add<T>(v128.mul<T>(omb1, grad), v128.mul<T>(beta1, v128.load(m + at)));
    const v1 = v128.add<T>(v128.mul<T>(omb2, v128.mul<T>(grad, grad)), v128.mul<T>(beta2, v128.load(v + at)));
    v128.store(m + at, m1);
    v128.store(v + at, v1);
    return directionVec<T>(m1, v1, v128.load(p + at), decayed, bc1, bc2, eps, wd);
  }
  @inline lane(at: usize, p: usize, g: usize, m: usize, v: usize, decayed: bool, omb1: T, beta1: T, omb2: T, beta2: T, bc1: T, bc2: T, eps: T, wd: T): T {
    const grad = load<T>(g + at);
    const m1: T = omb1 * grad + beta1 * load<T>(m + at);
    const v1: T = omb2 * (grad * grad) + beta2 * load<T>(v + at);
    store<T>(m + at, m1);
    store<T>(v + at, v1);
    return directionLane<T>(m1, v1, load<T>(p + at), decayed, bc1, bc2, eps, wd);
  }
}

/** Pass 3, an elementwise rule: a = p, c = m, d = v; k0 = ratio, k1 = lr, k4..k7 = bc1, bc2, eps, weightDecay. */
class LambStep<T> {
  @inline vec(at: usize, p: usize, g: usize, m: usize, v: usize, decayed: bool, ratio: v128, lr: v128, k2: v128, k3: v128, bc1: v128, bc2: v128, eps: v128, wd: v128): void {
    const param = v128.load(p + at);
    const u = directionVec<T>(v128.load(m + at), v128.load(v + at), param, decayed, bc1, bc2, eps, wd);
    v128.store(p + at, v128.sub<T>(param, v128.mul<T>(v128.mul<T>(u, ratio), lr)));
  }
  @inline lane(at: usize, p: usize, g: usize, m: usize, v: usize, decayed: bool, ratio: T, lr: T, k2: T, k3: T, bc1: T, bc2: T, eps: T, wd: T): void {
    const param = load<T>(p + at);
    const u = directionLane<T>(load<T>(m + at), load<T>(v + at), param, decayed, bc1, bc2, eps, wd);
    store<T>(p + at, param - (u * ratio) * lr);
  }
}

/**
 * One key's LAMB step, in place, on n elements of T at byte pointers p, g, m, v.
 * Options: lr, beta1, beta2, eps, weightDecay; step t's host scalars: omb1 = 1 − beta1,
 * omb2 = 1 − beta2, bc1 = 1 − beta1^t, bc2 = 1 − beta2^t. Returns the trust ratio (f64).
 */
@inline export function lambKey<T>(
  p: usize, g: usize, m: usize, v: usize, n: usize,
  lr: f64, beta1: f64, beta2: f64, eps: f64, weightDecay: f64,
  omb1: f64, omb2: f64, bc1: f64, bc2: f64,
): f64 {
  const decayed = weightDecay != 0;
  const pn = Math.sqrt(sumOfSquares<T>(p, n));
  const un = Math.sqrt(laneSum<T, LambMoments<T>>(n, true, p, g, m, v, decayed, omb1, beta1, omb2, beta2, bc1, bc2, eps, weightDecay));
  const ratio = pn == 0 || un == 0 ? 1.0 : pn / un;
  each<T, LambStep<T>>(n, p, g, m, v, decayed, ratio, lr, 0, 0, bc1, bc2, eps, weightDecay);
  return ratio;
}

/**
 * The rule the generated per-key kernel calls for each table entry (scripts/genKernels.mjs):
 * state 0 and 1 are m and v, as long as the param; the shape is not read.
 */
export class LambRule<T> {
  @inline key(p: usize, g: usize, m: usize, v: usize, s2: usize, n: usize, rows: usize, cols: usize, lr: f64, beta1: f64, beta2: f64, eps: f64, weightDecay: f64, omb1: f64, omb2: f64, bc1: f64, bc2: f64): void {
    lambKey<T>(p, g, m, v, n, lr, beta1, beta2, eps, weightDecay, omb1, omb2, bc1, bc2);
  }
}

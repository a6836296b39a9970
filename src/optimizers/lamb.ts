import { learningRate, nonNegative, positive, unitInterval } from '../hyperparameters.js';
import type { FloatArray, Round } from '../dtype.js';
import { powInt } from '../exactPow.js';
import { lanesOf, squaresInLanes } from '../reductions.js';
import { scratchLike } from '../scratch.js';
import type { Rule, StepConstants } from '../rule.js';

export interface LAMBHyper {
  /** Learning rate (default 0.001). */
  lr: number;
  /** Decay of the first moment m, in [0, 1) (default 0.9). */
  beta1: number;
  /** Decay of the second moment v, in [0, 1) (default 0.999). */
  beta2: number;
  /** Added outside the square root (default 1e-6). */
  eps: number;
  /** Decoupled weight decay, added to the direction before the trust ratio (default 0). */
  weightDecay: number;
}

type LambKernel = 'lamb';
export type LambConstants = StepConstants<LambKernel>;

/**
 * One key's LAMB step, in place: Adam's moments and bias-corrected direction u
 * (eps outside the root), plus weightDecay·p; the trust ratio ‖p‖/‖u‖ (1 where
 * either norm is 0; p before the step); p ← p − (u·ratio)·lr. `c` is the host's
 * f64 values, rounded by `r` where they meet an array. Returns the ratio.
 */
export function lambKey(p: FloatArray, g: FloatArray, m: FloatArray, v: FloatArray, c: LambConstants, r: Round): { ratio: number; zeroNorm: boolean } {
  const n = p.length;
  const [omb1, omb2, beta1, beta2, bc1, bc2, eps, wd, lr] = [c.omb1, c.omb2, c.beta1, c.beta2, c.bc1, c.bc2, c.eps, c.weightDecay, c.lr].map(r);
  const u = scratchLike(p, n);
  const decayed = c.weightDecay !== 0;
  // Each value is kept in a local as it is stored: r has already rounded it to the array's type.
  for (let i = 0; i < n; i++) {
    const gi = g[i];
    const mi = (m[i] = r(r(omb1 * gi) + r(beta1 * m[i])));
    const vi = (v[i] = r(r(omb2 * r(gi * gi)) + r(beta2 * v[i])));
    const ui = r(r(mi / bc1) / r(r(Math.sqrt(r(vi / bc2))) + eps));
    u[i] = decayed ? r(ui + r(wd * p[i])) : ui;
  }
  const lanes = lanesOf(p);
  const pn = Math.sqrt(squaresInLanes(p, 0, n, lanes, null));
  const un = Math.sqrt(squaresInLanes(u, 0, n, lanes, null));
  const zeroNorm = pn === 0 || un === 0;
  const ratio = zeroNorm ? 1 : pn / un;
  const rt = r(ratio);
  for (let i = 0; i < n; i++) p[i] = r(p[i] - r(r(u[i] * rt) * lr));
  return { ratio, zeroNorm };
}

/** Step t's host scalars and the options the kernel reads, in f64 (powers correctly rounded). */
export function lambConstants(h: LAMBHyper, t: number): LambConstants {
  return {
    lr: h.lr,
    beta1: h.beta1,
    beta2: h.beta2,
    eps: h.eps,
    weightDecay: h.weightDecay,
    omb1: 1 - h.beta1,
    omb2: 1 - h.beta2,
    bc1: 1 - powInt(h.beta1, t),
    bc2: 1 - powInt(h.beta2, t),
  };
}

/**
 * LAMB (You et al. 2019) as Optax's `lamb`: Adam's direction with bias
 * correction (eps outside the root), decoupled weight decay added to it, then
 * scaled per key by the trust ratio ‖p‖/‖u‖ (1 where either norm is 0):
 *
 *     m ← β1·m + (1−β1)·g;  v ← β2·v + (1−β2)·g²
 *     u = (m / (1−β1^t)) / (√(v / (1−β2^t)) + eps) + wd·p
 *     p ← p − lr·(‖p‖/‖u‖)·u
 */
export const lambRule: Rule<LAMBHyper, LambKernel> = {
  name: 'LAMB',
  hyper: {
    lr: learningRate(0.001),
    beta1: unitInterval(0.9),
    beta2: unitInterval(0.999),
    eps: positive(1e-6),
    weightDecay: nonNegative(0),
  },
  state: ['m', 'v'],
  nonNegativeState: ['v'],
  decoupledWeightDecay: true,
  perKey: true,
  kernel: 'lamb',
  constants: lambConstants,
  js(p, g, [m, v], c, r) {
    lambKey(p, g, m, v, c, r);
  },
};

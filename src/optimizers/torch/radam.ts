import { learningRate, positive, unitInterval } from '../../hyperparameters.js';
import { powInt } from '../../exactPow.js';
import type { Rule } from '../../rule.js';

export interface TorchRAdamHyper {
  /** Learning rate (default 0.001). */
  lr: number;
  /** Decay of the first moment, in [0, 1) (default 0.9). */
  beta1: number;
  /** Decay of the second moment, in [0, 1) (default 0.999). */
  beta2: number;
  /** Added to √v, outside the square root (default 1e-8). */
  eps: number;
}

/**
 * The rectification at step t, on the host: β2^t, ρ_t and, where ρ_t > 5, the
 * factor r_t (null before), in the order of the golden script's radam_rho.
 * Both kernelFor and constants need it each step: the last result is kept.
 */
export function radamRectification(beta2: number, t: number): { b2t: number; rhoT: number; r: number | null } {
  if (last.beta2 === beta2 && last.t === t) return last.value;
  const rhoInf = 2 / (1 - beta2) - 1;
  const b2t = powInt(beta2, t);
  const rhoT = rhoInf - ((2 * t) * b2t) / (1 - b2t);
  const r = rhoT > 5 ? Math.sqrt(((rhoT - 4) * (rhoT - 2) * rhoInf) / ((rhoInf - 4) * (rhoInf - 2) * rhoT)) : null;
  last = { beta2, t, value: { b2t, rhoT, r } };
  return last.value;
}
let last = { beta2: NaN, t: 0, value: { b2t: NaN, rhoT: NaN, r: null as number | null } };

/**
 * torch.optim.RAdam, as PyTorch documents it (moments start at 0):
 *
 *     m ← β1·m + (1−β1)·g;  v ← β2·v + (1−β2)·g²;  m̂ ← m / (1 − β1^t)
 *     ρ_t > 5: p ← p − lr·m̂·r_t·(√(1 − β2^t) / (√v + eps))
 *     else:    p ← p − lr·m̂
 *
 * ρ_t and r_t are host scalars; the kernel is chosen per step. The kernel takes
 * eight scalars and the rectified step needs nine, so 1 − β1 is computed in the
 * kernel from β1 (the host's value exactly in f64; in f32, 1 − f32(β1)).
 */
export const torchRadamRule: Rule<TorchRAdamHyper, 'torchRadam' | 'torchRadamUnrectified', { rectified: boolean }> = {
  name: 'torch.RAdam',
  hyper: {
    lr: learningRate(0.001),
    beta1: unitInterval(0.9),
    beta2: unitInterval(0.999),
    eps: positive(1e-8),
  },
  state: ['expAvg', 'expAvgSq'],
  nonNegativeState: ['expAvgSq'],
  kernel: 'torchRadam',
  kernelFor: (h, t) => (radamRectification(h.beta2, t).r === null ? 'torchRadamUnrectified' : 'torchRadam'),
  constants(h, t) {
    const bc1 = 1 - powInt(h.beta1, t);
    const { b2t, r } = radamRectification(h.beta2, t);
    return { b1: h.beta1, b2: h.beta2, omb1: 1 - h.beta1, omb2: 1 - h.beta2, lr: h.lr, bc1, rect: r ?? 0, sqrtBc2: Math.sqrt(1 - b2t), eps: h.eps };
  },
  variants: { torchRadam: { rectified: true }, torchRadamUnrectified: { rectified: false } },
  js(p, g, [m, v], { b1, b2, omb1, omb2, lr, bc1, rect, sqrtBc2, eps }, r, { rectified }) {
    for (let i = 0; i < p.length; i++) {
      const grad = g[i];
      const m1 = r(r(b1 * m[i]) + r(omb1 * grad));
      const v1 = r(r(b2 * v[i]) + r(omb2 * r(grad * grad)));
      m[i] = m1;
      v[i] = v1;
      const mhat = r(m1 / bc1);
      if (rectified) {
        const l = r(sqrtBc2 / r(r(Math.sqrt(v1)) + eps));
        p[i] = p[i] - r(r(r(lr * mhat) * rect) * l);
      } else {
        p[i] = p[i] - r(lr * mhat);
      }
    }
  },
};

import { learningRate, nonNegative, unitInterval } from '../../hyperparameters.js';
import type { Rule } from '../../rule.js';

export interface LionHyper {
  /** Learning rate (default 0.001, Keras 3's). */
  lr: number;
  /** Interpolation between m and g for the step's direction, in [0, 1) (default 0.9). */
  beta1: number;
  /** Decay of the momentum m, in [0, 1) (default 0.99). */
  beta2: number;
  /** Decoupled weight decay, scaled by lr (default 0). */
  weightDecay: number;
}

/**
 * Lion (Chen et al. 2023, "Symbolic Discovery of Optimization Algorithms";
 * optax.lion), not in torch.optim. Decoupled weight decay, m starts at 0:
 *
 *     u ← sign(β1·m + (1−β1)·g)        (sign(±0) = 0; NaN stays NaN)
 *     u ← u + wd·p                     (only when wd ≠ 0)
 *     p ← p − lr·u
 *     m ← β2·m + (1−β2)·g
 */
export const lionRule: Rule<LionHyper, 'torchLion' | 'torchLionDecay', { decay: boolean }> = {
  name: 'torch.Lion',
  hyper: { lr: learningRate(0.001), beta1: unitInterval(0.9), beta2: unitInterval(0.99), weightDecay: nonNegative(0) },
  state: ['expAvg'],
  decoupledWeightDecay: true,
  kernel: 'torchLion',
  kernelFor: (h) => (h.weightDecay !== 0 ? 'torchLionDecay' : 'torchLion'),
  variants: { torchLion: { decay: false }, torchLionDecay: { decay: true } },
  constants: (h) => ({ b1: h.beta1, omb1: 1 - h.beta1, b2: h.beta2, omb2: 1 - h.beta2, lr: h.lr, wd: h.weightDecay }),
  js(p, g, [m], { b1, omb1, b2, omb2, lr, wd }, r, { decay }) {
    for (let i = 0; i < p.length; i++) {
      const grad = g[i];
      const c = r(r(b1 * m[i]) + r(omb1 * grad));
      let u = c > 0 ? 1 : c < 0 ? -1 : c === 0 ? 0 : c;
      if (decay) u = r(u + r(wd * p[i]));
      p[i] = p[i] - r(lr * u);
      m[i] = r(r(b2 * m[i]) + r(omb2 * grad));
    }
  },
};

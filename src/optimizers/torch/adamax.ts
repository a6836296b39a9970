import { learningRate, positive, unitInterval } from '../../hyperparameters.js';
import { powInt } from '../../exactPow.js';
import type { Rule } from '../../rule.js';

export interface TorchAdamaxHyper {
  /** Learning rate (PyTorch default 2e-3). */
  lr: number;
  /** Decay of the first moment (default 0.9). */
  beta1: number;
  /** Decay of the infinity norm (default 0.999). */
  beta2: number;
  /** Added to |g| inside the max (default 1e-8). */
  eps: number;
}

/**
 * torch.optim.Adamax as PyTorch documents it (weightDecay is the common L2
 * option, already added to g):
 *
 *     m ← β1·m + (1−β1)·g
 *     u ← max(β2·u, |g| + eps)
 *     p ← p − lr·m / ((1−β1ᵗ)·u)
 */
export const torchAdamaxRule: Rule<TorchAdamaxHyper, 'torchAdamax'> = {
  name: 'torch.Adamax',
  hyper: { lr: learningRate(2e-3), beta1: unitInterval(0.9), beta2: unitInterval(0.999), eps: positive(1e-8) },
  state: ['expAvg', 'expInf'],
  nonNegativeState: ['expInf'],
  kernel: 'torchAdamax',
  constants: (h, t) => ({ b1: h.beta1, omb1: 1 - h.beta1, b2: h.beta2, eps: h.eps, lr: h.lr, bc1: 1 - powInt(h.beta1, t) }),
  js(p, g, [m, u], { b1, omb1, b2, eps, lr, bc1 }, r) {
    for (let i = 0; i < p.length; i++) {
      const grad = g[i];
      const m1 = r(r(b1 * m[i]) + r(omb1 * grad));
      const u1 = Math.max(r(b2 * u[i]), r(Math.abs(grad) + eps));
      m[i] = m1;
      u[i] = u1;
      p[i] = p[i] - r(r(lr * m1) / r(bc1 * u1));
    }
  },
};

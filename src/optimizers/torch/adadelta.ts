import { learningRate, positive, unitInterval } from '../../hyperparameters.js';
import type { Rule } from '../../rule.js';

export interface TorchAdadeltaHyper {
  /** Scale of the step (default 1.0). */
  lr: number;
  /** Decay ρ of both running averages, in [0, 1) (default 0.9). */
  rho: number;
  /** Added inside both square roots (default 1e-6). */
  eps: number;
}

/**
 * torch.optim.Adadelta, as PyTorch documents it (both averages start at 0):
 *
 *     v ← v·ρ + g²·(1−ρ)
 *     Δ ← √(u + eps) / √(v + eps) · g
 *     u ← u·ρ + Δ²·(1−ρ)
 *     p ← p − lr·Δ
 */
export const torchAdadeltaRule: Rule<TorchAdadeltaHyper, 'torchAdadelta'> = {
  name: 'torch.Adadelta',
  hyper: { lr: learningRate(1.0), rho: unitInterval(0.9), eps: positive(1e-6) },
  state: ['squareAvg', 'accDelta'],
  nonNegativeState: ['squareAvg', 'accDelta'],
  kernel: 'torchAdadelta',
  constants: (h) => ({ rho: h.rho, omr: 1 - h.rho, eps: h.eps, lr: h.lr }),
  js(p, g, [sq, acc], { rho, omr, eps, lr }, r) {
    for (let i = 0; i < p.length; i++) {
      const grad = g[i];
      const v = r(r(sq[i] * rho) + r(r(grad * grad) * omr));
      sq[i] = v;
      const u = acc[i];
      const delta = r(r(r(Math.sqrt(r(u + eps))) / r(Math.sqrt(r(v + eps)))) * grad);
      acc[i] = r(r(u * rho) + r(r(delta * delta) * omr));
      p[i] = p[i] - r(lr * delta);
    }
  },
};

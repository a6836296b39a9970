import { fixedAtConstruction, flag, learningRate, positive, unitInterval } from '../../hyperparameters.js';
import type { Rule } from '../../rule.js';

export interface TorchRMSpropHyper {
  /** Learning rate (default 0.01). */
  lr: number;
  /** Decay α of the running mean square, in [0, 1) (default 0.99). */
  alpha: number;
  /** Added to √v, outside the square root (default 1e-8). */
  eps: number;
  /** Momentum of the step, in [0, 1) (default 0: no buffer). Fixed when the optimizer is made. */
  momentum: number;
  /** Divide by √(v − ḡ²), the centered variance estimate (default false). Fixed when the optimizer is made. */
  centered: boolean;
}

/**
 * torch.optim.RMSprop, as PyTorch documents it (eps outside the square root,
 * lr outside the momentum buffer; every buffer starts at 0):
 *
 *     v ← α·v + (1−α)·g²
 *     centered: ḡ ← ḡ·α + (1−α)·g;  ṽ ← v − ḡ²      else ṽ ← v
 *     momentum > 0: b ← μ·b + g / (√ṽ + eps);  p ← p − lr·b
 *     else:         p ← p − lr·g / (√ṽ + eps)
 */
export const torchRmspropRule: Rule<TorchRMSpropHyper, TorchRmspropKernel, { centered: boolean; momentum: boolean }> = {
  name: 'torch.RMSprop',
  hyper: {
    lr: learningRate(0.01),
    alpha: unitInterval(0.99),
    eps: positive(1e-8),
    momentum: fixedAtConstruction(unitInterval(0)),
    centered: fixedAtConstruction(flag(false)),
  },
  state: ['squareAvg'],
  nonNegativeState: ['squareAvg'],
  stateFor: (h) => ['squareAvg', ...(h.centered ? ['gradAvg'] : []), ...(h.momentum > 0 ? ['momentumBuffer'] : [])],
  kernel: 'torchRmsprop',
  kernelFor: (h) => `torchRmsprop${h.centered ? 'Centered' : ''}${h.momentum > 0 ? 'Momentum' : ''}` as const,
  variants: {
    torchRmsprop: { centered: false, momentum: false },
    torchRmspropCentered: { centered: true, momentum: false },
    torchRmspropMomentum: { centered: false, momentum: true },
    torchRmspropCenteredMomentum: { centered: true, momentum: true },
  },
  constants: (h) => ({ alpha: h.alpha, oma: 1 - h.alpha, lr: h.lr, eps: h.eps, momentum: h.momentum }),
  js(p, g, s, { alpha, oma, lr, eps, momentum: mu }, r, { centered, momentum }) {
    const sq = s[0];
    const avg = s[centered ? 1 : 0];
    const buf = s[s.length - 1];
    for (let i = 0; i < p.length; i++) {
      const grad = g[i];
      const v = r(r(alpha * sq[i]) + r(oma * r(grad * grad)));
      sq[i] = v;
      let vt = v;
      if (centered) {
        const a = r(r(avg[i] * alpha) + r(oma * grad));
        avg[i] = a;
        vt = r(v - r(a * a));
      }
      if (momentum) {
        const b = r(r(mu * buf[i]) + r(grad / r(r(Math.sqrt(vt)) + eps)));
        buf[i] = b;
        p[i] = p[i] - r(lr * b);
      } else {
        p[i] = p[i] - r(r(lr * grad) / r(r(Math.sqrt(vt)) + eps));
      }
    }
  },
};

type TorchRmspropKernel = 'torchRmsprop' | 'torchRmspropCentered' | 'torchRmspropMomentum' | 'torchRmspropCenteredMomentum';

import { choice, learningRate, positive, unitInterval } from '../hyperparameters.js';
import { powInt } from '../exactPow.js';
import type { Rule } from '../rule.js';

export interface AdamHyper {
  /** Learning rate (default 0.001, the book's). */
  lr: number;
  /** Decay of the first moment m, in [0, 1) (default 0.9). */
  beta1: number;
  /** Decay of the second moment v, in [0, 1) (default 0.999). */
  beta2: number;
  /** Added to √v, outside the square root and before bias correction (default 1e-7, the book's). */
  eps: number;
  /**
   * Where eps goes: 'book' (the default: the book's form, which Keras shares:
   * eps added to √v, with the bias correction folded into lr_t) or 'torch'
   * (eps added to √v̂ = √(v/(1−β2^t)), after bias correction, as PyTorch, TF.js
   * and Optax). 'seed' is the deprecated former name of 'book', still accepted.
   */
  epsConvention: 'book' | 'torch' | 'seed';
}

/**
 * Adam as the book writes it: bias correction folded into the step size and
 * eps added to √v (the Keras form; PyTorch adds eps to √v̂ instead):
 *
 *     t ← t + 1
 *     lr_t ← lr·√(1 − β2^t) / (1 − β1^t)
 *     m ← m + (1−β1)·(g − m)   (m, v start at 0)
 *     v ← v + (1−β2)·(g·g − v)
 *     p ← p − (lr_t·m) / (√v + eps)
 *
 * β^t is computed correctly rounded (see exactPow.ts), as C's pow gives NumPy.
 */
export const adamRule: Rule<AdamHyper, 'adam' | 'adamTorchEps', { torchEps: boolean }> = {
  name: 'Adam',
  hyper: {
    lr: learningRate(0.001),
    beta1: unitInterval(0.9),
    beta2: unitInterval(0.999),
    eps: positive(1e-7),
    epsConvention: choice(['book', 'torch'], 'book', ['seed']),
  },
  state: ['m', 'v'],
  nonNegativeState: ['v'],
  kernel: 'adam',
  kernelFor: (h) => (h.epsConvention === 'torch' ? 'adamTorchEps' : 'adam'),
  variants: { adam: { torchEps: false }, adamTorchEps: { torchEps: true } },
  constants(h, t) {
    const bc1 = 1.0 - powInt(h.beta1, t);
    const bc2 = 1.0 - powInt(h.beta2, t);
    return { b1c: 1 - h.beta1, b2c: 1 - h.beta2, lr: h.lr, lrT: (h.lr * Math.sqrt(bc2)) / bc1, eps: h.eps, bc1, bc2 };
  },
  js(p, g, [m, v], { b1c, b2c, lr, lrT, eps, bc1, bc2 }, r, { torchEps: torch }) {
    for (let i = 0; i < p.length; i++) {
      const grad = g[i];
      const mom = m[i];
      const vel = v[i];
      const m1 = r(mom + r(b1c * r(grad - mom)));
      const v1 = r(vel + r(b2c * r(r(grad * grad) - vel)));
      m[i] = m1;
      v[i] = v1;
      const step = torch ? r(r(lr * r(m1 / bc1)) / r(r(Math.sqrt(r(v1 / bc2))) + eps)) : r(r(lrT * m1) / r(r(Math.sqrt(v1)) + eps));
      p[i] = p[i] - step;
    }
  },
};

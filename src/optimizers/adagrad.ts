import { learningRate, positive } from '../hyperparameters.js';
import type { Rule } from '../rule.js';

export interface AdaGradHyper {
  /** Learning rate (default 0.01; the book's class ignores its argument and always uses 0.01). */
  lr: number;
  /** Added to √h, outside the square root (default 1e-7, the book's). */
  eps: number;
}

/**
 * AdaGrad as in the book, with `lr` honoured:
 *
 *     h ← h + g·g             (h starts at 0)
 *     p ← p − (lr·g) / (√h + eps)
 */
export const adagradRule: Rule<AdaGradHyper, 'adagrad'> = {
  name: 'AdaGrad',
  hyper: { lr: learningRate(0.01), eps: positive(1e-7) },
  state: ['h'],
  nonNegativeState: ['h'],
  kernel: 'adagrad',
  constants: (h) => ({ lr: h.lr, eps: h.eps }),
  js(p, g, [h], { lr, eps }, r) {
    for (let i = 0; i < p.length; i++) {
      const grad = g[i];
      const acc = r(h[i] + r(grad * grad));
      h[i] = acc;
      p[i] = p[i] - r(r(lr * grad) / r(r(Math.sqrt(acc)) + eps));
    }
  },
};

import { learningRate } from '../hyperparameters.js';
import type { Rule } from '../rule.js';

export interface SGDHyper {
  /** Learning rate (default 0.01, the book's). */
  lr: number;
}

/**
 * Stochastic gradient descent, as in the book:
 *
 *     p ← p − lr·g
 */
export const sgdRule: Rule<SGDHyper, 'sgd'> = {
  name: 'SGD',
  hyper: { lr: learningRate(0.01) },
  state: [],
  kernel: 'sgd',
  constants: (h) => ({ lr: h.lr }),
  js(p, g, _s, { lr }, r) {
    for (let i = 0; i < p.length; i++) p[i] = p[i] - r(lr * g[i]);
  },
};

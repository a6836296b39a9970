import { learningRate, unitInterval } from '../hyperparameters.js';
import type { Rule } from '../rule.js';

export interface MomentumHyper {
  /** Learning rate (default 0.01, the book's). */
  lr: number;
  /** Velocity decay μ in [0, 1) (default 0.9, the book's). */
  momentum: number;
}

/**
 * Momentum as the book writes it, with the learning rate inside the velocity
 * (the Keras convention; PyTorch and TF.js keep lr outside):
 *
 *     v ← μ·v − lr·g          (v starts at 0)
 *     p ← p + v
 */
export const momentumRule: Rule<MomentumHyper, 'momentum'> = {
  name: 'Momentum',
  hyper: { lr: learningRate(0.01), momentum: unitInterval(0.9) },
  state: ['v'],
  kernel: 'momentum',
  constants: (h) => ({ momentum: h.momentum, lr: h.lr }),
  js(p, g, [v], { momentum: mu, lr }, r) {
    for (let i = 0; i < p.length; i++) {
      const vel = r(r(mu * v[i]) - r(lr * g[i]));
      v[i] = vel;
      p[i] = p[i] + vel;
    }
  },
};

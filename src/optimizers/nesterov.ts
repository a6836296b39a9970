import { learningRate, unitInterval } from '../hyperparameters.js';
import type { Rule } from '../rule.js';

export interface NesterovHyper {
  /** Learning rate (book default 0.01). */
  lr: number;
  /** Velocity decay μ in [0, 1) (book default 0.9). */
  momentum: number;
}

/**
 * Nesterov's accelerated gradient as the book's `common/optimizer.py` has it
 * (the corrected edition, which moves the parameters before the velocity):
 *
 *     p ← p + (μ·μ)·v
 *     p ← p − ((1+μ)·lr)·g
 *     v ← v·μ − lr·g          (v starts at 0)
 *
 * The scalar products μ·μ and (1+μ)·lr are formed once per step, as Python does.
 */
export const nesterovRule: Rule<NesterovHyper, 'nesterov'> = {
  name: 'Nesterov',
  hyper: { lr: learningRate(0.01), momentum: unitInterval(0.9) },
  state: ['v'],
  kernel: 'nesterov',
  constants: (h) => ({ mu2: h.momentum * h.momentum, stepScale: (1 + h.momentum) * h.lr, momentum: h.momentum, lr: h.lr }),
  js(p, g, [v], { mu2, stepScale, momentum: mu, lr }, r) {
    for (let i = 0; i < p.length; i++) {
      const grad = g[i];
      const vel = v[i];
      let par = r(p[i] + r(mu2 * vel));
      par = par - r(stepScale * grad);
      p[i] = par;
      v[i] = r(vel * mu) - r(lr * grad);
    }
  },
};

import { flag, learningRate, positive, unitInterval } from '../hyperparameters.js';
import type { Rule } from '../rule.js';

export interface RMSPropHyper {
  /** Learning rate (default 0.01; the book's class ignores its argument and always uses 0.01). */
  lr: number;
  /** Decay ρ of the running mean square, in [0, 1) (default 0.9, the book's). */
  decayRate: number;
  /** Added to √h, outside the square root (default 1e-7, the book's); inside it with `epsInSqrt`. */
  eps: number;
  /** Put eps inside the square root, `√(h + eps)`, as TF.js, Keras and Optax do (default false: the book's `√h + eps`). */
  epsInSqrt: boolean;
}

/**
 * RMSProp as in the book, with `lr` honoured:
 *
 *     h ← h·ρ + ((1−ρ)·g)·g   (h starts at 0)
 *     p ← p − (lr·g) / (√h + eps)         (epsInSqrt: p ← p − (lr·g) / √(h + eps))
 */
export const rmspropRule: Rule<RMSPropHyper, 'rmsprop' | 'rmspropEpsInSqrt', { epsInSqrt: boolean }> = {
  name: 'RMSProp',
  hyper: { lr: learningRate(0.01), decayRate: unitInterval(0.9), eps: positive(1e-7), epsInSqrt: flag(false) },
  state: ['h'],
  nonNegativeState: ['h'],
  kernel: 'rmsprop',
  kernelFor: (h) => (h.epsInSqrt ? 'rmspropEpsInSqrt' : 'rmsprop'),
  variants: { rmsprop: { epsInSqrt: false }, rmspropEpsInSqrt: { epsInSqrt: true } },
  constants: (h) => ({ decay: h.decayRate, oneMinusDecay: 1 - h.decayRate, lr: h.lr, eps: h.eps }),
  js(p, g, [h], { decay, oneMinusDecay, lr, eps }, r, { epsInSqrt: inside }) {
    for (let i = 0; i < p.length; i++) {
      const grad = g[i];
      const acc = r(r(h[i] * decay) + r(r(oneMinusDecay * grad) * grad));
      h[i] = acc;
      const denominator = inside ? r(Math.sqrt(r(acc + eps))) : r(r(Math.sqrt(acc)) + eps);
      p[i] = p[i] - r(r(lr * grad) / denominator);
    }
  },
};

import { fixedAtConstruction, learningRate, nonNegative, positive } from '../../hyperparameters.js';
import type { Rule } from '../../rule.js';
import { adagradRule } from '../adagrad.js';

export interface TorchAdagradHyper {
  /** Learning rate (default 0.01). */
  lr: number;
  /** Step-size decay: step t uses lr / (1 + (t−1)·lrDecay) (default 0). */
  lrDecay: number;
  /** The value every element of `sum` starts at (default 0). Fixed when the optimizer is made. */
  initialAccumulatorValue: number;
  /** Added to √sum, outside the square root (default 1e-10). */
  eps: number;
}

/**
 * torch.optim.Adagrad, as PyTorch documents it:
 *
 *     clr ← lr / (1 + (t−1)·lrDecay)          (host, once per step)
 *     sum ← sum + g²                           (sum starts at initialAccumulatorValue)
 *     p ← p − clr·g / (√sum + eps)
 *
 * Per element this is the book's AdaGrad with clr for lr, operation for
 * operation, so it runs that AdaGrad's kernel and reference loop.
 */
export const torchAdagradRule: Rule<TorchAdagradHyper, 'adagrad'> = {
  name: 'torch.Adagrad',
  hyper: {
    lr: learningRate(0.01),
    lrDecay: { ...nonNegative(0), schedulable: false },
    initialAccumulatorValue: fixedAtConstruction(nonNegative(0)),
    eps: positive(1e-10),
  },
  state: ['sum'],
  nonNegativeState: ['sum'],
  stateInit: (h) => [h.initialAccumulatorValue],
  kernel: adagradRule.kernel,
  constants: (h, t) => ({ lr: h.lr / (1 + (t - 1) * h.lrDecay), eps: h.eps }),
  js: adagradRule.js,
};

import { nonNegative } from '../../hyperparameters.js';
import { powInt } from '../../exactPow.js';
import type { Rule } from '../../rule.js';
import { adamState, torchAdamHyper, torchAdamRule, type TorchAdamHyper } from './adam.js';

export interface TorchAdamWHyper extends TorchAdamHyper {
  /** Decoupled weight decay λ (PyTorch default 1e-2): p ← p − (lr·λ)·p before the Adam step. */
  weightDecay: number;
}

/**
 * torch.optim.AdamW as PyTorch documents it: Adam (torch/adam.ts) with the
 * weight decay decoupled from the gradient, applied to p first, every step:
 *
 *     p ← p − (lr·λ)·p              (lr·λ one host product)
 *     then Adam's step on g, without L2
 */
export const torchAdamWRule: Rule<TorchAdamWHyper> = {
  name: 'torch.AdamW',
  hyper: { ...torchAdamHyper, weightDecay: nonNegative(1e-2) },
  decoupledWeightDecay: true,
  state: ['expAvg', 'expAvgSq'],
  nonNegativeState: ['expAvgSq', 'maxExpAvgSq'],
  stateFor: adamState,
  kernel: 'torchAdamW',
  kernelFor: (h) => (h.amsgrad ? 'torchAdamWAmsgrad' : 'torchAdamW'),
  constants: (h, t) => [h.beta1, h.beta2, h.lr * h.weightDecay, 1 - h.beta2, h.lr, h.eps, 1 - powInt(h.beta1, t), 1 - powInt(h.beta2, t), 1 - h.beta1],
  js: torchAdamRule.js,
};

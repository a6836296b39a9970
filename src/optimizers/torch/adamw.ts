import { nonNegative } from '../../hyperparameters.js';
import type { Rule } from '../../rule.js';
import { adamConstants, adamState, torchAdamHyper, torchAdamRule, type AdamFlags, type TorchAdamHyper } from './adam.js';

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
export const torchAdamWRule: Rule<TorchAdamWHyper, 'torchAdamW' | 'torchAdamWAmsgrad', AdamFlags> = {
  name: 'torch.AdamW',
  hyper: { ...torchAdamHyper, weightDecay: nonNegative(1e-2) },
  decoupledWeightDecay: true,
  state: ['expAvg', 'expAvgSq'],
  nonNegativeState: ['expAvgSq', 'maxExpAvgSq'],
  stateFor: adamState,
  kernel: 'torchAdamW',
  kernelFor: (h) => (h.amsgrad ? 'torchAdamWAmsgrad' : 'torchAdamW'),
  variants: { torchAdamW: { decoupled: true, amsgrad: false }, torchAdamWAmsgrad: { decoupled: true, amsgrad: true } },
  constants: (h, t) => adamConstants(h, t, h.lr * h.weightDecay),
  js: torchAdamRule.js,
};

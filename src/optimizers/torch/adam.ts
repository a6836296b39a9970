import { fixedAtConstruction, flag, learningRate, positive, unitInterval } from '../../hyperparameters.js';
import { powInt } from '../../exactPow.js';
import type { Rule } from '../../rule.js';

export interface TorchAdamHyper {
  /** Learning rate (PyTorch default 1e-3). */
  lr: number;
  /** Decay of the first moment (default 0.9). */
  beta1: number;
  /** Decay of the second moment (default 0.999). */
  beta2: number;
  /** Added to √v̂, after bias correction (default 1e-8). */
  eps: number;
  /** Keep the running maximum of v and divide by it (default false). Fixed when the optimizer is made. */
  amsgrad: boolean;
}

export const torchAdamHyper = {
  lr: learningRate(1e-3),
  beta1: unitInterval(0.9),
  beta2: unitInterval(0.999),
  eps: positive(1e-8),
  amsgrad: fixedAtConstruction(flag(false)),
};

/** Adam's state buffers for its options, in kernel order. */
export const adamState = (h: { amsgrad: boolean }) => (h.amsgrad ? ['expAvg', 'expAvgSq', 'maxExpAvgSq'] : ['expAvg', 'expAvgSq']);

/**
 * torch.optim.Adam as PyTorch documents it (weightDecay is the common L2
 * option, already added to g):
 *
 *     m ← β1·m + (1−β1)·g
 *     v ← β2·v + (1−β2)·g²
 *     v̄ ← max(v̄, v) if amsgrad (the raw v), else v̄ = v
 *     p ← p − lr·(m/(1−β1ᵗ)) / (√(v̄/(1−β2ᵗ)) + eps)
 *
 * The book's Adam (adam.ts) keeps the book's form; this is PyTorch's, whose
 * moments are β·m + (1−β)·g rather than m + (1−β)·(g − m).
 */
export const torchAdamRule: Rule<TorchAdamHyper, 'torchAdam' | 'torchAdamAmsgrad', AdamFlags> = {
  name: 'torch.Adam',
  hyper: torchAdamHyper,
  state: ['expAvg', 'expAvgSq'],
  nonNegativeState: ['expAvgSq', 'maxExpAvgSq'],
  stateFor: adamState,
  kernel: 'torchAdam',
  kernelFor: (h) => (h.amsgrad ? 'torchAdamAmsgrad' : 'torchAdam'),
  variants: { torchAdam: { decoupled: false, amsgrad: false }, torchAdamAmsgrad: { decoupled: false, amsgrad: true } },
  constants: (h, t) => adamConstants(h, t, 0),
  js(p, g, [m, v, vmax], { b1, b2, omb1, omb2, lr, eps, bc1, bc2, lrWd }, r, { decoupled, amsgrad }) {
    for (let i = 0; i < p.length; i++) {
      const grad = g[i];
      const p0 = p[i];
      const pv = decoupled ? r(p0 - r(lrWd * p0)) : p0;
      const m1 = r(r(b1 * m[i]) + r(omb1 * grad));
      const v1 = r(r(b2 * v[i]) + r(omb2 * r(grad * grad)));
      m[i] = m1;
      v[i] = v1;
      let top = v1;
      if (amsgrad) {
        top = Math.max(vmax[i], v1);
        vmax[i] = top;
      }
      p[i] = pv - r(r(lr * r(m1 / bc1)) / r(r(Math.sqrt(r(top / bc2))) + eps));
    }
  },
};

/** What torch.Adam's and torch.AdamW's kernels do differently; their JS loop reads these. */
export interface AdamFlags {
  /** AdamW: p ← p − lr·wd·p first. */
  decoupled: boolean;
  amsgrad: boolean;
}

/** The constants of torch.Adam and torch.AdamW (lrWd: AdamW's decoupled decay lr·wd, 0 for Adam). */
export function adamConstants(h: TorchAdamHyper, t: number, lrWd: number) {
  return { b1: h.beta1, b2: h.beta2, omb1: 1 - h.beta1, omb2: 1 - h.beta2, lr: h.lr, eps: h.eps, bc1: 1 - powInt(h.beta1, t), bc2: 1 - powInt(h.beta2, t), lrWd };
}

import { fixedAtConstruction, learningRate, nonNegative, positive, unitInterval } from '../../hyperparameters.js';
import { powInt } from '../../exactPow.js';
import { powReal } from '../../realPow.js';
import type { Rule } from '../../rule.js';

export interface TorchNAdamHyper {
  /** Learning rate (PyTorch default 2e-3). */
  lr: number;
  /** β1, the momentum the schedule μₜ tends to (default 0.9). Fixed when the optimizer is made. */
  beta1: number;
  /** Decay of the second moment (default 0.999). */
  beta2: number;
  /** Added to √v̂, after bias correction (default 1e-8). */
  eps: number;
  /** ψ of the momentum schedule μₜ = β1·(1 − ½·0.96^(t·ψ)) (default 4e-3). Fixed when the optimizer is made. */
  momentumDecay: number;
}

/**
 * torch.optim.NAdam as PyTorch documents it (weightDecay is the common L2
 * option, already added to g):
 *
 *     μₜ = β1·(1 − ½·0.96^(t·ψ)),  Πₜ = μ1·μ2·…·μₜ
 *     m ← β1·m + (1−β1)·g
 *     v ← β2·v + (1−β2)·g²
 *     m̂ = μₜ₊₁·m/(1 − Πₜ·μₜ₊₁) + (1−μₜ)·g/(1 − Πₜ)
 *     p ← p − lr·m̂ / (√(v/(1−β2ᵗ)) + eps)
 *
 * 0.96^(t·ψ) is correctly rounded (realPow.ts), as C's pow gives NumPy.
 * PyTorch keeps Πₜ as state (mu_product); here it is a function of (β1, ψ, t),
 * the same product in the same order, so the step count alone restores it.
 * That is why β1 and ψ are fixed: changing them mid-run would change PyTorch's
 * product from then on only.
 */
export const torchNadamRule: Rule<TorchNAdamHyper> = {
  name: 'torch.NAdam',
  hyper: {
    lr: learningRate(2e-3),
    beta1: fixedAtConstruction(unitInterval(0.9)),
    beta2: unitInterval(0.999),
    eps: positive(1e-8),
    momentumDecay: fixedAtConstruction(nonNegative(4e-3)),
  },
  state: ['expAvg', 'expAvgSq'],
  nonNegativeState: ['expAvgSq'],
  kernel: 'torchNadam',
  constants(h, t) {
    const mu = nadamMu(h.beta1, h.momentumDecay, t);
    const muNext = nadamMu(h.beta1, h.momentumDecay, t + 1);
    const product = muProduct(h.beta1, h.momentumDecay, t);
    return [h.beta1, h.beta2, h.lr, h.eps, 1 - powInt(h.beta2, t), muNext, 1 - mu, product, 1 - h.beta1, 1 - h.beta2, 1 - product * muNext, 1 - product];
  },
  js(p, g, [m, v], [b1, b2, lr, eps, bc2, muNext, omMu, , omb1, omb2, c1, c2], r) {
    for (let i = 0; i < p.length; i++) {
      const grad = g[i];
      const m1 = r(r(b1 * m[i]) + r(omb1 * grad));
      const v1 = r(r(b2 * v[i]) + r(omb2 * r(grad * grad)));
      m[i] = m1;
      v[i] = v1;
      const mhat = r(r(r(muNext * m1) / c1) + r(r(omMu * grad) / c2));
      p[i] = p[i] - r(r(lr * mhat) / r(r(Math.sqrt(r(v1 / bc2))) + eps));
    }
  },
};

/** μₜ = β1·(1 − (0.5·0.96^(t·ψ))), t·ψ one double product, the power correctly rounded. */
export function nadamMu(beta1: number, psi: number, t: number): number {
  return beta1 * (1 - 0.5 * powReal(0.96, t * psi));
}

/**
 * Πₜ = ((μ1·μ2)·μ3)·…·μₜ, in PyTorch's order, from a cache per (β1, ψ) that
 * grows by one product per step. It stops growing once Πₜ ≤ 2^-54: from there
 * on 1 − Πₜ and 1 − Πₜ·μₜ₊₁ are exactly 1 in f64 and f32 alike, so that Π
 * stands for every later one. Since μₜ < β1 that happens within 37/−ln β1
 * steps (355 for β1 = 0.9), in practice sooner (μₜ starts near β1/2: 48 steps
 * at the defaults).
 */
export function muProduct(beta1: number, psi: number, t: number): number {
  const key = `${beta1},${psi}`;
  let products = productCache.get(key);
  if (!products) {
    if (productCache.size >= 64) productCache.delete(productCache.keys().next().value!);
    productCache.set(key, (products = [1]));
  }
  while (products.length <= t && products[products.length - 1] > 2 ** -54) {
    products.push(products[products.length - 1] * nadamMu(beta1, psi, products.length));
  }
  return products[Math.min(t, products.length - 1)];
}

/** Per (β1, ψ): Π0 = 1, Π1, Π2, … up to the first Π ≤ 2^-54. */
const productCache = new Map<string, number[]>();

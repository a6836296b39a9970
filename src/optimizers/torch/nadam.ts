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
 * Πₜ is carried from update to update as PyTorch carries mu_product (one
 * product per update, in PyTorch's order, so the same bits), and state()
 * saves it as `scalars.muProduct`: recomputing it takes t products, which a
 * snapshot at step 1e9 cannot wait for. β1 and ψ are fixed because they
 * decide the product.
 */
export const torchNadamRule: Rule<TorchNAdamHyper, 'torchNadam'> = {
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
  carried: {
    name: 'muProduct',
    initial: 1,
    next: (h, t, previous) => previous * nadamMu(h.beta1, h.momentumDecay, t),
    recompute: (h, t) => recomputeMuProduct(h.beta1, h.momentumDecay, t),
    check: (x) => typeof x === 'number' && x >= 0 && x <= 1,
    rule: 'a number in [0, 1]',
  },
  constants(h, t, product) {
    const mu = nadamMu(h.beta1, h.momentumDecay, t);
    const muNext = nadamMu(h.beta1, h.momentumDecay, t + 1);
    return {
      b1: h.beta1, b2: h.beta2, omb1: 1 - h.beta1, omb2: 1 - h.beta2, lr: h.lr, eps: h.eps,
      bc2: 1 - powInt(h.beta2, t), muNext, omMu: 1 - mu, omProdNext: 1 - product * muNext, omProd: 1 - product,
    };
  },
  js(p, g, [m, v], { b1, b2, omb1, omb2, lr, eps, bc2, muNext, omMu, omProdNext, omProd }, r) {
    for (let i = 0; i < p.length; i++) {
      const grad = g[i];
      const m1 = r(r(b1 * m[i]) + r(omb1 * grad));
      const v1 = r(r(b2 * v[i]) + r(omb2 * r(grad * grad)));
      m[i] = m1;
      v[i] = v1;
      const mhat = r(r(r(muNext * m1) / omProdNext) + r(r(omMu * grad) / omProd));
      p[i] = p[i] - r(r(lr * mhat) / r(r(Math.sqrt(r(v1 / bc2))) + eps));
    }
  },
};

/**
 * μₜ = β1·(1 − (0.5·0.96^(t·ψ))), t·ψ one double product, the power correctly
 * rounded. The last one made is kept: update t asks for μₜ₊₁ and update t+1
 * for it again (its product and its 1 − μ), so each update computes one power.
 */
export function nadamMu(beta1: number, psi: number, t: number): number {
  if (Object.is(t, lastMu[2]) && Object.is(beta1, lastMu[0]) && Object.is(psi, lastMu[1])) return lastMu[3];
  const mu = beta1 * (1 - 0.5 * powReal(0.96, t * psi));
  lastMu.set([beta1, psi, t, mu]);
  return mu;
}

/** [β1, ψ, t, μₜ] of the last nadamMu computed (NaN: none yet). */
const lastMu = new Float64Array(4).fill(NaN);

/** The most products recomputeMuProduct makes (about 0.2 s): a bound on what loading an old snapshot costs. */
export const RECOMPUTE_LIMIT = 100_000;

/**
 * Πₜ = ((μ1·μ2)·μ3)·…·μₜ, in PyTorch's order, for a snapshot that does not
 * hold it (made before state() saved it). It stops once Π ≤ 2^-54: from there
 * on 1 − Π and 1 − Π·μₜ₊₁ are exactly 1 in f64 and f32 alike, so that Π gives
 * every later update the same constants (and bits). Since μₜ < β1 that
 * happens within 37/−ln β1 products, in practice sooner (μₜ starts near β1/2:
 * 48 at the defaults); null when it takes more than RECOMPUTE_LIMIT.
 */
export function recomputeMuProduct(beta1: number, psi: number, t: number): number | null {
  let product = 1;
  for (let i = 1; i <= t && product > 2 ** -54; i++) {
    if (i > RECOMPUTE_LIMIT) return null;
    product *= nadamMu(beta1, psi, i);
  }
  return product;
}

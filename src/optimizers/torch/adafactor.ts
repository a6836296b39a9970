import { learningRate, nonNegative, type HyperSpec } from '../../hyperparameters.js';
import type { FloatArray, Round } from '../../dtype.js';
import type { KeyShape } from '../../keyShape.js';
import { powReal } from '../../realPow.js';
import { CHUNK, laneSum, lanesOf, squaresInLanes } from '../../reductions.js';
import { scratchLike } from '../../scratch.js';
import type { Rule, StepConstants } from '../../rule.js';

export interface AdafactorHyper {
  /** Learning rate; the step size is min(lr, 1/√t) (default 0.01). */
  lr: number;
  /** τ ≤ 0: the second moment's decay at step t is 1 − t^τ (default −0.8). */
  beta2Decay: number;
  /** Floor of √V̂ and of the row factors' mean; null (the default) is the dtype's machine epsilon. */
  eps1: number | null;
  /** Floor of RMS(p) in the relative step size (default 0.001). */
  eps2: number;
  /** Update clipping threshold on RMS(U), ≥ 1 (default 1). */
  d: number;
  /** Decoupled weight decay, scaled by lr (default 0). */
  weightDecay: number;
}

type AdafactorKernel = 'torchAdafactor';
export type AdafactorConstants = StepConstants<AdafactorKernel>;

const finite = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);

/** The dtype's machine epsilon: torch.Adafactor's default eps1 (torch.finfo(dtype).eps). */
export const machineEpsilon = (x: FloatArray): number => (x instanceof Float32Array ? 2 ** -23 : 2 ** -52);

/**
 * One key's Adafactor step, in place (notes/reductions-spec.md, the kernel's order):
 * p (before the step) gives alpha; decoupled weight decay; the factors (or v) and V̂;
 * U = G / max(√V̂, eps1), clipped by RMS(U)/d; p ← p − alpha·Û. `factored`: the
 * row and column factors of each of the key's matrices, else the unfactored v. `c` is the host's f64 values (eps1 NaN: the dtype's machine epsilon),
 * rounded by `r` where they meet an array. Returns the key's alpha and clipping denominator.
 */
export function adafactorKey(p: FloatArray, g: FloatArray, shape: KeyShape, factored: boolean, row: FloatArray, col: FloatArray, v: FloatArray, c: AdafactorConstants, r: Round): { alpha: number; denom: number } {
  const n = p.length;
  const lanes = lanesOf(p);
  const eps1 = Number.isNaN(c.eps1) ? machineEpsilon(p) : c.eps1;
  const alpha = Math.max(c.eps2, Math.sqrt(squaresInLanes(p, 0, n, lanes, null) / n)) * c.rho;
  if (c.weightDecay !== 0) {
    const lrwd = r(c.lrwd);
    for (let i = 0; i < n; i++) p[i] = r(p[i] - r(lrwd * p[i]));
  }
  const beta2t = r(c.beta2t);
  const omb2t = r(c.omb2t);
  const e1 = r(eps1);
  const u = scratchLike(p, n);
  if (!factored) {
    for (let i = 0; i < n; i++) {
      const gi = g[i];
      const vi = (v[i] = r(r(beta2t * v[i]) + r(omb2t * r(gi * gi))));
      u[i] = r(gi / Math.max(r(Math.sqrt(vi)), e1));
    }
  } else {
    const { rows: R, cols: C } = shape;
    const B = n / (R * C);
    // Each column's sum of squares: `chunk` over the current chunk of rows, `total` over the chunks before.
    const total = new Float64Array(C);
    const chunk = new Float64Array(C);
    for (let b = 0; b < B; b++) {
      const at = b * R * C;
      for (let i = 0; i < R; i++) {
        if (i % CHUNK === 0 && i > 0) addChunk(total, chunk, i === CHUNK);
        const mean = r(squaresInLanes(g, at + i * C, C, lanes, chunk) / C);
        row[b * R + i] = r(r(beta2t * row[b * R + i]) + r(omb2t * mean));
      }
      addChunk(total, chunk, R <= CHUNK);
      for (let j = 0; j < C; j++) {
        const mean = r(total[j] / R);
        col[b * C + j] = r(r(beta2t * col[b * C + j]) + r(omb2t * mean));
      }
      const den = r(Math.max(laneSum(R, lanes, (i) => row[b * R + i]) / R, eps1));
      for (let i = 0; i < R; i++) {
        const ri = row[b * R + i];
        const from = at + i * C;
        for (let j = 0; j < C; j++) u[from + j] = r(g[from + j] / Math.max(r(Math.sqrt(r(r(ri * col[b * C + j]) / den))), e1));
      }
    }
  }
  const denom = Math.max(1, Math.sqrt(squaresInLanes(u, 0, n, lanes, null) / n) / c.d);
  const a = r(alpha);
  const dn = r(denom);
  for (let i = 0; i < n; i++) p[i] = r(p[i] - r(a * r(u[i] / dn)));
  return { alpha, denom };
}

/**
 * Folds a chunk of rows' column sums into the columns' totals, as columnSum adds
 * its chunks (the first is the total, each later one is added to it), and
 * clears `chunk` for the next chunk of rows.
 */
function addChunk(total: Float64Array, chunk: Float64Array, first: boolean): void {
  for (let j = 0; j < total.length; j++) total[j] = first ? chunk[j] : total[j] + chunk[j];
  chunk.fill(0);
}

/** Step t's host scalars, and the options the kernel reads, in f64 (eps1 NaN for its default). */
export function adafactorConstants(h: AdafactorHyper, t: number): AdafactorConstants {
  const beta2t = 1 - powReal(t, h.beta2Decay);
  return {
    beta2t,
    omb2t: 1 - beta2t,
    rho: Math.min(h.lr, 1 / Math.sqrt(t)),
    lrwd: h.lr * h.weightDecay,
    eps1: h.eps1 ?? NaN,
    eps2: h.eps2,
    d: h.d,
    weightDecay: h.weightDecay,
  };
}

/**
 * torch.Adafactor (PyTorch ≥ 2.5's algorithm): for a key of 2+ dims, B matrices
 * of R × C, the second moment is kept as its row and column factors (B·R + B·C
 * numbers: 884 for a 784×100 key, not 78,400); a 1-dim key keeps the full v,
 * and so does a key whose matrices have one row (shape [..., 1, C]), where
 * PyTorch would keep a row factor of 1 number per matrix beside a column
 * factor equal to v up to rounding (the one departure from its bits).
 *
 *     ρ = min(lr, 1/√t), α = max(eps2, RMS(p))·ρ, β̂2 = 1 − t^τ
 *     p ← p − lr·wd·p                             (only when wd ≠ 0)
 *     R ← β̂2·R + (1−β̂2)·rowmean(G²);  C ← β̂2·C + (1−β̂2)·colmean(G²)
 *     V̂ = R·C / max(mean(R), eps1)    (1 dim: v ← β̂2·v + (1−β̂2)·G², V̂ = v)
 *     U = G / max(√V̂, eps1);  p ← p − α·U / max(1, RMS(U)/d)
 */
export const adafactorRule: Rule<AdafactorHyper, AdafactorKernel> = {
  name: 'torch.Adafactor',
  hyper: {
    lr: learningRate(0.01),
    beta2Decay: { default: -0.8, check: (x) => finite(x) && x <= 0, rule: 'a finite number ≤ 0' },
    eps1: { default: null, check: (x) => x === null || (finite(x) && x > 0), rule: "a finite number > 0, or null for the dtype's machine epsilon" } satisfies HyperSpec,
    eps2: { default: 0.001, check: (x) => finite(x) && x > 0, rule: 'a finite number > 0' },
    d: { default: 1, check: (x) => finite(x) && x >= 1, rule: 'a finite number ≥ 1' },
    weightDecay: nonNegative(0),
  },
  state: ['row', 'col', 'v'],
  nonNegativeState: ['row', 'col', 'v'],
  // The table entry carries rows and cols only, so the kernel tells a 1-dim key by its one row (assembly/adafactor.ts).
  stateSizes: (s) => (s.rows === 1 ? [0, 0, s.batch * s.cols] : [s.batch * s.rows, s.batch * s.cols, 0]),
  // The kernel's U goes where the key keeps no state: the row factor's room for a 1-dim key, v's for a matrix.
  scratchState: (s) => (s.rows === 1 ? 0 : 2),
  decoupledWeightDecay: true,
  perKey: true,
  kernel: 'torchAdafactor',
  constants: adafactorConstants,
  js(p, g, [row, col, v], c, r, _variant, shape) {
    adafactorKey(p, g, shape, shape.rows !== 1, row, col, v, c, r);
  },
};

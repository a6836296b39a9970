import type { Entry } from './checkDicts.js';
import type { Dtype } from './dtype.js';

/**
 * The sum of squares of every gradient of the update, in exactly the order of
 * the sumsq kernels (assembly/sumOfSquares.ts), so every path sees the same
 * norm to the bit: L running sums by position mod L over each key's vector
 * part (L = 2 for f64, 4 for f32), one for the keys' tails, then added in order.
 * Squares and sums are f64 for both dtypes.
 */
export function sumOfSquares(entries: readonly Entry[], dtype: Dtype): number {
  const L = dtype === 'f32' ? 4 : 2;
  const lane = [0, 0, 0, 0];
  let tail = 0;
  for (const { g } of entries) {
    const vecN = g.length - (g.length % L);
    for (let i = 0; i < vecN; i++) lane[i % L] += g[i] * g[i];
    for (let i = vecN; i < g.length; i++) tail += g[i] * g[i];
  }
  return (((lane[0] + lane[1]) + lane[2]) + lane[3]) + tail;
}

/**
 * PyTorch's clip_grad_norm_ factor: max / (norm + 1e-6), at most 1, by which
 * every gradient is multiplied (also when it is 1). As torch.clamp, the bound
 * keeps a NaN: a NaN norm makes every gradient NaN, and an infinite one gives
 * 0 (every finite gradient becomes ±0, an infinite one NaN). The kernels' and
 * the JS transform's min/max propagate NaN, so every path agrees.
 */
export function clipScale(norm: number, maxNorm: number): number {
  if (maxNorm === Infinity) return 1;
  const coef = maxNorm / (norm + 1e-6);
  return coef < 1 || Number.isNaN(coef) ? coef : 1;
}

import type { Entry } from './checkDicts.js';
import type { Dtype, FloatArray, Round } from './dtype.js';
import { CHUNK, chunkSum } from './reductions.js';

/**
 * The sum of squares of every gradient of the update, in the one order every
 * path repeats (the sumsq kernels of assembly/sumOfSquares.ts on one thread, the
 * block sums of a shared one), so every path and thread count sees the same norm
 * to the bit: each key's gradient is cut into blocks of CHUNK elements from its
 * start; a block's sum is reductions.ts's chunkSum (lane order: L = 2 lanes for
 * f64, 4 for f32); the blocks are added in order (keys in order, each key's
 * blocks in order) to a total that starts at 0. Squares and sums are f64 for
 * both dtypes (an f32 square is exact).
 */
export function sumOfSquares(entries: readonly Entry[], dtype: Dtype): number {
  const lanes = dtype === 'f32' ? 4 : 2;
  let total = 0;
  for (const { g } of entries) {
    const square = (i: number) => g[i] * g[i];
    for (let start = 0; start < g.length; start += CHUNK) total += chunkSum(start, Math.min(CHUNK, g.length - start), lanes, square);
  }
  return total;
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

/**
 * The gradient transform of the kernels' skeleton (assembly/skeleton.ts: clip,
 * then add wd·p), in place on n elements of `g` from `gAt`, with the param
 * elements at `pAt` of `p`: each operation rounded by `r`, the same tests on the
 * same (unrounded) values as the skeleton's. The JS engine runs it on a copy of
 * each grad; the copy path runs it on a per-key rule's staged grads (such a rule
 * reads the gradient over several passes, so it is transformed once, before them).
 */
export function transformGrads(g: FloatArray, gAt: number, p: FloatArray, pAt: number, n: number, scale: number, clip: number, wd: number, r: Round): void {
  const clipped = scale !== 1 || clip !== Infinity;
  const decayed = wd !== 0;
  const [s, hi, w] = [r(scale), r(clip), r(wd)];
  for (let i = 0; i < n; i++) {
    let x = g[gAt + i];
    if (clipped) x = Math.min(Math.max(r(x * s), -hi), hi);
    if (decayed) x = r(x + r(w * p[pAt + i]));
    g[gAt + i] = x;
  }
}

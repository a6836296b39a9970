// Plain-JS references of the two shaped optimizers of issue 14, one key at a
// time, written from notes/reductions-spec.md independently of the engine (the
// NumPy twin is test/golden/makeShapedGolden.py). `r` rounds to the arrays' type
// (Math.fround for f32, the identity for f64) after every per-element operation;
// host and per-key scalars are float64, rounded once by `r` where they meet an
// array; reductions add in the fixed order of reductions.ts.
import type { FloatArray, Round } from '../../src/dtype.js';
import { powInt } from '../../src/exactPow.js';
import { powReal } from '../../src/realPow.js';
import { columnSum, laneSum, lanesOf } from './reductions.js';

/** The dtype's machine epsilon: torch.Adafactor's default eps1 (torch.finfo(dtype).eps). */
export const machineEpsilon = (x: FloatArray): number => (x instanceof Float32Array ? 2 ** -23 : 2 ** -52);

/** A key of 2+ dims as B matrices of R rows × C columns, row-major (B = product of the leading dims). */
export function matricesOf(shape: readonly number[]): [B: number, R: number, C: number] {
  const B = shape.slice(0, -2).reduce((a, b) => a * b, 1);
  return [B, shape[shape.length - 2], shape[shape.length - 1]];
}

// ---- torch.Adafactor ----------------------------------------------------------------------

export interface AdafactorOptions {
  lr: number;
  /** τ ≤ 0: β̂2ₜ = 1 − t^τ. */
  beta2Decay: number;
  /** null: the dtype's machine epsilon. */
  eps1: number | null;
  eps2: number;
  d: number;
  weightDecay: number;
}

/** Step t's host scalars, computed once per step in float64. */
export interface AdafactorHost {
  beta2t: number;
  omb2t: number;
  rho: number;
  lrwd: number;
}

export function adafactorHost(o: AdafactorOptions, t: number): AdafactorHost {
  const beta2t = 1 - powReal(t, o.beta2Decay);
  return { beta2t, omb2t: 1 - beta2t, rho: Math.min(o.lr, 1 / Math.sqrt(t)), lrwd: o.lr * o.weightDecay };
}

/** Row and column factors (B·R and B·C values) for a key of 2+ dims, else the full-size v. */
export type AdafactorState = { row: FloatArray; col: FloatArray } | { v: FloatArray };

export function adafactorState(shape: readonly number[], Array: Float64ArrayConstructor | Float32ArrayConstructor): AdafactorState {
  if (shape.length < 2) return { v: new Array(shape.reduce((a, b) => a * b, 1)) };
  const [B, R, C] = matricesOf(shape);
  return { row: new Array(B * R), col: new Array(B * C) };
}

/**
 * One key's Adafactor step, in place: p (before the step) gives alpha; decoupled
 * weight decay; the factors (or v) and V̂; U = G / max(√V̂, eps1), clipped by
 * RMS(U)/d; p ← p − alpha·Û. Returns the key's alpha and clipping denominator.
 */
export function adafactorKey(
  p: FloatArray,
  g: FloatArray,
  shape: readonly number[],
  state: AdafactorState,
  o: AdafactorOptions,
  h: AdafactorHost,
  r: Round,
): { alpha: number; denom: number } {
  const n = p.length;
  const lanes = lanesOf(p);
  const eps1 = o.eps1 ?? machineEpsilon(p);
  const alpha = Math.max(o.eps2, Math.sqrt(laneSum(n, lanes, (i) => p[i] * p[i]) / n)) * h.rho;
  if (o.weightDecay !== 0) {
    const lrwd = r(h.lrwd);
    for (let i = 0; i < n; i++) p[i] = r(p[i] - r(lrwd * p[i]));
  }
  const beta2t = r(h.beta2t);
  const omb2t = r(h.omb2t);
  const e1 = r(eps1);
  const u = new (p.constructor as Float64ArrayConstructor | Float32ArrayConstructor)(n);
  const scaled = (i: number, vhat: number): number => r(g[i] / Math.max(r(Math.sqrt(vhat)), e1));
  if ('v' in state) {
    const v = state.v;
    for (let i = 0; i < n; i++) {
      v[i] = r(r(beta2t * v[i]) + r(omb2t * r(g[i] * g[i])));
      u[i] = scaled(i, v[i]);
    }
  } else {
    const { row, col } = state;
    const [B, R, C] = matricesOf(shape);
    for (let b = 0; b < B; b++) {
      const at = b * R * C;
      for (let i = 0; i < R; i++) {
        const mean = r(laneSum(C, lanes, (j) => g[at + i * C + j] * g[at + i * C + j]) / C);
        row[b * R + i] = r(r(beta2t * row[b * R + i]) + r(omb2t * mean));
      }
      for (let j = 0; j < C; j++) {
        const mean = r(columnSum(R, (i) => g[at + i * C + j] * g[at + i * C + j]) / R);
        col[b * C + j] = r(r(beta2t * col[b * C + j]) + r(omb2t * mean));
      }
      const den = r(Math.max(laneSum(R, lanes, (i) => row[b * R + i]) / R, eps1));
      for (let i = 0; i < R; i++) {
        for (let j = 0; j < C; j++) u[at + i * C + j] = scaled(at + i * C + j, r(r(row[b * R + i] * col[b * C + j]) / den));
      }
    }
  }
  const denom = Math.max(1, Math.sqrt(laneSum(n, lanes, (i) => u[i] * u[i]) / n) / o.d);
  const a = r(alpha);
  const dn = r(denom);
  for (let i = 0; i < n; i++) p[i] = r(p[i] - r(a * r(u[i] / dn)));
  return { alpha, denom };
}

// ---- LAMB (Optax's lamb) ------------------------------------------------------------------

export interface LambOptions {
  lr: number;
  beta1: number;
  beta2: number;
  eps: number;
  weightDecay: number;
}

export interface LambHost {
  omb1: number;
  omb2: number;
  bc1: number;
  bc2: number;
}

export function lambHost(o: LambOptions, t: number): LambHost {
  return { omb1: 1 - o.beta1, omb2: 1 - o.beta2, bc1: 1 - powInt(o.beta1, t), bc2: 1 - powInt(o.beta2, t) };
}

/**
 * One key's LAMB step, in place: Adam's moments and bias-corrected direction u
 * (eps outside the root), plus weightDecay·p; the trust ratio ‖p‖/‖u‖ (1 where
 * either norm is 0; p before the step); p ← p − (u·ratio)·lr. Returns the ratio.
 */
export function lambKey(
  p: FloatArray,
  g: FloatArray,
  state: { m: FloatArray; v: FloatArray },
  o: LambOptions,
  h: LambHost,
  r: Round,
): { ratio: number; zeroNorm: boolean } {
  const { m, v } = state;
  const n = p.length;
  const [omb1, omb2, beta1, beta2, bc1, bc2, eps, wd, lr] = [h.omb1, h.omb2, o.beta1, o.beta2, h.bc1, h.bc2, o.eps, o.weightDecay, o.lr].map(r);
  const u = new (p.constructor as Float64ArrayConstructor | Float32ArrayConstructor)(n);
  for (let i = 0; i < n; i++) {
    m[i] = r(r(omb1 * g[i]) + r(beta1 * m[i]));
    v[i] = r(r(omb2 * r(g[i] * g[i])) + r(beta2 * v[i]));
    u[i] = r(r(m[i] / bc1) / r(r(Math.sqrt(r(v[i] / bc2))) + eps));
    if (o.weightDecay !== 0) u[i] = r(u[i] + r(wd * p[i]));
  }
  const lanes = lanesOf(p);
  const pn = Math.sqrt(laneSum(n, lanes, (i) => p[i] * p[i]));
  const un = Math.sqrt(laneSum(n, lanes, (i) => u[i] * u[i]));
  const zeroNorm = pn === 0 || un === 0;
  const ratio = zeroNorm ? 1 : pn / un;
  const rt = r(ratio);
  for (let i = 0; i < n; i++) p[i] = r(p[i] - r(r(u[i] * rt) * lr));
  return { ratio, zeroNorm };
}

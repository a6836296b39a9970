// The shaped optimizers' JS references (src/optimizers/torch/adafactor.ts,
// src/optimizers/lamb.ts: the JS engine's loops), called one key at a time with
// the options and host scalars named as makeShapedGolden.py names them.
import type { FloatArray, Round } from '../../src/dtype.js';
import { keyShapeOf } from '../../src/keyShape.js';
import { adafactorConstants, adafactorKey as adafactorStep, machineEpsilon, type AdafactorHyper } from '../../src/optimizers/torch/adafactor.js';
import { lambConstants, lambKey as lambStep, type LAMBHyper } from '../../src/optimizers/lamb.js';

export { machineEpsilon };

/** A key of 2+ dims as B matrices of R rows × C columns, row-major (B = product of the leading dims). */
export function matricesOf(shape: readonly number[]): [B: number, R: number, C: number] {
  const { batch, rows, cols } = keyShapeOf(shape);
  return [batch, rows, cols];
}

/** The golden cases' options: the rule's own hyperparameters. */
export type AdafactorOptions = AdafactorHyper;

/** Step t's host scalars, computed once per step in float64. */
export interface AdafactorHost {
  beta2t: number;
  omb2t: number;
  rho: number;
  lrwd: number;
}

export function adafactorHost(o: AdafactorOptions, t: number): AdafactorHost {
  const { beta2t, omb2t, rho, lrwd } = adafactorConstants(o, t);
  return { beta2t, omb2t, rho, lrwd };
}

/** Row and column factors (B·R and B·C values) for a key of 2+ dims, else the full-size v. */
export type AdafactorState = { row: FloatArray; col: FloatArray } | { v: FloatArray };

export function adafactorState(shape: readonly number[], Array: Float64ArrayConstructor | Float32ArrayConstructor): AdafactorState {
  if (shape.length < 2) return { v: new Array(shape.reduce((a, b) => a * b, 1)) };
  const [B, R, C] = matricesOf(shape);
  return { row: new Array(B * R), col: new Array(B * C) };
}

/** One key's Adafactor step, in place; returns the key's alpha and clipping denominator. */
export function adafactorKey(p: FloatArray, g: FloatArray, shape: readonly number[], state: AdafactorState, o: AdafactorOptions, h: AdafactorHost, r: Round): { alpha: number; denom: number } {
  const none = p.subarray(0, 0);
  const [row, col, v] = 'v' in state ? [none, none, state.v] : [state.row, state.col, none];
  const c = { ...h, eps1: o.eps1 ?? NaN, eps2: o.eps2, d: o.d, weightDecay: o.weightDecay };
  return adafactorStep(p, g, keyShapeOf(shape), !('v' in state), row, col, v, c, r);
}

/** The golden cases' options: the rule's own hyperparameters. */
export type LambOptions = LAMBHyper;

export interface LambHost {
  omb1: number;
  omb2: number;
  bc1: number;
  bc2: number;
}

export function lambHost(o: LambOptions, t: number): LambHost {
  const { omb1, omb2, bc1, bc2 } = lambConstants(o, t);
  return { omb1, omb2, bc1, bc2 };
}

/** One key's LAMB step, in place; returns the trust ratio and whether a norm was 0. */
export function lambKey(p: FloatArray, g: FloatArray, state: { m: FloatArray; v: FloatArray }, o: LambOptions, h: LambHost, r: Round): { ratio: number; zeroNorm: boolean } {
  return lambStep(p, g, state.m, state.v, { ...o, ...h }, r);
}

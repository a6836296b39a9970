import { typedArrayName } from './typedArrays.js';

/**
 * Element types. An optimizer runs one dtype, fixed at its first update;
 * a ParamSet holds one, chosen when it is made.
 */
export type Dtype = 'f64' | 'f32';

/** The arrays an optimizer updates. */
export type FloatArray = Float64Array | Float32Array;

/** The array type of a dtype. */
export type ArrayOf<D extends Dtype> = D extends 'f32' ? Float32Array : Float64Array;

export const BYTES: Readonly<Record<Dtype, number>> = { f64: 8, f32: 4 };

export const ARRAY: Readonly<Record<Dtype, Float64ArrayConstructor | Float32ArrayConstructor>> = {
  f64: Float64Array,
  f32: Float32Array,
};

/**
 * Rounds one operation's result to the dtype. The JS reference calls it after
 * every arithmetic operation: for f32 that is Math.fround, which makes double
 * arithmetic on float32 inputs give exactly float32 arithmetic (a double holds
 * the exact result of +, −, ×, ÷, √ of two floats closely enough that rounding
 * it once more is the same as rounding the exact result); for f64 it is nothing.
 */
export type Round = (x: number) => number;
export const ROUND: Readonly<Record<Dtype, Round>> = { f64: (x) => x, f32: Math.fround };

/**
 * The dtype of `x`, or null when it is not a Float64Array or Float32Array
 * (a subclass counts, as does an array from another realm; a Proxy does not).
 * Runs no code of `x`'s.
 */
export function dtypeOf(x: unknown): Dtype | null {
  const name = typedArrayName(x);
  return name === 'Float64Array' ? 'f64' : name === 'Float32Array' ? 'f32' : null;
}

/** 'Float64Array' or 'Float32Array', for messages. */
export const ARRAY_NAME: Readonly<Record<Dtype, string>> = { f64: 'Float64Array', f32: 'Float32Array' };

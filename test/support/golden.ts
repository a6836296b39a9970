// Loads the NumPy golden data. A JSON import (not node:fs) so the same tests
// run under vitest in Node and in a browser.
import data from '../golden/seedGolden.json';
import data32 from '../golden/seedGolden32.json';

export interface GoldenCase {
  optimizer: 'SGD' | 'Momentum' | 'Nesterov' | 'AdaGrad' | 'RMSProp' | 'Adam';
  options: Record<string, number>;
  checkpoints: Record<string, Record<string, string>>;
  state: Record<string, Record<string, string>>;
}

export interface Golden {
  numpy: string;
  steps: number;
  shapes: Record<string, number[]>;
  initial: Record<string, string>;
  firstGrads: Record<string, string>;
  cases: GoldenCase[];
  pow: { bases: number[]; exponents: number[]; values: string[]; exact: string[] };
  lrT: { lr: number; beta1: number; beta2: number; values: string }[];
}

export const golden = data as unknown as Golden;

/** The same cases run by NumPy in float32 (no pow tables: the scalars are the f64 path's). */
export const golden32 = data32 as unknown as Omit<Golden, 'pow' | 'lrT'>;

function bytesOf(b64: string): ArrayBuffer {
  const text = atob(b64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes.buffer;
}

/** Decodes base64 little-endian float64 (the golden file's array format). */
export function f64(b64: string): Float64Array {
  return new Float64Array(bytesOf(b64));
}

/** Decodes base64 little-endian float32 (seedGolden32.json's array format). */
export function f32(b64: string): Float32Array {
  return new Float32Array(bytesOf(b64));
}

// Loads the NumPy golden data. A JSON import (not node:fs) so the same tests
// run under vitest in Node and in a browser.
import data from '../golden/seedGolden.json';

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

/** Decodes base64 little-endian float64 (the golden file's array format). */
export function f64(b64: string): Float64Array {
  const text = atob(b64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return new Float64Array(bytes.buffer);
}

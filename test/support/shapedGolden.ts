// Loads the NumPy golden data of the shaped optimizers, torch.Adafactor and LAMB
// (test/golden/makeShapedGolden.py), as torchGolden.ts loads the elementwise
// ones: a JSON import, base64 little-endian arrays (f64 in shapedGolden.json,
// f32 in shapedGolden32.json, the same cases run in float32).
import data from '../golden/shapedGolden.json';
import data32 from '../golden/shapedGolden32.json';

export type ShapedName = 'Adafactor' | 'LAMB';

export interface ShapedGoldenCase {
  /** `${family}/${optimizer}/${label}`, unique. */
  id: string;
  /** 'torch': simd.torch.<optimizer>; 'optax': the top-level class simd.<optimizer> (Optax's algorithm). */
  family: 'torch' | 'optax';
  optimizer: ShapedName;
  defaults: boolean;
  /** Every hyperparameter, under the JS API's names; Adafactor's eps1 null is the dtype's machine epsilon. */
  options: Record<string, number | null>;
  /** The keys this case updates, in update order (a subset of the file's shapes). */
  keys: string[];
  /** Step → key → params (flat) after that step. Keys of CHUNK or more elements only at the last step; some keys never (their final state pins them). */
  checkpoints: Record<string, Record<string, string>>;
  /** State name → key → array after the last step: Adafactor's row and col (keys of 2+ dims) or v; LAMB's m and v. */
  state: Record<string, Record<string, string>>;
}

export interface ShapedGolden {
  generator: string;
  numpy: string;
  steps: number;
  checkpoints: number[];
  /** The reductions' chunk length (reductions.ts's CHUNK). */
  chunk: number;
  /** Every key's shape; the gradient stream's key index is the key's position here. */
  shapes: Record<string, number[]>;
  /** Keys whose params start at 0 instead of the stream's p0. */
  zeroStart: string[];
  /** Initial params of the keys shorter than CHUNK. */
  initial: Record<string, string>;
  /** The first case's gradients at step 1, keys shorter than CHUNK. */
  inputs: { case: string; grads: Record<string, Record<string, string>> };
  cases: ShapedGoldenCase[];
}

/** One reduction by itself, on a long key's initial params (p0) or its first gradient (g1), in that dtype, squared. */
export interface ReductionCase {
  dtype: 'f64' | 'f32';
  key: string;
  of: 'p0' | 'g1';
  /** Over the whole key, in lane order. */
  sumOfSquares: number;
  /** Per row (keys with rows longer than a chunk), in lane order. */
  rowSums?: number[];
  /** Per column (keys with columns longer than a chunk), in column order. */
  columnSums?: number[];
}

/**
 * The f64 file also holds, per beta2Decay τ, t^τ correctly rounded and β̂2ₜ = 1 − t^τ
 * for t = 1 .. steps; and the reductions alone, which the f32 cases cannot pin
 * (a reduction's last bits mostly vanish when its result is rounded to f32).
 */
export const shapedGolden = data as unknown as ShapedGolden & {
  adafactor: { beta2Decay: number; pow: string; beta2t: string }[];
  reductions: ReductionCase[];
};

export const shapedGolden32 = data32 as unknown as ShapedGolden & { dtype: 'float32' };

// The WebAssembly per-key kernels of torch.Adafactor and LAMB (assembly/adafactor.ts,
// assembly/lamb.ts) and their reductions (assembly/reduce.ts), called directly on a
// memory of their own: bit for bit against NumPy's golden data (every checkpoint and
// the final state, f64 and f32), and against the JS references for every key length
// class (no tail, tails of 1..3, longer than a chunk, unaligned pointers).
import { describe, expect, it } from 'vitest';
import { ROUND, type FloatArray } from '../src/dtype.js';
import { expectSameBits } from './support/bits.js';
import { f32, f64 } from './support/golden.js';
import { fillGrad, keyConstants, type KeyConstants } from './support/gradStream.js';
import { CHUNK } from '../src/reductions.js';
import { shapedGolden, shapedGolden32, type ShapedGolden, type ShapedGoldenCase } from './support/shapedGolden.js';
import { ShapedKernels } from './support/shapedKernels.js';
import {
  adafactorHost,
  adafactorKey,
  lambHost,
  lambKey,
  matricesOf,
  type AdafactorOptions,
  type LambOptions,
} from './support/shapedReference.js';

type Floats = Float64ArrayConstructor | Float32ArrayConstructor;
type State = Record<string, FloatArray>;

const DTYPES = [
  { dtype: 'f64', data: shapedGolden, decode: f64, Array: Float64Array },
  { dtype: 'f32', data: shapedGolden32, decode: f32, Array: Float32Array },
] as const;

const shapes = shapedGolden.shapes;
const keyIndex = (key: string): number => Object.keys(shapes).indexOf(key);
const sizeOf = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);
const consts: Record<string, KeyConstants> = Object.fromEntries(Object.keys(shapes).map((key) => [key, keyConstants(keyIndex(key), sizeOf(shapes[key]))]));
const start = (key: string): Float64Array => (shapedGolden.zeroStart.includes(key) ? new Float64Array(sizeOf(shapes[key])) : consts[key].p0);

/** A key's state arrays in the kernels' memory (zeroed): Adafactor's row and col (2+ dims) or v; LAMB's m and v. */
function stateIn(kernels: ShapedKernels, optimizer: string, shape: readonly number[], Array: Floats, shift: number): State {
  const n = sizeOf(shape);
  if (optimizer === 'LAMB') return { m: kernels.array(Array, n, shift), v: kernels.array(Array, n, shift) };
  if (shape.length < 2) return { v: kernels.array(Array, n, shift) };
  const [B, R, C] = matricesOf(shape);
  return { row: kernels.array(Array, B * R, shift), col: kernels.array(Array, B * C, shift) };
}

/** One key's step by the kernels, with the JS reference's host scalars for step t. */
function kernelStep(kernels: ShapedKernels, c: { optimizer: string; options: object }, shape: readonly number[], p: FloatArray, g: FloatArray, s: State, t: number): number {
  if (c.optimizer === 'LAMB') {
    const o = c.options as LambOptions;
    return kernels.lambKey(p, g, s.m, s.v, o, lambHost(o, t));
  }
  const o = c.options as AdafactorOptions;
  return kernels.adafactorKey(p, g, shape, s as { v: FloatArray }, o, adafactorHost(o, t));
}

function runCase(c: ShapedGoldenCase, data: ShapedGolden, decode: (b64: string) => FloatArray, Array: Floats): void {
  const bytes = c.keys.reduce((sum, key) => sum + 5 * (sizeOf(shapes[key]) + 4) * Array.BYTES_PER_ELEMENT, 0);
  const kernels = new ShapedKernels(bytes);
  const params = Object.fromEntries(c.keys.map((key) => [key, kernels.array(Array, sizeOf(shapes[key]))]));
  const grads = Object.fromEntries(c.keys.map((key) => [key, kernels.array(Array, sizeOf(shapes[key]))]));
  const state = Object.fromEntries(c.keys.map((key) => [key, stateIn(kernels, c.optimizer, shapes[key], Array, 0)]));
  for (const key of c.keys) params[key].set(start(key));
  for (let t = 1; t <= data.steps; t++) {
    for (const key of c.keys) {
      fillGrad(grads[key], params[key], consts[key], keyIndex(key), t);
      kernelStep(kernels, c, shapes[key], params[key], grads[key], state[key], t);
    }
    const expected = c.checkpoints[String(t)];
    if (expected) for (const [key, b64] of Object.entries(expected)) expectSameBits(params[key], decode(b64), `step ${t} ${key}`);
  }
  for (const [name, byKey] of Object.entries(c.state)) {
    expect(Object.keys(byKey).sort(), `state ${name}`).toEqual(c.keys.filter((key) => name in state[key]).sort());
    for (const [key, b64] of Object.entries(byKey)) expectSameBits(state[key][name], decode(b64), `state ${name} ${key}`);
  }
}

describe('the reductions: NumPy’s sums of squares, row sums and column sums', () => {
  it.each(shapedGolden.reductions)('$dtype $key $of', (c) => {
    const Array = c.dtype === 'f32' ? Float32Array : Float64Array;
    const n = sizeOf(shapes[c.key]);
    const kernels = new ShapedKernels(2 * n * 8 + 64);
    const x = kernels.array(Array, n);
    x.set(Array.from(start(c.key)));
    if (c.of === 'g1') fillGrad(x, x.slice(), consts[c.key], keyIndex(c.key), 1);
    const at = ShapedKernels.at(x);
    expect(kernels.k[`sumOfSquares_${c.dtype}`](at, n)).toBe(c.sumOfSquares);
    const [rows, cols] = shapes[c.key];
    if (c.rowSums) expect(globalThis.Array.from({ length: rows }, (_, i) => kernels.k[`sumOfSquares_${c.dtype}`](at + i * cols * x.BYTES_PER_ELEMENT, cols))).toEqual(c.rowSums);
    if (c.columnSums) {
      const out = kernels.array(Float64Array, cols);
      kernels.k[`columnSumsOfSquares_${c.dtype}`](at, rows, cols, ShapedKernels.at(out));
      expect(globalThis.Array.from(out)).toEqual(c.columnSums);
    }
  });
});

describe.each(DTYPES)('$dtype', ({ data, decode, Array }) => {
  it.each(data.cases)('$id: NumPy’s params at every checkpoint and its final state, bit for bit', (c) => runCase(c, data, decode, Array));
});

// Every length class of the vector loops (tails 0..3 of f32x4, 0..1 of f64x2, longer than a
// chunk), matrices whose rows straddle a v128 or a chunk (and whose columns, walked four v128s at a
// time, then one, then one element, cross a chunk of rows), and pointers off the 16-byte grid.
const VECTORS = [[0], [1], [2], [3], [4], [5], [6], [7], [8], [CHUNK + 3], [2 * CHUNK + 5]];
const MATRICES = [[1, 1], [3, 4], [3, 5], [3, 6], [3, 7], [5, 1], [2, 3, 5], [2, 2, 3, 9], [CHUNK + 3, 3], [CHUNK + 3, 21], [2, CHUNK + 1], [4, 2050]];
const LAMB: LambOptions = { lr: 1e-2, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0.01 };
const ADAFACTOR: AdafactorOptions = { lr: 0.3, beta2Decay: -0.8, eps1: null, eps2: 1e-3, d: 1, weightDecay: 0.05 };

describe.each(DTYPES)('$dtype, every key length class, against the JS reference', ({ Array }) => {
  const r = ROUND[Array === Float32Array ? 'f32' : 'f64'];
  const cases = [
    ...VECTORS.map((shape) => ({ optimizer: 'LAMB', options: LAMB, shape })),
    ...[...VECTORS, ...MATRICES].map((shape) => ({ optimizer: 'Adafactor', options: ADAFACTOR, shape })),
  ];
  it.each(cases.flatMap((c) => [0, 1].map((shift) => ({ ...c, shift }))))('$optimizer $shape, shifted by $shift', ({ optimizer, options, shape, shift }) => {
    const n = sizeOf(shape);
    const kc = keyConstants(7, n);
    const kernels = new ShapedKernels(6 * (n + 8) * Array.BYTES_PER_ELEMENT);
    const p = kernels.array(Array, n, shift);
    const g = kernels.array(Array, n, shift);
    const s = stateIn(kernels, optimizer, shape, Array, shift);
    p.set(Array.from(kc.p0));
    const refP = Array.from(kc.p0);
    const refS: State = Object.fromEntries(Object.entries(s).map(([name, x]) => [name, new Array(x.length)]));
    for (let t = 1; t <= 3; t++) {
      fillGrad(g, p, kc, 7, t);
      const got = kernelStep(kernels, { optimizer, options }, shape, p, g, s, t);
      const want =
        optimizer === 'LAMB'
          ? lambKey(refP, g, refS as { m: FloatArray; v: FloatArray }, LAMB, lambHost(LAMB, t), r).ratio
          : adafactorKey(refP, g, shape, refS as { v: FloatArray }, ADAFACTOR, adafactorHost(ADAFACTOR, t), r).denom;
      expect(Object.is(got, want) || (Number.isNaN(got) && Number.isNaN(want)), `step ${t}: ${got} vs ${want}`).toBe(true);
      expectSameBits(p, refP, `step ${t} p`);
      for (const name of Object.keys(s)) expectSameBits(s[name], refS[name], `step ${t} ${name}`);
    }
  });
});

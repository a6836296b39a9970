// What the shaped golden data (test/golden/makeShapedGolden.py) pins beside the
// optimizers' runs, which test/golden.test.ts checks on every path and dtype:
// the fixed reduction order itself (src/reductions.ts against NumPy's sums),
// Adafactor's t^τ, and that the cases reach both sides of each per-key branch
// (update clipping by RMS(U)/d; LAMB's trust ratio 1 for a zero norm).
import { describe, expect, it } from 'vitest';
import { ROUND, type FloatArray } from '../src/dtype.js';
import { powReal } from '../src/realPow.js';
import { expectSameBits } from './support/bits.js';
import { f64 } from './support/golden.js';
import { fillGrad, keyConstants, type KeyConstants } from './support/gradStream.js';
import { CHUNK, columnSum, laneSum, lanesOf, squaresInLanes } from '../src/reductions.js';
import { shapedGolden, shapedGolden32, type ShapedGolden, type ShapedGoldenCase } from './support/shapedGolden.js';
import {
  adafactorHost,
  adafactorKey,
  adafactorState,
  lambHost,
  lambKey,
  type AdafactorOptions,
  type AdafactorState,
  type LambOptions,
} from './support/shapedReference.js';

const DTYPES = [
  { dtype: 'f64', data: shapedGolden, Array: Float64Array },
  { dtype: 'f32', data: shapedGolden32, Array: Float32Array },
] as const;

const shapes = shapedGolden.shapes;
const keyIndex = (key: string): number => Object.keys(shapes).indexOf(key);
const sizeOf = (key: string): number => shapes[key].reduce((a, b) => a * b, 1);
const consts: Record<string, KeyConstants> = Object.fromEntries(Object.keys(shapes).map((key) => [key, keyConstants(keyIndex(key), sizeOf(key))]));
const start = (key: string): Float64Array => (shapedGolden.zeroStart.includes(key) ? new Float64Array(sizeOf(key)) : consts[key].p0);

/** What a case's run saw, for the checks that the data exercises every branch. */
interface Tally {
  clipped: number;
  unclipped: number;
  zeroNorm: number;
}

/** One key's step of the case's optimizer, its state made on first use. */
type KeyStep = (key: string, p: FloatArray, g: FloatArray, t: number, tally: Tally) => void;

function stepperFor(c: ShapedGoldenCase, Array: Float64ArrayConstructor | Float32ArrayConstructor, state: Record<string, Record<string, FloatArray>>): KeyStep {
  const r = ROUND[Array === Float32Array ? 'f32' : 'f64'];
  if (c.optimizer === 'Adafactor') {
    const o = c.options as unknown as AdafactorOptions;
    return (key, p, g, t, tally) => {
      state[key] ??= adafactorState(shapes[key], Array) as Record<string, FloatArray>;
      const { denom } = adafactorKey(p, g, shapes[key], state[key] as AdafactorState, o, adafactorHost(o, t), r);
      if (denom > 1) tally.clipped++;
      else tally.unclipped++;
    };
  }
  const o = c.options as unknown as LambOptions;
  return (key, p, g, t, tally) => {
    state[key] ??= { m: new Array(p.length), v: new Array(p.length) };
    if (lambKey(p, g, state[key] as { m: FloatArray; v: FloatArray }, o, lambHost(o, t), r).zeroNorm) tally.zeroNorm++;
  };
}

function runCase(c: ShapedGoldenCase, data: ShapedGolden, Array: Float64ArrayConstructor | Float32ArrayConstructor): Tally {
  const params = Object.fromEntries(c.keys.map((key) => [key, Array.from(start(key))]));
  const grads = Object.fromEntries(c.keys.map((key) => [key, new Array(sizeOf(key))]));
  const state: Record<string, Record<string, FloatArray>> = {};
  const step = stepperFor(c, Array, state);
  const tally: Tally = { clipped: 0, unclipped: 0, zeroNorm: 0 };
  for (let t = 1; t <= data.steps; t++) {
    for (const key of c.keys) {
      fillGrad(grads[key], params[key], consts[key], keyIndex(key), t);
      step(key, params[key], grads[key], t, tally);
    }
  }
  return tally;
}

it('both files hold the same cases, with keys that exercise the chunked reductions', () => {
  expect(shapedGolden32.cases.map((c) => [c.id, c.options, c.keys])).toEqual(shapedGolden.cases.map((c) => [c.id, c.options, c.keys]));
  expect(shapedGolden32.shapes).toEqual(shapes);
  expect(shapedGolden.chunk).toBe(CHUNK);
  const keysOf = (name: string) => new Set(shapedGolden.cases.filter((c) => c.optimizer === name).flatMap((c) => c.keys));
  const longest = (keys: Set<string>, dim: (shape: number[]) => number) => Math.max(...[...keys].map((key) => dim(shapes[key])));
  for (const name of ['Adafactor', 'LAMB']) expect(longest(keysOf(name), (s) => s.reduce((a, b) => a * b, 1)), name).toBeGreaterThan(CHUNK);
  const matrices = new Set([...keysOf('Adafactor')].filter((key) => shapes[key].length >= 2));
  expect(longest(matrices, (s) => s[s.length - 1]), 'a row longer than a chunk').toBeGreaterThan(CHUNK);
  expect(longest(matrices, (s) => s[s.length - 2]), 'a column longer than a chunk').toBeGreaterThan(CHUNK);
});

describe('the fixed reduction order', () => {
  it.each(shapedGolden.reductions)('$dtype $key $of: the sum of squares, row sums and column sums are NumPy’s', (c) => {
    const x = (c.dtype === 'f32' ? Float32Array : Float64Array).from(start(c.key));
    if (c.of === 'g1') fillGrad(x, x.slice(), consts[c.key], keyIndex(c.key), 1);
    const lanes = lanesOf(x);
    const square = (i: number) => x[i] * x[i];
    expect(laneSum(x.length, lanes, square)).toBe(c.sumOfSquares);
    const [rows, cols] = shapes[c.key];
    if (c.rowSums) expect(Array.from({ length: rows }, (_, i) => laneSum(cols, lanes, (j) => square(i * cols + j)))).toEqual(c.rowSums);
    if (c.columnSums) expect(Array.from({ length: cols }, (_, j) => columnSum(rows, (i) => square(i * cols + j)))).toEqual(c.columnSums);
  });
  // The JS engine's reduction without a call per element (its column sums are checked by Adafactor's golden runs in golden.test.ts).
  it.each(shapedGolden.reductions)('$dtype $key $of: squaresInLanes gives the same sum of squares and row sums', (c) => {
    const x = (c.dtype === 'f32' ? Float32Array : Float64Array).from(start(c.key));
    if (c.of === 'g1') fillGrad(x, x.slice(), consts[c.key], keyIndex(c.key), 1);
    const lanes = lanesOf(x);
    expect(squaresInLanes(x, 0, x.length, lanes, null)).toBe(c.sumOfSquares);
    const [rows, cols] = shapes[c.key];
    if (c.rowSums) expect(Array.from({ length: rows }, (_, i) => squaresInLanes(x, i * cols, cols, lanes, new Float64Array(cols)))).toEqual(c.rowSums);
  });
});

describe('Adafactor’s t^τ', () => {
  it.each(shapedGolden.adafactor)('powReal(t, $beta2Decay) is NumPy’s correctly rounded power, and β̂2ₜ its complement', ({ beta2Decay, pow, beta2t }) => {
    const ts = Array.from({ length: shapedGolden.steps }, (_, i) => i + 1);
    expectSameBits(Float64Array.from(ts, (t) => powReal(t, beta2Decay)), f64(pow), 'pow');
    const o = { lr: 1e-2, beta2Decay, eps1: null, eps2: 1e-3, d: 1, weightDecay: 0 };
    expectSameBits(Float64Array.from(ts, (t) => adafactorHost(o, t).beta2t), f64(beta2t), 'beta2t');
  });
});

describe.each(DTYPES)('$dtype', ({ data, Array }) => {
  describe.each(data.cases)('$id', (c) => {
    it('reaches both sides of each per-key branch', () => {
      const tally = runCase(c, data, Array);
      if (c.optimizer === 'Adafactor') {
        expect(tally.clipped, 'steps clipped by RMS(U)/d').toBeGreaterThan(0);
        expect(tally.unclipped, 'steps not clipped').toBeGreaterThan(0);
      } else {
        expect(tally.zeroNorm, 'trust ratio 1 for a zero norm').toBeGreaterThan(0);
      }
    });
  });
});

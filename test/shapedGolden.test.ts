// The JS references of torch.Adafactor and LAMB (test/support/shapedReference.ts)
// against NumPy running the same algorithms with the same fixed reduction order
// (test/golden/makeShapedGolden.py): bit for bit at every checkpoint and in the
// final state, in float64 and float32. The engine's kernels are to be held to
// the same files; these tests pin the order itself and the references.
import { describe, expect, it } from 'vitest';
import { ROUND, type FloatArray } from '../src/dtype.js';
import { powReal } from '../src/realPow.js';
import { expectSameBits } from './support/bits.js';
import { f32, f64 } from './support/golden.js';
import { fillGrad, keyConstants, type KeyConstants } from './support/gradStream.js';
import { CHUNK, columnSum, laneSum, lanesOf } from '../src/reductions.js';
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
  { dtype: 'f64', data: shapedGolden, decode: f64, Array: Float64Array },
  { dtype: 'f32', data: shapedGolden32, decode: f32, Array: Float32Array },
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

function runCase(c: ShapedGoldenCase, data: ShapedGolden, decode: (b64: string) => FloatArray, Array: Float64ArrayConstructor | Float32ArrayConstructor): Tally {
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
    const expected = c.checkpoints[String(t)];
    if (expected) for (const [key, b64] of Object.entries(expected)) expectSameBits(params[key], decode(b64), `step ${t} ${key}`);
  }
  const names = new Set(c.keys.flatMap((key) => Object.keys(state[key])));
  expect(Object.keys(c.state).sort(), 'state names').toEqual([...names].sort());
  for (const [name, byKey] of Object.entries(c.state)) {
    expect(Object.keys(byKey).sort(), `state ${name}`).toEqual(c.keys.filter((key) => name in state[key]).sort());
    for (const [key, b64] of Object.entries(byKey)) expectSameBits(state[key][name], decode(b64), `state ${name} ${key}`);
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
});

describe('Adafactor’s t^τ', () => {
  it.each(shapedGolden.adafactor)('powReal(t, $beta2Decay) is NumPy’s correctly rounded power, and β̂2ₜ its complement', ({ beta2Decay, pow, beta2t }) => {
    const ts = Array.from({ length: shapedGolden.steps }, (_, i) => i + 1);
    expectSameBits(Float64Array.from(ts, (t) => powReal(t, beta2Decay)), f64(pow), 'pow');
    const o = { lr: 1e-2, beta2Decay, eps1: null, eps2: 1e-3, d: 1, weightDecay: 0 };
    expectSameBits(Float64Array.from(ts, (t) => adafactorHost(o, t).beta2t), f64(beta2t), 'beta2t');
  });
});

describe.each(DTYPES)('$dtype', ({ data, decode, Array }) => {
  it('the gradient stream gives NumPy’s initial params and first gradients', () => {
    const g1 = data.inputs.grads['1'];
    expect(Object.keys(data.initial).length).toBeGreaterThan(0);
    for (const [key, b64] of Object.entries(data.initial)) {
      const p0 = Array.from(start(key));
      expectSameBits(p0, decode(b64), `initial ${key}`);
      const g = new Array(p0.length);
      fillGrad(g, p0, consts[key], keyIndex(key), 1);
      expectSameBits(g, decode(g1[key]), `first grad ${key}`);
    }
  });

  describe.each(data.cases)('$id', (c) => {
    it('the JS reference gives NumPy’s params at every checkpoint and its final state, bit for bit', () => {
      const tally = runCase(c, data, decode, Array);
      // The data must reach both sides of each branch the rules take per key.
      if (c.optimizer === 'Adafactor') {
        expect(tally.clipped, 'steps clipped by RMS(U)/d').toBeGreaterThan(0);
        expect(tally.unclipped, 'steps not clipped').toBeGreaterThan(0);
      } else {
        expect(tally.zeroNorm, 'trust ratio 1 for a zero norm').toBeGreaterThan(0);
      }
    });
  });
});

// Kernel ≡ JS reference ≡ copy path, bit for bit, on random dicts: random
// optimizer, dtype, hyperparameters, key count, lengths and values
// (fast-check), and every kernel at the lengths where a SIMD loop goes wrong
// first (f64x2 leaves a tail of 1, f32x4 a tail of 1 to 3).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ParamSet } from '../src/index.js';
import { STAGING_ELEMENTS } from '../src/engines/wasmEngine.js';
import { expectSameBits } from './support/bits.js';
import { OPTIMIZER_NAMES, make, type OptimizerName } from './support/optimizers.js';

const unitOpen = fc.double({ min: 0, max: 0.999999, noNaN: true });
const HYPER: Record<OptimizerName, fc.Arbitrary<Record<string, number>>> = {
  SGD: fc.record({ lr: fc.double({ min: 1e-6, max: 2, noNaN: true }) }),
  Momentum: fc.record({ lr: fc.double({ min: 1e-6, max: 2, noNaN: true }), momentum: unitOpen }),
  Nesterov: fc.record({ lr: fc.double({ min: 1e-6, max: 2, noNaN: true }), momentum: unitOpen }),
  AdaGrad: fc.record({ lr: fc.double({ min: 1e-6, max: 2, noNaN: true }), eps: fc.double({ min: 1e-12, max: 1e-2, noNaN: true }) }),
  RMSProp: fc.record({ lr: fc.double({ min: 1e-6, max: 2, noNaN: true }), decayRate: unitOpen, eps: fc.double({ min: 1e-12, max: 1e-2, noNaN: true }) }),
  Adam: fc.record({ lr: fc.double({ min: 1e-6, max: 2, noNaN: true }), beta1: unitOpen, beta2: unitOpen, eps: fc.double({ min: 1e-12, max: 1e-2, noNaN: true }) }),
};

/** Values as a training loop sees them, plus zeros, subnormals, huge values and the odd NaN/Infinity. */
const value = fc.oneof(
  { weight: 8, arbitrary: fc.double({ min: -10, max: 10, noNaN: true }) },
  { weight: 1, arbitrary: fc.constantFrom(0, -0, 5e-324, -1e-310, 1e300, -1e300) },
  { weight: 1, arbitrary: fc.double() },
);

type Dtype = 'f64' | 'f32';
const DTYPES: Dtype[] = ['f64', 'f32'];
const ARRAY = { f64: Float64Array, f32: Float32Array };
type Floats = Float64Array | Float32Array;

const problem = fc.constantFrom(...OPTIMIZER_NAMES).chain((name) =>
  fc.record({
    name: fc.constant(name),
    dtype: fc.constantFrom(...DTYPES),
    hyper: HYPER[name],
    lengths: fc.array(fc.integer({ min: 1, max: 70 }), { minLength: 1, maxLength: 4 }),
    steps: fc.integer({ min: 1, max: 4 }),
    seed: fc.array(value, { minLength: 64, maxLength: 64 }),
  }),
);

/** Deterministic arrays from the drawn values, so every path sees the same numbers. */
function fill(a: Floats, seed: number[], salt: number): void {
  for (let i = 0; i < a.length; i++) a[i] = seed[(i * 7 + salt * 13) % seed.length];
}

type Dicts = { params: Record<string, Floats>; grads: Record<string, Floats> };

function run(
  name: OptimizerName,
  hyper: Record<string, number>,
  lengths: number[],
  steps: number,
  seed: number[],
  path: string,
  dtype: Dtype = 'f64',
): Dicts {
  const keys = lengths.map((_, i) => `k${i}`);
  let dicts: Dicts;
  if (path === 'zero-copy') {
    const set = new ParamSet(Object.fromEntries(keys.map((k, i) => [k, lengths[i]])), { dtype });
    dicts = { params: set.params, grads: set.grads };
  } else {
    dicts = {
      params: Object.fromEntries(keys.map((k, i) => [k, new ARRAY[dtype](lengths[i])])),
      grads: Object.fromEntries(keys.map((k, i) => [k, new ARRAY[dtype](lengths[i])])),
    };
  }
  keys.forEach((k, i) => fill(dicts.params[k], seed, i));
  const opt = make(name, { ...hyper, backend: path === 'js' ? 'js' : 'wasm' });
  for (let t = 0; t < steps; t++) {
    keys.forEach((k, i) => fill(dicts.grads[k], seed, 100 + i * 5 + t));
    opt.update(dicts.params, dicts.grads);
  }
  expect(opt.lastPath).toBe(path);
  expect(opt.dtype).toBe(dtype);
  return dicts;
}

describe('kernel, copy path and JS reference agree bit for bit', () => {
  it('on random problems', () => {
    fc.assert(
      fc.property(problem, ({ name, dtype, hyper, lengths, steps, seed }) => {
        const js = run(name, hyper, lengths, steps, seed, 'js', dtype);
        for (const path of ['zero-copy', 'copy']) {
          const got = run(name, hyper, lengths, steps, seed, path, dtype);
          for (const k of Object.keys(js.params)) expectSameBits(got.params[k], js.params[k], `${name} ${dtype} ${path} ${k}`);
        }
      }),
      { numRuns: 300 },
    );
  });

  // A SIMD loop's usual bugs: no tail (odd lengths), a wrong stride or pointer
  // advance (seen only after several passes), an off-by-one at the end.
  const LENGTHS = [1, 2, 3, 4, 5, 6, 7, 8, 17, 64, 1001, 4096 + 3];
  describe.each(OPTIMIZER_NAMES.flatMap((name) => DTYPES.map((dtype) => ({ name, dtype }))))('$name $dtype', ({ name, dtype }) => {
    it.each(LENGTHS)('at length %i', (n) => {
      const seed = Array.from({ length: 64 }, (_, i) => Math.sin(i * 1.7) * 3);
      const js = run(name, {}, [n, 3], 3, seed, 'js', dtype);
      for (const path of ['zero-copy', 'copy']) {
        const got = run(name, {}, [n, 3], 3, seed, path, dtype);
        expectSameBits(got.params.k0, js.params.k0, `${path} k0`);
        expectSameBits(got.params.k1, js.params.k1, `${path} k1`);
        // every element moved: a skipped element would keep its initial value
        const start = new ARRAY[dtype](n);
        fill(start, seed, 0);
        for (let i = 0; i < n; i++) expect(got.params.k0[i], `element ${i}`).not.toBe(start[i]);
      }
    });
  });
});

describe('NaN and Infinity in grads propagate as in NumPy, without a crash', () => {
  it.each(OPTIMIZER_NAMES.flatMap((name) => DTYPES.map((dtype) => [name, dtype] as const)))('%s %s', (name, dtype) => {
    for (const path of ['zero-copy', 'copy', 'js']) {
      const set = new ParamSet({ w: 4 }, { dtype });
      const plain = { params: { w: new ARRAY[dtype](4) }, grads: { w: new ARRAY[dtype](4) } };
      const d = path === 'zero-copy' ? { params: set.params, grads: set.grads } : plain;
      d.params.w.set([1, 2, 3, 4]);
      d.grads.w.set([NaN, Infinity, -Infinity, 0.5]);
      const opt = make(name, { backend: path === 'js' ? 'js' : 'wasm' });
      opt.update(d.params, d.grads);
      expect(Number.isNaN(d.params.w[0]), `${path}: NaN grad → NaN param`).toBe(true);
      expect(Number.isFinite(d.params.w[3]), `${path}: finite grad → finite param`).toBe(true);
    }
  });
});

describe('the copy path stages large dicts in batches', () => {
  // Keys that straddle the staging area's edge, and one larger than it.
  it.each(OPTIMIZER_NAMES.flatMap((name) => DTYPES.map((dtype) => [name, dtype] as const)))('%s %s across batch boundaries', (name, dtype) => {
    const seed = Array.from({ length: 64 }, (_, i) => Math.cos(i * 0.37) * 2);
    const lengths = [STAGING_ELEMENTS - 1, 3, STAGING_ELEMENTS * 2 + 5, 1];
    const js = run(name, {}, lengths, 2, seed, 'js', dtype);
    const copy = run(name, {}, lengths, 2, seed, 'copy', dtype);
    for (const k of Object.keys(js.params)) expectSameBits(copy.params[k], js.params[k], `${name} ${k}`);
  });

  // Two groups share the arena's one update table, each over several batches; the staging plan is
  // kept between updates (same dict), rebuilt when a schedule re-plans, and dropped when the path changes.
  it.each(DTYPES)('param groups across batch boundaries, with a schedule, then a move to a ParamSet and back (%s)', (dtype) => {
    const sizes = { a: STAGING_ELEMENTS + 7, b: 5, c: STAGING_ELEMENTS - 2, d: 1 };
    const options = (backend: 'js' | 'wasm') => ({
      lr: 0.01,
      weightDecay: 0.01,
      backend,
      groups: [{ keys: ['b', 'd'], weightDecay: 0 }, { keys: ['c'], lr: (t: number) => 0.02 / t }],
    });
    const set = new ParamSet(sizes, { dtype });
    const plain = (d: Readonly<Record<string, Floats>>) => Object.fromEntries(Object.entries(d).map(([k, a]) => [k, a.slice()]));
    set.flatParams.forEach((_, i) => (set.flatParams[i] = Math.sin(i * 0.01)));
    const js = { params: plain(set.params), grads: plain(set.grads) };
    const copied = { params: plain(set.params), grads: plain(set.grads) };
    const ref = make('Adam', options('js'));
    const opt = make('Adam', options('wasm'));
    const paths: string[] = [];
    for (let t = 1; t <= 6; t++) {
      set.flatGrads.forEach((_, i) => (set.flatGrads[i] = Math.cos(i * 0.003 + t)));
      for (const k of Object.keys(sizes)) [js.grads[k], copied.grads[k]].forEach((g) => g.set(set.grads[k]));
      ref.update(js.params, js.grads);
      // Steps 1-2 and 5-6 on plain arrays (copy path), 3-4 in the set (zero-copy), so state moves both ways.
      const onSet = t === 3 || t === 4;
      if (t === 3) for (const k of Object.keys(sizes)) set.params[k].set(copied.params[k]);
      if (t === 5) for (const k of Object.keys(sizes)) copied.params[k].set(set.params[k]);
      opt.update(onSet ? set.params : copied.params, onSet ? set.grads : copied.grads);
      paths.push(opt.lastPath!);
    }
    expect(paths).toEqual(['copy', 'copy', 'zero-copy', 'zero-copy', 'copy', 'copy']);
    for (const k of Object.keys(sizes)) expectSameBits(copied.params[k], js.params[k], `Adam ${dtype} ${k}`);
  });
});

// Every torch.* optimizer (and every variant its options select), in f64 and
// f32: kernel on a ParamSet ≡ copy path ≡ JS reference, bit for bit, over
// several steps, at lengths that leave every kind of SIMD tail. The NumPy
// golden data (golden.test.ts) pins the f64 arithmetic itself; this pins
// that the f32 kernels and the variants agree with their reference.
import { describe, expect, it } from 'vitest';
import { ParamSet, torch } from '../src/index.js';
import { expectSameBits } from './support/bits.js';
import type { AnyOptimizer } from './support/optimizers.js';
import { torchGolden } from './support/torchGolden.js';

type Ctor = new (o: Record<string, unknown>) => AnyOptimizer;
const classes = torch as unknown as Record<string, Ctor>;

// Option sets from the golden cases (each variant the data exercises), per class.
const variants = torchGolden.cases
  .filter((c) => c.family === 'torch')
  .map((c) => ({ name: c.optimizer, id: c.id, options: c.options }));

const LENGTHS = [1, 2, 3, 5, 7, 8, 33];
const ARRAY = { f64: Float64Array, f32: Float32Array } as const;

function run(Cls: Ctor, options: Record<string, unknown>, dtype: 'f64' | 'f32', path: 'zero-copy' | 'copy' | 'js') {
  const sizes = Object.fromEntries(LENGTHS.map((n, i) => [`k${i}`, n]));
  const set = new ParamSet(sizes, { dtype, stateSlots: 3 });
  const fresh = () => Object.fromEntries(LENGTHS.map((n, i) => [`k${i}`, new ARRAY[dtype](n)]));
  const params = path === 'zero-copy' ? set.params : fresh();
  const grads = path === 'zero-copy' ? set.grads : fresh();
  Object.values(params).forEach((a, k) => a.forEach((_, i) => (a[i] = Math.sin(1 + i * 0.7 + k) * 2)));
  const opt = new Cls({ ...options, backend: path === 'js' ? 'js' : 'wasm' });
  for (let t = 1; t <= 12; t++) {
    Object.entries(grads).forEach(([key, g], k) =>
      g.forEach((_, i) => (g[i] = Math.cos(t * 1.3 + i * 0.37 + k) * (i % 5 === 0 ? 1e-3 : 1) + 0.1 * params[key][i])),
    );
    opt.update(params, grads);
  }
  expect(opt.lastPath).toBe(path);
  return { params, opt };
}

describe.each(variants)('$id', ({ name, options }) => {
  it.skipIf(!classes[name]).each(['f64', 'f32'] as const)('%s: zero-copy ≡ copy ≡ JS', (dtype) => {
    const js = run(classes[name], options, dtype, 'js');
    for (const path of ['zero-copy', 'copy'] as const) {
      const got = run(classes[name], options, dtype, path);
      for (const key of Object.keys(js.params)) expectSameBits(got.params[key], js.params[key], `${path} ${key}`);
      for (const s of js.opt.stateNames) {
        for (const key of Object.keys(js.params)) expectSameBits(got.opt.stateOf(key)![s], js.opt.stateOf(key)![s], `${path} state ${s} ${key}`);
      }
    }
  });
});

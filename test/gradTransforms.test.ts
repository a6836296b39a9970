// Weight decay and gradient clipping inside update(): each equals the same
// optimizer without it fed the transformed gradient computed here by hand
// (PyTorch's formulas), bit for bit, on every path and dtype; the grads
// themselves are never written.
import { describe, expect, it } from 'vitest';
import { ParamSet } from '../src/index.js';
import { expectSameBits } from './support/bits.js';
import { OPTIMIZER_NAMES, make } from './support/optimizers.js';

type Floats = Float64Array | Float32Array;
const ARRAY = { f64: Float64Array, f32: Float32Array } as const;
const LENGTHS = { W: 37, b: 3, c: 1 };

function dicts(dtype: 'f64' | 'f32', zeroCopy: boolean) {
  const set = new ParamSet(LENGTHS, { dtype });
  const fresh = () => Object.fromEntries(Object.entries(LENGTHS).map(([k, n]) => [k, new ARRAY[dtype](n)]));
  const d = zeroCopy ? { params: set.params as Record<string, Floats>, grads: set.grads as Record<string, Floats> } : { params: fresh(), grads: fresh() };
  Object.values(d.params).forEach((a, k) => a.forEach((_, i) => (a[i] = Math.sin(i * 0.9 + k) * 3)));
  return d;
}
const fillGrads = (grads: Record<string, Floats>, t: number) =>
  Object.values(grads).forEach((a, k) => a.forEach((_, i) => (a[i] = Math.cos(i * 1.1 + k + t) * (1 + k))));

/** Runs `steps` updates with `options`, transforming the grads by hand with `by` before each (null: no hand transform). */
function run(name: (typeof OPTIMIZER_NAMES)[number], dtype: 'f64' | 'f32', path: string, options: object, by: ((p: Record<string, Floats>, g: Record<string, Floats>) => void) | null) {
  const d = dicts(dtype, path === 'zero-copy');
  const opt = make(name, { ...options, backend: path === 'js' ? 'js' : 'wasm' }) as ReturnType<typeof make> & { lastGradNorm: number };
  const norms: number[] = [];
  for (let t = 1; t <= 4; t++) {
    fillGrads(d.grads, t);
    const before = Object.fromEntries(Object.entries(d.grads).map(([k, a]) => [k, a.slice()]));
    by?.(d.params, d.grads);
    const seen = Object.fromEntries(Object.entries(d.grads).map(([k, a]) => [k, a.slice()]));
    opt.update(d.params, d.grads);
    norms.push(opt.lastGradNorm);
    for (const k of Object.keys(seen)) expectSameBits(d.grads[k], seen[k], `grads['${k}'] untouched`);
    if (!by) for (const k of Object.keys(before)) expectSameBits(d.grads[k], before[k], `grads['${k}'] untouched`);
  }
  expect(opt.lastPath).toBe(path);
  return { params: d.params, norms };
}

const CASES = OPTIMIZER_NAMES.flatMap((name) => (['f64', 'f32'] as const).flatMap((dtype) => ['zero-copy', 'copy', 'js'].map((path) => ({ name, dtype, path }))));

describe.each(CASES)('$name $dtype $path', ({ name, dtype, path }) => {
  const r = dtype === 'f32' ? Math.fround : (x: number) => x;

  it('weightDecay adds wd·p to the gradient (L2, coupled)', () => {
    const wd = 0.05;
    const got = run(name, dtype, path, { weightDecay: wd }, null);
    const want = run(name, dtype, path, {}, (p, g) => {
      for (const k of Object.keys(g)) g[k].forEach((x, i) => (g[k][i] = r(x + r(r(wd) * p[k][i]))));
    });
    for (const k of Object.keys(got.params)) expectSameBits(got.params[k], want.params[k], k);
  });

  it('clipValue clamps every gradient to [−v, v]', () => {
    const v = 0.5;
    const got = run(name, dtype, path, { clipValue: v }, null);
    const want = run(name, dtype, path, {}, (_p, g) => {
      for (const k of Object.keys(g)) g[k].forEach((x, i) => (g[k][i] = Math.min(Math.max(x, -v), v)));
    });
    for (const k of Object.keys(got.params)) expectSameBits(got.params[k], want.params[k], k);
  });

  it('clipNorm scales every gradient by max/(norm + 1e-6) when the global norm exceeds max, and reports the norm', () => {
    const maxNorm = 2;
    const got = run(name, dtype, path, { clipNorm: maxNorm }, null);
    const naive: number[] = [];
    const want = run(name, dtype, path, {}, (_p, g) => {
      let sum = 0;
      for (const a of Object.values(g)) for (const x of a) sum += x * x;
      naive.push(Math.sqrt(sum));
      // The scale from the optimizer's own norm (its summation order is fixed; the naive sum checks its value).
      const scale = Math.min(maxNorm / (got.norms[naive.length - 1] + 1e-6), 1);
      for (const a of Object.values(g)) a.forEach((x, i) => (a[i] = r(x * r(scale))));
    });
    naive.forEach((n, t) => expect(Math.abs(got.norms[t] - n) / n).toBeLessThan(1e-12));
    expect(naive.every((n) => n > maxNorm)).toBe(true);
    for (const k of Object.keys(got.params)) expectSameBits(got.params[k], want.params[k], k);
  });
});

describe('the global norm is the same number on every path', () => {
  it.each(['f64', 'f32'] as const)('%s', (dtype) => {
    const [zc, copy, js] = ['zero-copy', 'copy', 'js'].map((path) => run('Adam', dtype, path, { clipNorm: 1 }, null).norms);
    expect(copy).toEqual(zc);
    expect(js).toEqual(zc);
  });
});

describe('clipping keeps the special values as the JS reference does (NaN, ±0, ±∞), in the SIMD body and the tail', () => {
  // 11 elements: a vector body of 10 (f64) or 8 (f32) and a scalar tail, with every special value in both.
  const G = [NaN, -0, 0, Infinity, -Infinity, 1e-300, -5, 5, 0.25, -0, NaN];
  it.each([
    ['f64', 1e-30],
    ['f64', 2],
    ['f32', 1e-30],
    ['f32', 2],
  ] as const)('%s, clipValue %s', (dtype, clipValue) => {
    const results = ['zero-copy', 'copy', 'js'].map((path) => {
      const set = new ParamSet({ w: G.length }, { dtype, threads: 1 });
      const d = path === 'zero-copy' ? { p: set.params.w, g: set.grads.w } : { p: new ARRAY[dtype](G.length), g: new ARRAY[dtype](G.length) };
      d.p.fill(-0);
      d.g.set(G);
      const opt = make('SGD', { lr: 1, clipValue, backend: path === 'js' ? 'js' : 'wasm' });
      opt.update({ w: d.p }, { w: d.g });
      expect(opt.lastPath).toBe(path);
      return d.p;
    });
    // p = −0 − clip(g): NaN stays NaN, ±∞ and ±5 go to the bounds, and a zero keeps its sign (−0 − 0 = −0, −0 − (−0) = 0).
    const c = dtype === 'f32' ? Math.fround(clipValue) : clipValue;
    const want = G.map((g) => -0 - (Number.isNaN(g) ? NaN : Math.min(Math.max(g, -c), c)));
    for (const p of results) expectSameBits(p, ARRAY[dtype].from(want), `clipValue ${clipValue}`);
    expectSameBits(results[0], results[2], 'zero-copy = JS');
    expectSameBits(results[1], results[2], 'copy = JS');
  });
});

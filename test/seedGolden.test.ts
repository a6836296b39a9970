// Every optimizer, on every path, against the seed's own classes run by NumPy
// (test/golden/makeGolden.py): bit for bit at steps 1, 10 and 300, and the
// state after the last step; in float64, and in float32 on Float32Arrays.
import { describe, expect, it } from 'vitest';
import { ParamSet } from '../src/index.js';
import { expectSameBits } from './support/bits.js';
import { f32, f64, golden, golden32, type GoldenCase } from './support/golden.js';
import { fillGrad, keyConstants } from './support/gradStream.js';
import { make } from './support/optimizers.js';

type Floats = Float64Array | Float32Array;
const DTYPES = [
  { dtype: 'f64', data: golden, decode: f64, Array: Float64Array },
  { dtype: 'f32', data: golden32, decode: f32, Array: Float32Array },
] as const;

const keys = Object.keys(golden.shapes);
const consts = keys.map((key, k) => keyConstants(k, golden.shapes[key].reduce((a, b) => a * b, 1)));

type Path = 'zero-copy' | 'copy' | 'js' | 'zero-copy, keys reordered every step';
const PATHS: Path[] = ['zero-copy', 'copy', 'js', 'zero-copy, keys reordered every step'];

const reordered = <T>(d: Record<string, T>, order: string[]): Record<string, T> =>
  Object.fromEntries(order.map((k) => [k, d[k]]));

describe.each(DTYPES)('$dtype', ({ dtype, data, decode, Array }) => {
  function arrays(path: Path): { params: Record<string, Floats>; grads: Record<string, Floats> } {
    if (path.startsWith('zero-copy')) {
      const set = new ParamSet(data.shapes, { dtype });
      return { params: { ...set.params }, grads: { ...set.grads } };
    }
    const params = Object.fromEntries(keys.map((k, i) => [k, new Array(consts[i].p0.length)]));
    const grads = Object.fromEntries(keys.map((k, i) => [k, new Array(consts[i].p0.length)]));
    return { params, grads };
  }

  it('the gradient stream has the same initial params and first gradients as NumPy', () => {
    keys.forEach((key, k) => {
      const p0 = Array.from(consts[k].p0);
      expectSameBits(p0, decode(data.initial[key]), `initial ${key}`);
      const g = new Array(p0.length);
      fillGrad(g, p0, consts[k], k, 1);
      expectSameBits(g, decode(data.firstGrads[key]), `first grad ${key}`);
    });
  });

  describe.each(data.cases as GoldenCase[])('$optimizer $options equals the seed in NumPy', (c) => {
    it.each(PATHS)('on the %s path', (path) => {
      const opt = make(c.optimizer, { ...c.options, backend: path === 'js' ? 'js' : 'wasm' });
      const { params, grads } = arrays(path);
      keys.forEach((key, k) => params[key].set(consts[k].p0));
      const backwards = [...keys].reverse();
      for (let t = 1; t <= data.steps; t++) {
        keys.forEach((key, k) => fillGrad(grads[key], params[key], consts[k], k, t));
        if (path.endsWith('reordered every step') && t % 2 === 0) {
          opt.update(reordered(params, backwards), reordered(grads, backwards));
        } else {
          opt.update(params, grads);
        }
        const expected = c.checkpoints[String(t)];
        if (expected) for (const key of keys) expectSameBits(params[key], decode(expected[key]), `step ${t} ${key}`);
      }
      expect(opt.lastPath).toBe(path === 'js' ? 'js' : path.split(',')[0]);
      expect(opt.steps).toBe(data.steps);
      expect(opt.dtype).toBe(dtype);
      expect(Object.keys(c.state).sort()).toEqual([...opt.stateNames].sort());
      for (const [name, byKey] of Object.entries(c.state)) {
        for (const key of keys) expectSameBits(opt.stateOf(key)![name], decode(byKey[key]), `state ${name} ${key}`);
      }
    });
  });
});

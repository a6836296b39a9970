// The optimizers beyond the seed, and the seed's with weightDecay and PyTorch's
// eps convention, against NumPy running PyTorch's documented algorithms
// (test/golden/makeTorchGolden.py): bit for bit at every checkpoint and in the
// final state, through the zero-copy path, the copy path and the JS reference;
// in float64, and in float32 on Float32Arrays (torchGolden32.json).
import { describe, expect, it } from 'vitest';
import * as simd from '../src/index.js';
import { ParamSet } from '../src/index.js';
import { expectSameBits } from './support/bits.js';
import { f32, f64 } from './support/golden.js';
import { fillGrad, keyConstants } from './support/gradStream.js';
import { stateNames, torchGolden, torchGolden32, type TorchGoldenCase } from './support/torchGolden.js';
import type { AnyOptimizer } from './support/optimizers.js';

type Floats = Float64Array | Float32Array;
const DTYPES = [
  { dtype: 'f64', data: torchGolden, decode: f64, Array: Float64Array },
  { dtype: 'f32', data: torchGolden32, decode: f32, Array: Float32Array },
] as const;

const keys = Object.keys(torchGolden.shapes);
const sizeOf = (key: string) => torchGolden.shapes[key].reduce((a, b) => a * b, 1);
const consts = keys.map((key, k) => keyConstants(k, sizeOf(key)));

type Ctor = new (o: Record<string, unknown>) => AnyOptimizer;
function classOf(c: TorchGoldenCase): Ctor | undefined {
  const home = (c.family === 'torch' ? simd.torch : simd) as unknown as Record<string, Ctor | undefined>;
  return home[c.optimizer];
}

const PATHS = ['zero-copy', 'copy', 'js'] as const;

it('every golden case has its class, and the float32 file has the same cases', () => {
  expect(torchGolden.cases.filter((c) => !classOf(c)).map((c) => c.id)).toEqual([]);
  expect(torchGolden32.cases.map((c) => [c.id, c.options])).toEqual(torchGolden.cases.map((c) => [c.id, c.options]));
  expect(torchGolden32.shapes).toEqual(torchGolden.shapes);
});

describe.each(DTYPES)('$dtype', ({ dtype, data, decode, Array }) => {
  it('the gradient stream gives NumPy\'s initial params and first gradients', () => {
    const g1 = data.inputs.grads['1'];
    keys.forEach((key, k) => {
      const p0 = Array.from(consts[k].p0);
      expectSameBits(p0, decode(data.initial[key]), `initial ${key}`);
      const g = new Array(p0.length);
      fillGrad(g, p0, consts[k], k, 1);
      expectSameBits(g, decode(g1[key]), `first grad ${key}`);
    });
  });

  describe.each(data.cases)('$id', (c) => {
    it.skipIf(!classOf(c)).each(PATHS)('on the %s path', (path) => {
      const Cls = classOf(c)!;
      const opt = new Cls({ ...c.options, backend: path === 'js' ? 'js' : 'wasm' });
      const set = new ParamSet(data.shapes, { dtype, stateSlots: 3 });
      const fresh = (): Record<string, Floats> => Object.fromEntries(keys.map((k) => [k, new Array(sizeOf(k))]));
      const params = path === 'zero-copy' ? set.params : fresh();
      const grads = path === 'zero-copy' ? set.grads : fresh();
      keys.forEach((key, k) => params[key].set(consts[k].p0));
      for (let t = 1; t <= data.steps; t++) {
        keys.forEach((key, k) => fillGrad(grads[key], params[key], consts[k], k, t));
        opt.update(params, grads);
        const expected = c.checkpoints[String(t)];
        if (expected) for (const [key, b64] of Object.entries(expected)) expectSameBits(params[key], decode(b64), `step ${t} ${key}`);
      }
      expect(opt.lastPath).toBe(path);
      expect(opt.dtype).toBe(dtype);
      const names = stateNames(c);
      expect([...opt.stateNames].sort()).toEqual([...names].sort());
      for (const name of names) {
        for (const key of keys) expectSameBits(opt.stateOf(key)![name], decode(c.state[name][key]), `state ${name} ${key}`);
      }
    });
  });
});

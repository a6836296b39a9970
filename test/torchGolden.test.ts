// The optimizers beyond the seed, and the seed's with weightDecay and PyTorch's
// eps convention, against NumPy running PyTorch's documented algorithms
// (test/golden/makeTorchGolden.py): bit for bit at every checkpoint and in the
// final state, through the zero-copy path, the copy path and the JS reference.
import { describe, expect, it } from 'vitest';
import * as simd from '../src/index.js';
import { ParamSet } from '../src/index.js';
import { expectSameBits } from './support/bits.js';
import { f64 } from './support/golden.js';
import { fillGrad, keyConstants } from './support/gradStream.js';
import { stateNames, torchGolden as golden, type TorchGoldenCase } from './support/torchGolden.js';
import type { AnyOptimizer } from './support/optimizers.js';

const keys = Object.keys(golden.shapes);
const sizeOf = (key: string) => golden.shapes[key].reduce((a, b) => a * b, 1);
const consts = keys.map((key, k) => keyConstants(k, sizeOf(key)));

type Ctor = new (o: Record<string, unknown>) => AnyOptimizer;
function classOf(c: TorchGoldenCase): Ctor | undefined {
  const home = (c.family === 'torch' ? simd.torch : simd) as unknown as Record<string, Ctor | undefined>;
  return home[c.optimizer];
}

const PATHS = ['zero-copy', 'copy', 'js'] as const;

it('every golden case has its class', () => {
  expect(golden.cases.filter((c) => !classOf(c)).map((c) => c.id)).toEqual([]);
});

describe.each(golden.cases)('$id', (c) => {
  it.skipIf(!classOf(c)).each(PATHS)('on the %s path', (path) => {
    const Cls = classOf(c)!;
    const opt = new Cls({ ...c.options, backend: path === 'js' ? 'js' : 'wasm' });
    const set = new ParamSet(golden.shapes, { stateSlots: 3 });
    const params = path === 'zero-copy' ? set.params : Object.fromEntries(keys.map((k) => [k, new Float64Array(sizeOf(k))]));
    const grads = path === 'zero-copy' ? set.grads : Object.fromEntries(keys.map((k) => [k, new Float64Array(sizeOf(k))]));
    keys.forEach((key, k) => params[key].set(consts[k].p0));
    for (let t = 1; t <= golden.steps; t++) {
      keys.forEach((key, k) => fillGrad(grads[key], params[key], consts[k], k, t));
      opt.update(params, grads);
      const expected = c.checkpoints[String(t)];
      if (expected) for (const [key, b64] of Object.entries(expected)) expectSameBits(params[key], f64(b64), `step ${t} ${key}`);
    }
    expect(opt.lastPath).toBe(path);
    const names = stateNames(c);
    expect([...opt.stateNames].sort()).toEqual([...names].sort());
    for (const name of names) {
      for (const key of keys) expectSameBits(opt.stateOf(key)![name], f64(c.state[name][key]), `state ${name} ${key}`);
    }
  });
});

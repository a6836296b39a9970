// Every optimizer, on every path, against the seed's own classes run by NumPy
// (test/golden/makeGolden.py): bit for bit at steps 1, 10 and 300, and the
// state after the last step.
import { describe, expect, it } from 'vitest';
import { ParamSet } from '../src/index.js';
import { expectSameBits } from './support/bits.js';
import { f64, golden } from './support/golden.js';
import { fillGrad, keyConstants } from './support/gradStream.js';
import { make } from './support/optimizers.js';

const keys = Object.keys(golden.shapes);
const consts = keys.map((key, k) => keyConstants(k, golden.shapes[key].reduce((a, b) => a * b, 1)));

type Path = 'zero-copy' | 'copy' | 'js' | 'zero-copy, keys reordered every step';
const PATHS: Path[] = ['zero-copy', 'copy', 'js', 'zero-copy, keys reordered every step'];

function arrays(path: Path): { params: Record<string, Float64Array>; grads: Record<string, Float64Array> } {
  if (path.startsWith('zero-copy')) {
    const set = new ParamSet(golden.shapes);
    return { params: { ...set.params }, grads: { ...set.grads } };
  }
  const params = Object.fromEntries(keys.map((k, i) => [k, new Float64Array(consts[i].p0.length)]));
  const grads = Object.fromEntries(keys.map((k, i) => [k, new Float64Array(consts[i].p0.length)]));
  return { params, grads };
}

const reordered = <T>(d: Record<string, T>, order: string[]): Record<string, T> =>
  Object.fromEntries(order.map((k) => [k, d[k]]));

describe('the gradient stream matches NumPy', () => {
  it('has the same initial params and first gradients', () => {
    keys.forEach((key, k) => {
      expectSameBits(consts[k].p0, f64(golden.initial[key]), `initial ${key}`);
      const g = new Float64Array(consts[k].p0.length);
      fillGrad(g, consts[k].p0, consts[k], k, 1);
      expectSameBits(g, f64(golden.firstGrads[key]), `first grad ${key}`);
    });
  });
});

describe.each(golden.cases)('$optimizer $options equals the seed in NumPy', (c) => {
  it.each(PATHS)('on the %s path', (path) => {
    const opt = make(c.optimizer, { ...c.options, backend: path === 'js' ? 'js' : 'wasm' });
    const { params, grads } = arrays(path);
    keys.forEach((key, k) => params[key].set(consts[k].p0));
    const backwards = [...keys].reverse();
    for (let t = 1; t <= golden.steps; t++) {
      keys.forEach((key, k) => fillGrad(grads[key], params[key], consts[k], k, t));
      if (path.endsWith('reordered every step') && t % 2 === 0) {
        opt.update(reordered(params, backwards), reordered(grads, backwards));
      } else {
        opt.update(params, grads);
      }
      const expected = c.checkpoints[String(t)];
      if (expected) for (const key of keys) expectSameBits(params[key], f64(expected[key]), `step ${t} ${key}`);
    }
    expect(opt.lastPath).toBe(path === 'js' ? 'js' : path.split(',')[0]);
    expect(opt.steps).toBe(golden.steps);
    expect(Object.keys(c.state).sort()).toEqual([...opt.stateNames].sort());
    for (const [name, byKey] of Object.entries(c.state)) {
      for (const key of keys) expectSameBits(opt.stateOf(key)![name], f64(byKey[key]), `state ${name} ${key}`);
    }
  });
});

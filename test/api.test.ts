// The user-facing surface: defaults, hyperparameter changes between updates,
// reset(), and the step count.
import { describe, expect, it } from 'vitest';
import { AdaGrad, Adam, Momentum, Nesterov, ParamSet, RMSProp, SGD, backend } from '../src/index.js';
import { expectSameBits } from './support/bits.js';

describe('defaults are the seed\'s', () => {
  it.each([
    [new SGD(), { lr: 0.01 }],
    [new Momentum(), { lr: 0.01, momentum: 0.9 }],
    [new Nesterov(), { lr: 0.01, momentum: 0.9 }],
    [new AdaGrad(), { lr: 0.01, eps: 1e-7 }],
    [new RMSProp(), { lr: 0.01, decayRate: 0.9, eps: 1e-7 }],
    [new Adam(), { lr: 0.001, beta1: 0.9, beta2: 0.999, eps: 1e-7 }],
  ] as const)('%s', (opt, expected) => {
    for (const [k, v] of Object.entries(expected)) expect((opt as unknown as Record<string, number>)[k]).toBe(v);
  });

  it('runs on WebAssembly SIMD here (Node 20 has it)', () => {
    expect(backend).toBe('wasm');
    expect(new Adam().backend).toBe('wasm');
    expect(new Adam({ backend: 'js' }).backend).toBe('js');
  });
});

describe('hyperparameters changed between updates take effect at the next one', () => {
  it('a hand-made learning-rate schedule gives what fresh constant-lr steps give', () => {
    const set = new ParamSet({ w: 33 });
    set.params.w.set(Float64Array.from({ length: 33 }, (_, i) => i / 7));
    set.grads.w.set(Float64Array.from({ length: 33 }, (_, i) => Math.sin(i)));
    const plain = { w: set.params.w.slice() };
    const g = { w: set.grads.w.slice() };
    const opt = new Adam({ lr: 0.1 });
    const ref = new Adam({ lr: 0.1, backend: 'js' });
    for (const lr of [0.1, 0.05, 0.025, 0.0125]) {
      opt.lr = lr;
      ref.lr = lr;
      opt.update(set.params, set.grads);
      ref.update(plain, g);
    }
    expectSameBits(set.params.w, plain.w, 'scheduled');
    // and it really changed something: a constant lr ends elsewhere
    const constant = { w: Float64Array.from({ length: 33 }, (_, i) => i / 7) };
    const c = new Adam({ lr: 0.1, backend: 'js' });
    for (let t = 0; t < 4; t++) c.update(constant, g);
    expect(constant.w[5]).not.toBe(plain.w[5]);
  });

  it('AdaGrad and RMSProp honour lr (the seed ignores it)', () => {
    for (const Cls of [AdaGrad, RMSProp]) {
      const a = { w: new Float64Array([1, 2]) };
      const b = { w: new Float64Array([1, 2]) };
      const g = { w: new Float64Array([0.5, -0.5]) };
      new Cls({ lr: 0.01 }).update(a, g);
      new Cls({ lr: 0.5 }).update(b, g);
      expect(1 - b.w[0]).toBeCloseTo(50 * (1 - a.w[0]), 6);
    }
  });
});

describe('state and steps', () => {
  it('reset() starts over: the same updates give the same params again', () => {
    const opt = new Adam({ lr: 0.1 });
    const g = { w: new Float64Array([0.3, -0.2, 0.1]) };
    const first = { w: new Float64Array([1, 1, 1]) };
    opt.update(first, g);
    opt.update(first, g);
    expect(opt.steps).toBe(2);
    opt.reset();
    expect(opt.steps).toBe(0);
    const again = { w: new Float64Array([1, 1, 1]) };
    opt.update(again, g);
    opt.update(again, g);
    expectSameBits(again.w, first.w, 'after reset');
  });

  it('reset() frees the key set: another dict may follow', () => {
    const opt = new Momentum();
    opt.update({ a: new Float64Array(2) }, { a: new Float64Array(2) });
    expect(() => opt.update({ b: new Float64Array(3) }, { b: new Float64Array(3) })).toThrow(/key 'b' is new/);
    opt.reset();
    opt.update({ b: new Float64Array(3) }, { b: new Float64Array(3).fill(1) });
    expect(opt.stateOf('b')!.v[0]).toBe(-0.01);
    expect(opt.stateOf('a')).toBeUndefined();
  });

  it('stateOf returns copies, named as in the seed', () => {
    const opt = new Adam();
    const p = { w: new Float64Array([1]) };
    opt.update(p, { w: new Float64Array([2]) });
    const s = opt.stateOf('w')!;
    expect(Object.keys(s)).toEqual(['m', 'v']);
    s.m[0] = 99;
    expect(opt.stateOf('w')!.m[0]).not.toBe(99);
  });
});

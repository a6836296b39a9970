// Zero copy without surprises: views handed out by a ParamSet stay valid (never
// detached) whatever is created or updated afterwards.
import { describe, expect, it } from 'vitest';
import { Adam, AdaGrad, Momentum, ParamSet, SGD } from '../src/index.js';
import { expectSameBits } from './support/bits.js';
import { clone, make } from './support/optimizers.js';

const ramp = (n: number, s: number) => Float64Array.from({ length: n }, (_, i) => Math.cos(i * s));

/** Every view of the set reads back what was written and accepts a write. */
function expectLive(set: ParamSet, what: string): void {
  for (const d of [set.params, set.grads]) {
    for (const [k, a] of Object.entries(d)) {
      expect(a.length, `${what}: ${k} length`).toBe(set.shapes[k].reduce((x, y) => x * y, 1));
      const old = a[0];
      a[0] = 12345.5;
      expect(a[0], `${what}: ${k} write`).toBe(12345.5);
      a[0] = old;
    }
  }
  expect(set.flatParams.length).toBe(set.size);
}

describe('ParamSet views survive later allocations', () => {
  it('two sets and three optimizers, made in any order, updates interleaved', () => {
    const a = new ParamSet({ W1: [30, 17], b1: 17 });
    a.flatParams.set(ramp(a.size, 0.1));
    a.flatGrads.set(ramp(a.size, 0.2));
    // The oracle: the same sequence on plain copies through the JS backend.
    const ja = { p: clone(a.params), g: clone(a.grads) };
    const adamA = new Adam({ lr: 0.01 });
    const adamJ = new Adam({ lr: 0.01, backend: 'js' });
    adamA.update(a.params, a.grads);
    adamJ.update(ja.p, ja.g);
    const b = new ParamSet({ W: [1000, 100], b: 100 }); // a new, larger arena
    expectLive(a, 'after b');
    const momB = new Momentum();
    const sgdA = new SGD();
    b.flatParams.set(ramp(b.size, 0.3));
    b.flatGrads.set(ramp(b.size, 0.4));
    const jb = { p: clone(b.params), g: clone(b.grads) };
    const momJ = new Momentum({ backend: 'js' });
    const sgdJ = new SGD({ backend: 'js' });
    for (let t = 0; t < 5; t++) {
      momB.update(b.params, b.grads);
      momJ.update(jb.p, jb.g);
      new ParamSet({ scratch: 50_000 + t }); // allocations in between must not disturb a or b
      adamA.update(a.params, a.grads);
      adamJ.update(ja.p, ja.g);
      sgdA.update(a.params, a.grads);
      sgdJ.update(ja.p, ja.g);
      expectLive(a, `step ${t} a`);
      expectLive(b, `step ${t} b`);
    }
    expect([adamA.lastPath, sgdA.lastPath, momB.lastPath]).toEqual(['zero-copy', 'zero-copy', 'zero-copy']);
    for (const k of ['W1', 'b1']) expectSameBits(a.params[k], ja.p[k], `a.${k}`);
    for (const k of ['W', 'b']) expectSameBits(b.params[k], jb.p[k], `b.${k}`);
  });

  it('copy-path workspaces made after a set do not detach it', () => {
    const set = new ParamSet({ w: 1000 });
    const view = set.params.w;
    const opt = new AdaGrad();
    opt.update({ w: new Float64Array(2_000_000) }, { w: new Float64Array(2_000_000).fill(1) }); // a 48 MB workspace
    expect(opt.lastPath).toBe('copy');
    expect(view.length).toBe(1000);
    expect(view.buffer.byteLength).toBeGreaterThan(0);
    view[999] = 3;
    expect(set.flatParams[999]).toBe(3);
  });
});

describe('state slots', () => {
  it('an optimizer that finds no free slot uses the copy path, with the same bits', () => {
    const set = new ParamSet({ w: 9 }, { stateSlots: 2 });
    set.params.w.set(ramp(9, 0.5));
    set.grads.w.set(ramp(9, 0.7));
    const first = new Adam(); // takes both slots
    first.update(set.params, set.grads);
    expect(first.lastPath).toBe('zero-copy');
    expect(set.freeStateSlots).toBe(0);
    const second = new Momentum();
    const oracle = { w: set.params.w.slice() };
    second.update(set.params, set.grads);
    expect(second.lastPath).toBe('copy');
    new Momentum({ backend: 'js' }).update(oracle, { w: set.grads.w.slice() });
    expectSameBits(set.params.w, oracle.w, 'w');
  });

  it('reset() gives slots back, and state follows the arrays between paths', () => {
    const set = new ParamSet({ w: 9 }, { stateSlots: 1 });
    set.params.w.set(ramp(9, 0.5));
    set.grads.w.set(ramp(9, 0.7));
    const opt = new Momentum();
    const ref = new Momentum({ backend: 'js' });
    const plain = { p: { w: set.params.w.slice() }, g: { w: set.grads.w.slice() } };
    opt.update(set.params, set.grads); // zero-copy: state in the set
    ref.update(plain.p, plain.g);
    expect(set.freeStateSlots).toBe(0);
    const moved = { w: set.params.w.slice() };
    opt.update(moved, { w: set.grads.w.slice() }); // plain arrays: state moves to a private workspace
    ref.update(plain.p, plain.g);
    expect(opt.lastPath).toBe('copy');
    expect(set.freeStateSlots).toBe(1);
    expectSameBits(moved.w, plain.p.w, 'after moving out');
    set.params.w.set(moved.w);
    opt.update(set.params, set.grads); // back into the set
    ref.update(plain.p, plain.g);
    expect(opt.lastPath).toBe('zero-copy');
    expectSameBits(set.params.w, plain.p.w, 'after moving back');
    expectSameBits(opt.stateOf('w')!.v, ref.stateOf('w')!.v, 'velocity');
    opt.reset();
    expect(set.freeStateSlots).toBe(1);
    expect(opt.stateOf('w')).toBeUndefined();
    expect(opt.steps).toBe(0);
  });

  it('a reused slot starts from zeros', () => {
    const set = new ParamSet({ w: 5 }, { stateSlots: 1 });
    set.params.w.fill(1);
    set.grads.w.fill(2);
    const a = new Momentum();
    a.update(set.params, set.grads);
    a.reset();
    const b = make('AdaGrad');
    b.update(set.params, set.grads);
    expect(b.lastPath).toBe('zero-copy');
    expect(Array.from(b.stateOf('w')!.h)).toEqual([4, 4, 4, 4, 4]);
  });
});

describe('ParamSet', () => {
  it('packs keys in order, shapes by product, flat views over all', () => {
    const set = new ParamSet({ W1: [784, 100], b1: 100, W2: [100, 10], b2: [10] });
    expect(set.size).toBe(784 * 100 + 100 + 1000 + 10);
    expect(Object.keys(set.params)).toEqual(['W1', 'b1', 'W2', 'b2']);
    expect(set.params.W2.length).toBe(1000);
    set.params.b1[99] = 7;
    expect(set.flatParams[78400 + 99]).toBe(7);
    set.grads.b2[9] = 3;
    expect(set.flatGrads[set.size - 1]).toBe(3);
    set.zeroGrads();
    expect(set.grads.b2[9]).toBe(0);
    expect(set.params.b1.byteOffset % 8).toBe(0);
    expect(set.flatParams.byteOffset % 16).toBe(0);
  });

  it.each([
    [{}, /no keys/],
    [{ w: 0 }, /size of 'w' must be a positive integer/],
    [{ w: [3, 0] }, /size of 'w'/],
    [{ w: 2.5 }, /size of 'w'/],
    [{ w: 'x' }, /size of 'w'/],
  ])('rejects sizes %j', (sizes, message) => {
    expect(() => new ParamSet(sizes as never)).toThrow(message);
  });

  it('rejects a bad stateSlots', () => {
    expect(() => new ParamSet({ w: 1 }, { stateSlots: -1 })).toThrow(/stateSlots must be an integer from 0 to 16/);
  });
});

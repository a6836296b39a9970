// Adam's epsConvention is named for what users know: 'book' (the book's form,
// which Keras shares) and 'torch'. 'seed', its former name, still works and
// means 'book'; the error for a bad value lists only the current names.
import { describe, expect, it } from 'vitest';
import { Adam, ParamSet } from '../src/index.js';
import { expectSameBits } from './support/bits.js';

function run(options: ConstructorParameters<typeof Adam>[0]): Float64Array {
  const set = new ParamSet({ w: 37 });
  set.params.w.set(Float64Array.from({ length: 37 }, (_, i) => Math.cos(i) * 3));
  const opt = new Adam({ lr: 0.01, ...options });
  for (let t = 1; t <= 20; t++) {
    set.grads.w.set(Float64Array.from({ length: 37 }, (_, i) => Math.sin(i * t) * 1e-3));
    opt.update(set.params, set.grads);
  }
  return set.params.w.slice();
}

describe("Adam's epsConvention", () => {
  it("defaults to 'book'", () => {
    expect(new Adam().epsConvention).toBe('book');
  });

  it("'book' is the default form, bit for bit, and differs from 'torch'", () => {
    const book = run({ epsConvention: 'book' });
    expectSameBits(book, run({}), 'default');
    expect(Array.from(run({ epsConvention: 'torch' }))).not.toEqual(Array.from(book));
  });

  it("'seed', the deprecated former name, is accepted and means 'book'", () => {
    expectSameBits(run({ epsConvention: 'seed' }), run({ epsConvention: 'book' }), 'seed vs book');
  });

  it("a bad value names the option and lists only the current names", () => {
    expect(() => new Adam({ epsConvention: 'keras' as never })).toThrow(/Adam: epsConvention must be one of 'book', 'torch', got string "keras"/);
  });
});

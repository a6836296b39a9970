// Float32Array models: ParamSet's f32 views, the dtype fixed per optimizer,
// and the f32 path's arithmetic really being float32 (not float64 rounded at
// the end). Bit-exactness against NumPy float32 is in golden.test.ts.
import { describe, expect, it } from 'vitest';
import { Adam, Momentum, ParamSet, SGD } from '../src/index.js';
import { expectSameBits } from './support/bits.js';

describe('ParamSet with dtype f32', () => {
  it('hands out Float32Array views, packed and 16-byte aligned', () => {
    const set = new ParamSet({ W: [3, 5], b: 5, c: 1 }, { dtype: 'f32' });
    expect(set.dtype).toBe('f32');
    expect(set.params.W).toBeInstanceOf(Float32Array);
    expect(set.grads.b).toBeInstanceOf(Float32Array);
    expect(set.flatParams).toBeInstanceOf(Float32Array);
    expect(set.flatParams.length).toBe(21);
    expect(set.params.b.byteOffset - set.params.W.byteOffset).toBe(15 * 4);
    expect(set.flatParams.byteOffset % 16).toBe(0);
    expect(set.flatGrads.byteOffset % 16).toBe(0);
    set.flatParams.fill(1.5);
    expect(set.params.c[0]).toBe(1.5);
  });

  it('defaults to f64 and rejects an unknown dtype by name', () => {
    expect(new ParamSet({ w: 2 }).dtype).toBe('f64');
    expect(() => new ParamSet({ w: 2 }, { dtype: 'f16' as 'f32' })).toThrow(/ParamSet: dtype must be 'f64' or 'f32', got string "f16"/);
  });

  it('is updated in place (zero copy) in f32, and f32 and f64 sets live side by side', () => {
    const s32 = new ParamSet({ w: 37 }, { dtype: 'f32' });
    const s64 = new ParamSet({ w: 37 });
    for (const s of [s32, s64]) {
      s.flatParams.set(Array.from({ length: 37 }, (_, i) => Math.sin(i)));
      s.flatGrads.set(Array.from({ length: 37 }, (_, i) => Math.cos(i)));
    }
    const [a32, a64] = [new Adam(), new Adam()];
    for (let t = 0; t < 3; t++) {
      a32.update(s32.params, s32.grads);
      a64.update(s64.params, s64.grads);
    }
    expect([a32.lastPath, a64.lastPath]).toEqual(['zero-copy', 'zero-copy']);
    expect([a32.dtype, a64.dtype]).toEqual(['f32', 'f64']);
    expect(a32.stateOf('w')!.m).toBeInstanceOf(Float32Array);
    // The f32 result is float32 arithmetic: close to the f64 result, not equal to it rounded.
    const rounded = Float32Array.from(s64.params.w);
    let differ = 0;
    for (let i = 0; i < 37; i++) {
      expect(Math.abs(s32.params.w[i] - s64.params.w[i])).toBeLessThan(1e-5);
      if (s32.params.w[i] !== rounded[i]) differ++;
    }
    expect(differ).toBeGreaterThan(0);
  });
});

describe('one dtype per optimizer', () => {
  it('is fixed by the first update and freed by reset()', () => {
    const opt = new Momentum();
    expect(opt.dtype).toBeNull();
    opt.update({ w: new Float32Array([1, 2]) }, { w: new Float32Array([1, 1]) });
    expect(opt.dtype).toBe('f32');
    const p64 = { w: new Float64Array([1, 2]) };
    expect(() => opt.update(p64, { w: new Float64Array([1, 1]) })).toThrow(/params\['w'\] is a Float64Array, but the first update used a Float32Array/);
    expect(Array.from(p64.w)).toEqual([1, 2]);
    opt.reset();
    opt.update(p64, { w: new Float64Array([1, 1]) });
    expect(opt.dtype).toBe('f64');
  });

  it('the same f32 update through the copy path and the JS backend gives the same bits', () => {
    const make = () => ({ w: Float32Array.from({ length: 11 }, (_, i) => i / 3) });
    const grads = { w: Float32Array.from({ length: 11 }, (_, i) => 1 / (i + 1)) };
    const [pw, pj] = [make(), make()];
    const [ow, oj] = [new SGD({ lr: 0.1 }), new SGD({ lr: 0.1, backend: 'js' })];
    ow.update(pw, grads);
    oj.update(pj, grads);
    expect(ow.lastPath).toBe('copy');
    expectSameBits(pw.w, pj.w, 'w');
    // lr rounded to float32 once, then a float32 multiply and subtract (NumPy's rule):
    const lr = Math.fround(0.1);
    for (let i = 0; i < 11; i++) expect(pw.w[i]).toBe(Math.fround(make().w[i] - Math.fround(lr * grads.w[i])));
  });
});

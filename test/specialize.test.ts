// The per-dtype copies of a rule's JS loop (src/engines/specialize.ts) must be
// compiled from different source texts: V8 in Chromium caches `new Function` by
// its text, and copies from one text shared their type feedback there, which
// made the JS backend 10-20× slower than plain JS once both dtypes had run.
// Speed is the bench's business; this holds the property that buys it.
import { describe, expect, it, vi } from 'vitest';
import { specialize } from '../src/engines/specialize.js';

const scaleInPlace = (a: Float64Array, k: number, r: (x: number) => number): void => {
  for (let i = 0; i < a.length; i++) a[i] = r(a[i] * k);
};
const rule = {
  js(a: Float64Array, k: number): number {
    return a.length * k;
  },
};

describe('specialize', () => {
  it('compiles each copy from a text of its own', () => {
    const original = globalThis.Function;
    const texts: string[] = [];
    const recording = function (body: string) {
      texts.push(body);
      return original(body);
    } as unknown as FunctionConstructor;
    // specialize reads Function.prototype.toString: keep the real one there.
    Object.defineProperty(recording, 'prototype', { value: original.prototype });
    globalThis.Function = recording;
    try {
      specialize(scaleInPlace, 'scale f64');
      specialize(scaleInPlace, 'scale f32');
    } finally {
      globalThis.Function = original;
    }
    expect(texts).toHaveLength(2);
    expect(texts[0]).not.toBe(texts[1]);
    expect(texts[0]).toContain(String(scaleInPlace));
  });

  it('returns new copies that compute what the original does', () => {
    const f64 = specialize(scaleInPlace, 'scale f64');
    const f32 = specialize(scaleInPlace, 'scale f32');
    expect(f64).not.toBe(scaleInPlace);
    expect(f32).not.toBe(f64);
    const a = Float64Array.of(1.1, 2.2, 3.3);
    const b = a.slice();
    const c = a.slice();
    scaleInPlace(a, 0.3, Math.fround);
    f32(b, 0.3, Math.fround);
    expect(b).toEqual(a);
    f64(c, 0.3, (x) => x);
    expect(Array.from(c)).toEqual([1.1 * 0.3, 2.2 * 0.3, 3.3 * 0.3]);
  });

  it('copies method shorthand too, and a tag cannot close its comment early', () => {
    const copy = specialize(rule.js, 'x */ throw 1; /*');
    expect(copy).not.toBe(rule.js);
    expect(copy(new Float64Array(4), 2)).toBe(8);
  });

  it('gives back the original where compiling code is not allowed', () => {
    const original = globalThis.Function;
    const blocked = function () {
      throw new EvalError('Code generation from strings disallowed for this context');
    } as unknown as FunctionConstructor;
    globalThis.Function = blocked;
    try {
      expect(specialize(scaleInPlace, 'blocked')).toBe(scaleInPlace);
    } finally {
      globalThis.Function = original;
    }
  });
});

describe('specialize where compiling code is refused', () => {
  it('tries once, then hands back the shared function without trying again', async () => {
    vi.resetModules(); // a fresh module: the test above has already seen a refusal
    const { specialize } = await import('../src/engines/specialize.js');
    const original = globalThis.Function;
    let tries = 0;
    const refusing = function () {
      tries++;
      throw new EvalError("Refused to evaluate a string as JavaScript because 'unsafe-eval' is not an allowed source of script");
    } as unknown as FunctionConstructor;
    Object.defineProperty(refusing, 'prototype', { value: original.prototype });
    globalThis.Function = refusing;
    try {
      expect(specialize(scaleInPlace, 'refused f64')).toBe(scaleInPlace);
      expect(specialize(scaleInPlace, 'refused f32')).toBe(scaleInPlace);
    } finally {
      globalThis.Function = original;
    }
    expect(tries).toBe(1);
  });
});

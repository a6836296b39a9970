// What a browser user gets by default: the golden and equivalence tests ask
// for backend 'wasm' by name, so this pins that 'auto' also picks the kernels
// in Chromium (feature detection did not fall back to JS) and that an update
// on a ParamSet runs zero-copy, with the bits of the JS reference.
import { describe, expect, it } from 'vitest';
import { Adam, ParamSet, backend } from '../../src/index.js';
import { expectSameBits } from '../support/bits.js';

describe('in a real browser', () => {
  it('runs in Chromium, not in Node', () => {
    expect(typeof window).toBe('object');
    expect(navigator.userAgent).toMatch(/Chrome\//);
    expect(typeof process === 'undefined' || !process.versions?.node).toBe(true);
  });

  it('picks the wasm backend', () => {
    expect(backend).toBe('wasm');
    expect(new Adam().backend).toBe('wasm');
  });

  it.each(['f64', 'f32'] as const)('updates an %s ParamSet zero-copy, with the bits of the JS reference', (dtype) => {
    const set = new ParamSet({ W: [3, 5], b: 5 }, { dtype });
    set.flatParams.forEach((_, i) => (set.flatParams[i] = (i % 7) / 4 - 0.75));
    const plain = { W: set.params.W.slice(), b: set.params.b.slice() };
    const wasm = new Adam({ lr: 0.01 });
    const js = new Adam({ lr: 0.01, backend: 'js' });
    for (let t = 1; t <= 5; t++) {
      set.flatGrads.forEach((_, i) => (set.flatGrads[i] = ((i * 3 + t) % 9) / 8 - 0.5));
      wasm.update(set.params, set.grads);
      js.update(plain, { W: set.grads.W.slice(), b: set.grads.b.slice() });
    }
    expect(wasm.lastPath).toBe('zero-copy');
    expect(js.lastPath).toBe('js');
    expectSameBits(set.params.W, plain.W, 'W');
    expectSameBits(set.params.b, plain.b, 'b');
  });
});

// Feature detection at import: where WebAssembly SIMD is missing, the classes
// run on the JS reference and say so; `simd-optim/js` always does.
import { afterEach, describe, expect, it, vi } from 'vitest';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.resetModules();
});

describe('backend selection', () => {
  it('falls back to JS when the runtime rejects the SIMD module', async () => {
    const validate = WebAssembly.validate;
    vi.stubGlobal('WebAssembly', { ...WebAssembly, validate: () => false, Memory: WebAssembly.Memory });
    vi.resetModules();
    const m = await import('../src/index.js');
    vi.stubGlobal('WebAssembly', { ...WebAssembly, validate });
    expect(m.backend).toBe('js');
    const opt = new m.Adam({ lr: 0.1 });
    expect(opt.backend).toBe('js');
    expect(() => new m.Adam({ backend: 'wasm' })).toThrow(/Adam: backend 'wasm' asked for, but this runtime has no WebAssembly SIMD/);
    const set = new m.ParamSet({ w: 3 });
    set.params.w.set([1, 2, 3]);
    set.grads.w.set([1, 1, 1]);
    opt.update(set.params, set.grads);
    expect(opt.lastPath).toBe('js');
    expect(set.params.w[0]).toBeCloseTo(0.9, 6); // Adam's first step is lr·sign(g), less eps's share
  });

  it('simd-optim/js uses JS even where SIMD exists', async () => {
    const js = await import('../src/js.js');
    const wasm = await import('../src/index.js');
    expect(js.backend).toBe('js');
    expect(wasm.backend).toBe('wasm');
    const opt = new js.RMSProp();
    expect(opt.backend).toBe('js');
    opt.update({ w: new Float64Array(2) }, { w: new Float64Array([1, 2]) });
    expect(opt.lastPath).toBe('js');
  });
});

// When the kernels compile: importing 'simd-optim' compiles only a probe
// (no top-level await, so require() and classic workers can load it); the
// kernels compile synchronously on first use, once. Where the probe is
// refused, the main entry runs on JS from the start.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { KERNELS_WASM_BASE64 } from '../src/wasm/kernelsBinary.js';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.resetModules();
});

/** WebAssembly with its Module constructor wrapped: every compile is recorded, and `refuse` may throw instead. */
function watchCompiles(refuse?: (bytes: Uint8Array) => Error | null): Uint8Array[] {
  const compiles: Uint8Array[] = [];
  const Real = WebAssembly.Module;
  const Module = function (bytes: Uint8Array) {
    compiles.push(new Uint8Array(bytes)); // a plain copy (Node hands in a Buffer)
    const refusal = refuse?.(bytes);
    if (refusal) throw refusal;
    return new Real(bytes);
  };
  vi.stubGlobal('WebAssembly', Object.create(WebAssembly, { Module: { value: Module } }));
  return compiles;
}

describe('compiling the kernels', () => {
  it('importing compiles only the probe; the first use compiles the kernels, once', async () => {
    const compiles = watchCompiles();
    const m = await import('../src/index.js');
    expect(m.backend).toBe('wasm');
    expect(compiles).toHaveLength(1);
    const set = new m.ParamSet({ w: 40 });
    expect(compiles).toHaveLength(2);
    set.flatGrads.fill(0.5);
    new m.Adam().update(set.params, set.grads);
    new m.Adam().update({ w: new Float64Array(3) }, { w: new Float64Array(3).fill(1) }); // the copy path's own arena
    new m.ParamSet({ v: 3 });
    expect(compiles).toHaveLength(2);
    // the second compile is the kernels themselves, the first a probe of the same size
    const { decodeOwnBase64 } = await import('../src/base64.js');
    expect(compiles[1]).toEqual(new Uint8Array(decodeOwnBase64(KERNELS_WASM_BASE64)));
    expect(compiles[0]).not.toEqual(compiles[1]);
    expect(compiles[0].length).toBeGreaterThanOrEqual(compiles[1].length - 2);
  });

  it('where synchronous compiles over 4 KB are refused (older Chromium, main thread), backend is js from the import on', async () => {
    const compiles = watchCompiles((bytes) =>
      bytes.length > 4096 ? new RangeError('WebAssembly.Compile is disallowed on the main thread, if the buffer size is larger than 4KB.') : null,
    );
    const m = await import('../src/index.js');
    expect(m.backend).toBe('js');
    const set = new m.ParamSet({ w: 3 });
    set.flatGrads.fill(1);
    const opt = new m.Adam({ lr: 0.1 });
    opt.update(set.params, set.grads);
    expect(opt.lastPath).toBe('js');
    expect(set.params.w[0]).toBeCloseTo(-0.1, 6);
    expect(compiles).toHaveLength(1); // the probe, refused; the kernels are never tried
    expect(() => new m.Adam({ backend: 'wasm' })).toThrow(
      /Adam: backend 'wasm' asked for, but this runtime refuses to compile a \d+-byte module synchronously here \(WebAssembly\.Compile is disallowed.*\); a worker may allow it/,
    );
  });

  it('decodes the module the same way with Uint8Array.fromBase64, Buffer, or neither', async () => {
    const { decodeOwnBase64 } = await import('../src/base64.js');
    const text = KERNELS_WASM_BASE64;
    const reference = Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
    expect(new Uint8Array(decodeOwnBase64(text))).toEqual(reference); // Node 20: Buffer
    vi.stubGlobal('Buffer', undefined);
    expect(decodeOwnBase64(text)).toEqual(reference); // the byte loop
    const native = vi.fn(() => reference);
    Object.defineProperty(Uint8Array, 'fromBase64', { value: native, configurable: true });
    try {
      expect(decodeOwnBase64(text)).toBe(reference);
      expect(native).toHaveBeenCalledWith(text);
    } finally {
      delete (Uint8Array as { fromBase64?: unknown }).fromBase64;
    }
  });
});

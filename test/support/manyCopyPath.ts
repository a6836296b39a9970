// Many live copy-path optimizers in one process or page, each checked bit for
// bit against the JS reference. Shared by the Node test and the Chromium test
// (test/browser/manyCopyPath.browser.ts): Chromium allows a page only about 125
// live WebAssembly memories, so an optimizer that needed one of its own would
// fail there long before the thousandth.
import { expect } from 'vitest';
import { STAGING_ELEMENTS } from '../../src/engines/wasmEngine.js';
import { clone, make, OPTIMIZER_NAMES, type AnyOptimizer } from './optimizers.js';
import { expectSameBits } from './bits.js';

type Floats = Float64Array | Float32Array;

interface Pair {
  wasm: AnyOptimizer;
  js: AnyOptimizer;
  params: Record<string, Floats>;
  /** Refilled in place each step, so the optimizer keeps its staging plans between updates. */
  grads: Record<string, Floats>;
  plain: Record<string, Floats>;
  sizes: Record<string, number>;
  f32: boolean;
}

/** Deterministic values in [-0.5, 0.5), different for each optimizer, key, step and element. */
const fill = (x: Floats, salt: number): Floats => x.map((_, i) => (((i + 1) * 7919 + salt * 104729) % 1000) / 1000 - 0.5);

/**
 * Makes `count` optimizers (every kind, both dtypes; every 97th has a key longer
 * than a staging batch, so its state is large), keeps them all alive, and runs
 * `steps` rounds in which each takes one update in turn. Optimizers made later
 * need more room than the earlier ones saw, so the staging plans made in round
 * 1 (kept because the same dicts come back) are due again after the copy
 * path's memory grew. Every param and every state buffer
 * must equal the JS reference's bit for bit.
 */
export function runManyCopyPath(count: number, steps: number): AnyOptimizer[] {
  const pairs: Pair[] = [];
  for (let i = 0; i < count; i++) {
    const name = OPTIMIZER_NAMES[i % OPTIMIZER_NAMES.length];
    const f32 = i % 5 === 4;
    const sizes: Record<string, number> = { W: 12 + (i % 29), b: 1 + (i % 7) };
    if (i % 97 === 0) sizes.big = STAGING_ELEMENTS + 3 + i;
    const Arr = f32 ? Float32Array : Float64Array;
    const params = Object.fromEntries(Object.entries(sizes).map(([k, n], j) => [k, fill(new Arr(n), i * 3 + j)]));
    pairs.push({
      wasm: make(name, { lr: 0.01, backend: 'wasm' }),
      js: make(name, { lr: 0.01, backend: 'js' }),
      params,
      grads: clone(params),
      plain: clone(params),
      sizes,
      f32,
    });
  }
  for (let t = 1; t <= steps; t++) {
    pairs.forEach((p, i) => {
      Object.values(p.grads).forEach((g, j) => g.set(fill(g, t * 31 + i + j)));
      p.wasm.update(p.params, p.grads);
      p.js.update(p.plain, clone(p.grads));
    });
  }
  pairs.forEach((p, i) => {
    expect(p.wasm.lastPath, `optimizer ${i}`).toBe('copy');
    for (const key of Object.keys(p.sizes)) {
      expectSameBits(p.params[key], p.plain[key], `optimizer ${i} param ${key}`);
      const mine = p.wasm.stateOf(key) ?? {};
      const theirs = p.js.stateOf(key) ?? {};
      expect(Object.keys(mine), `optimizer ${i} state names of ${key}`).toEqual(Object.keys(theirs));
      for (const s of Object.keys(theirs)) expectSameBits(mine[s], theirs[s], `optimizer ${i} ${s} of ${key}`);
    }
  });
  return pairs.map((p) => p.wasm);
}

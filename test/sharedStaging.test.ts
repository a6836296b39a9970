// Copy-path optimizers share one WebAssembly memory (src/wasm/sharedStaging.ts):
// Chromium allows a page only about 125 live memories, so one per optimizer
// failed at the 126th. These tests pin that no memory is made per optimizer,
// that many live optimizers keep their bits while the shared memory grows
// under them, that state blocks are given back and reused, and that a refused
// memory gives an error that says what to do.
import v8 from 'node:v8';
import vm from 'node:vm';
import { afterEach, describe, expect, it } from 'vitest';
import { Adam, ParamSet } from '../src/index.js';
import { sharedStaging, SharedStaging } from '../src/wasm/sharedStaging.js';
import { adamOn } from './support/adamOn.js';
import { expectSameBits } from './support/bits.js';
import { runManyCopyPath } from './support/manyCopyPath.js';

const RealMemory = WebAssembly.Memory;
afterEach(() => {
  WebAssembly.Memory = RealMemory;
});

/** Counts every WebAssembly.Memory made until the returned stop() is called. */
function countMemories(): { made: () => number } {
  let made = 0;
  WebAssembly.Memory = class extends RealMemory {
    constructor(descriptor: WebAssembly.MemoryDescriptor) {
      super(descriptor);
      made++;
    }
  } as typeof WebAssembly.Memory;
  return { made: () => made };
}

/** Makes every new WebAssembly.Memory fail the way V8 does when Chromium's limit is reached. */
function refuseMemories(): void {
  WebAssembly.Memory = function refused() {
    throw new RangeError('WebAssembly.Memory(): could not allocate memory');
  } as unknown as typeof WebAssembly.Memory;
}


describe('copy-path optimizers share one WebAssembly memory', () => {
  it('1,000 live optimizers make no WebAssembly.Memory of their own and each keeps the bits of the JS reference while the memory grows', () => {
    adamOn(4); // the shared memory exists from here on
    const grewFrom = sharedStaging().buffer;
    const grownBefore = sharedStaging().grown;
    const count = countMemories();
    const live = runManyCopyPath(1000, 2);
    // The only memories made are the shared one's larger replacements, one per growth.
    expect(sharedStaging().grown).toBeGreaterThan(grownBefore);
    expect(count.made()).toBe(sharedStaging().grown - grownBefore);
    expect(live.every((o) => o.steps === 2)).toBe(true);
    // Plans made before later optimizers grew the memory were used after it grew.
    expect(sharedStaging().buffer).not.toBe(grewFrom);
  }, 60_000);

  it('reuses the state of optimizers that were reset or moved to a ParamSet', () => {
    const size = () => sharedStaging().buffer.byteLength;
    adamOn(100_000).reset();
    const before = size();
    for (let i = 0; i < 40; i++) adamOn(100_000 - i).reset(); // 1.6 MB of state each
    const moved = adamOn(100_000);
    const set = new ParamSet({ w: 100_000 });
    moved.update(set.params, set.grads);
    expect(moved.lastPath).toBe('zero-copy');
    adamOn(100_000).reset();
    expect(size()).toBe(before);
  });

  it('keeps the bits when an optimizer leaves the copy path for a ParamSet, another takes its block, and it comes back', () => {
    const n = 1000;
    const set = new ParamSet({ w: n });
    set.params.w.forEach((_, i) => (set.params.w[i] = ((i * 37) % 101) / 100 - 0.5));
    const plain = { w: set.params.w.slice() };
    const loose = { w: set.params.w.slice() }; // the same values outside the set: the copy path
    const wasm = new Adam({ lr: 0.01, backend: 'wasm' });
    const js = new Adam({ lr: 0.01, backend: 'js' });
    const step = (params: { w: Float64Array }, t: number) => {
      const g = Float64Array.from({ length: n }, (_, i) => (((i + t) * 53) % 97) / 96 - 0.5);
      if (params === set.params) set.grads.w.set(g);
      wasm.update(params, params === set.params ? set.grads : { w: g });
      js.update(plain, { w: g });
      if (params !== loose) loose.w.set(params.w);
      else set.params.w.set(loose.w);
    };
    step(loose, 1);
    step(set.params as { w: Float64Array }, 2);
    expect(wasm.lastPath).toBe('zero-copy');
    const other = adamOn(n); // takes the block the first one gave back
    step(loose, 3);
    expect(wasm.lastPath).toBe('copy');
    step(loose, 4);
    expectSameBits(loose.w, plain.w, 'w');
    expectSameBits(wasm.stateOf('w')!.m, js.stateOf('w')!.m, 'm');
    expectSameBits(wasm.stateOf('w')!.v, js.stateOf('w')!.v, 'v');
    other.reset();
  });

  it('gives the state of a dropped optimizer back once it is collected', async () => {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    const size = () => sharedStaging().buffer.byteLength;
    const cycle = async () => {
      adamOn(200_000); // 3.2 MB of state, dropped at once
      gc();
      await new Promise((resolve) => setTimeout(resolve, 0));
    };
    await cycle();
    const before = size();
    for (let i = 0; i < 30; i++) await cycle();
    expect(size()).toBeLessThan(before + 10 * 8 * 200_000 * 2); // not 30 optimizers' worth
  });

  it('merges freed blocks with their neighbours and hands them out again', () => {
    const staging = new SharedStaging();
    const a = staging.alloc(100); // 112 bytes
    const b = staging.alloc(32);
    const c = staging.alloc(48);
    const d = staging.alloc(16);
    staging.release(b);
    staging.release(a);
    staging.release(c);
    expect(staging.alloc(112 + 32 + 48)).toEqual({ at: a.at, bytes: 192 });
    staging.release(d);
    expect(staging.alloc(16)).toEqual(d);
  });

  it('refuses, with the same clear error, more state than a WebAssembly memory can hold', () => {
    const staging = new SharedStaging();
    const size = staging.buffer.byteLength;
    expect(() => staging.alloc(2 ** 32)).toThrow(/^simd-optim: the copy path's memory could not grow to 4\d{9} bytes .*up to 4 GiB\)/);
    expect(staging.buffer.byteLength).toBe(size);
    expect(staging.alloc(16).bytes).toBe(16);
  });

  it('grows to hold state far larger than it started with, and keeps what it held', () => {
    const staging = new SharedStaging();
    const small = staging.alloc(64);
    staging.elements('f64').fill(0.75, small.at / 8, small.at / 8 + 8);
    const start = staging.buffer.byteLength;
    const big = staging.alloc(40 * start);
    expect(staging.buffer.byteLength).toBeGreaterThanOrEqual(big.at + big.bytes);
    expect([...staging.elements('f64').subarray(small.at / 8, small.at / 8 + 8)]).toEqual(new Array(8).fill(0.75));
  });
});

describe('an update begun inside another copy-path update', () => {
  it('is refused, and neither optimizer is corrupted', () => {
    // A param array whose `set` updates another optimizer, which would stage
    // through the same room and grow it. The copy path works on views it makes
    // itself, so the override is never called; if it were, the nested update
    // must be refused.
    let nested: (() => void) | null = null;
    let refused: unknown = 'never called';
    class Meddling extends Float64Array {
      override set(source: ArrayLike<number>, offset?: number): void {
        const run = nested;
        nested = null;
        if (run) {
          try {
            run();
            refused = null;
          } catch (error) {
            refused = error;
          }
        }
        super.set(source, offset);
      }
    }
    const n = 40;
    const outer = new Adam({ lr: 0.01, backend: 'wasm' });
    const reference = new Adam({ lr: 0.01, backend: 'js' });
    const other = new Adam({ lr: 0.01, backend: 'wasm' });
    const params = { w: new Meddling(n).fill(0.5) };
    const plain = { w: new Float64Array(n).fill(0.5) };
    const otherW = new Float64Array(300_000).fill(0.5);
    nested = () => other.update({ w: otherW }, { w: new Float64Array(otherW.length).fill(1) });
    outer.update(params, { w: new Float64Array(n).fill(0.25) });
    reference.update(plain, { w: new Float64Array(n).fill(0.25) });
    if (refused !== 'never called') {
      expect(String(refused)).toMatch(/simd-optim: a copy-path update was started from inside another one .*updates cannot nest/);
    }
    expect(other.steps).toBe(0);
    expect(otherW.every((x) => x === 0.5)).toBe(true);
    expect([...params.w]).toEqual([...plain.w]);
  });
});

describe('an update begun while another copy-path update is staging', () => {
  it('throws a clear error and changes nothing', () => {
    const adam = new Adam({ lr: 0.01, backend: 'wasm' });
    const w = new Float64Array(10).fill(0.5);
    const staging = sharedStaging();
    staging.busy = true; // as inside another optimizer's update
    try {
      expect(() => adam.update({ w }, { w: new Float64Array(10).fill(1) })).toThrow(/^simd-optim: a copy-path update was started from inside another one/);
    } finally {
      staging.busy = false;
    }
    expect(w.every((x) => x === 0.5)).toBe(true);
    expect(adam.steps).toBe(0);
    adam.update({ w }, { w: new Float64Array(10).fill(1) });
    expect(adam.steps).toBe(1);
  });
});

describe('a refused WebAssembly.Memory', () => {
  it('names simd-optim, the limit and what to do when a ParamSet cannot get one', () => {
    new ParamSet({ w: 4 }); // the kernels' static-data probe is done before memories are refused
    refuseMemories();
    let thrown: unknown;
    try {
      new ParamSet({ W: [3, 5], b: 5 });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(RangeError);
    expect((thrown as Error).message).toMatch(
      /^simd-optim: the browser refused a new WebAssembly\.Memory of \d+ bytes for this ParamSet \(Chromium allows about 125 alive per page\); reuse ParamSets or drop ones no longer needed$/,
    );
    expect(((thrown as Error).cause as Error).message).toBe('WebAssembly.Memory(): could not allocate memory');
  });

  it('names the copy path when its one shared memory cannot be made', () => {
    refuseMemories();
    expect(() => new SharedStaging()).toThrow(/^simd-optim: the browser refused a new WebAssembly\.Memory of \d+ bytes for the copy path \(one memory shared by every optimizer whose params are not in a ParamSet\)/);
  });

  it('leaves the params and the optimizer untouched when the shared memory cannot grow', () => {
    const adam = new Adam({ lr: 0.01, backend: 'wasm' });
    const w = new Float64Array(3_000_000).fill(0.5);
    const g = { w: new Float64Array(w.length).fill(0.25) };
    expect(sharedStaging().buffer.byteLength).toBeLessThan(2 * w.byteLength); // Adam's state cannot fit: the memory must grow
    refuseMemories(); // it grows by replacement: the larger memory is refused
    expect(() => adam.update({ w }, g)).toThrow(/^simd-optim: the copy path's memory could not grow to \d+ bytes \(the state of every optimizer whose params are not in a ParamSet shares it, up to 4 GiB\); reset\(\) or drop optimizers/);
    WebAssembly.Memory = RealMemory;
    expect(w.every((x) => x === 0.5)).toBe(true);
    expect(adam.steps).toBe(0);
    adam.update({ w }, g);
    expect(adam.steps).toBe(1);
    adam.reset();
  });
});

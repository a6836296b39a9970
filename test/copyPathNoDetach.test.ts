// The copy path's shared memory (src/wasm/sharedStaging.ts) must never detach
// an ArrayBuffer: once any ArrayBuffer of an isolate is detached, V8 runs every
// later typed-array loop of that isolate slower, the user's own plain-JS code
// too, and `memory.grow` detaches the old buffer. So the memory grows by
// replacement, and must not keep the memories it replaced alive (Chromium
// allows a page only about 125). A file of its own, so the shared memory starts
// small here and each growth costs little.
import v8 from 'node:v8';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import type { Adam } from '../src/index.js';
import { sharedStaging } from '../src/wasm/sharedStaging.js';
import { adamOn } from './support/adamOn.js';

/** Records every call, until restore(), of what detaches an ArrayBuffer from JS: a memory's grow and a buffer's transfers. */
function watchDetaches(): { calls: string[]; restore: () => void } {
  const calls: string[] = [];
  const originals = ([
    [WebAssembly.Memory.prototype, 'grow'],
    [ArrayBuffer.prototype, 'transfer'],
    [ArrayBuffer.prototype, 'transferToFixedLength'],
  ] as const).flatMap(([proto, name]) => {
    const original = (proto as unknown as Record<string, unknown>)[name];
    if (typeof original !== 'function') return []; // Node 20 has no transfer
    Object.defineProperty(proto, name, {
      configurable: true,
      writable: true,
      value: function watched(this: unknown, ...args: unknown[]) {
        calls.push(name);
        return original.apply(this, args);
      },
    });
    return [{ proto, name, original }];
  });
  return { calls, restore: () => originals.forEach(({ proto, name, original }) => Object.defineProperty(proto, name, { configurable: true, writable: true, value: original })) };
}

/** A copy-path Adam update whose state is more than the whole shared memory holds now, so the memory must grow. */
const outgrowSharedMemory = (): Adam => adamOn(sharedStaging().buffer.byteLength / 16 + 1);

describe('the copy path never detaches an ArrayBuffer', () => {
  it('grows its memory without memory.grow or a transfer, and a view made before keeps its elements', () => {
    const planned = adamOn(1000);
    const staging = sharedStaging();
    const before = staging.elements('f64');
    const grownBefore = staging.grown;
    const watch = watchDetaches();
    try {
      outgrowSharedMemory().reset();
      planned.update({ w: new Float64Array(1000).fill(0.5) }, { w: new Float64Array(1000).fill(0.25) });
      outgrowSharedMemory().reset();
    } finally {
      watch.restore();
    }
    expect(staging.grown).toBe(grownBefore + 2);
    expect(watch.calls).toEqual([]);
    expect(before.length).toBeGreaterThan(0); // a detached view has length 0
    expect(planned.steps).toBe(2);
  });

  it('lets go of the memory it replaced, though a live optimizer planned its updates with views of it', async () => {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    const planned = adamOn(1000);
    const replaced = new WeakRef(sharedStaging().buffer);
    outgrowSharedMemory().reset();
    await new Promise((resolve) => setTimeout(resolve, 0)); // a WeakRef holds its target until the job that made it ends
    gc();
    expect(replaced.deref() === undefined, 'the replaced buffer is still reachable').toBe(true);
    planned.update({ w: new Float64Array(1000).fill(0.5) }, { w: new Float64Array(1000).fill(0.25) });
    expect(planned.steps).toBe(2);
  });
});

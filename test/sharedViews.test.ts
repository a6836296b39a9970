// What Node 20 does with views of a SharedArrayBuffer (the memory a ParamSet
// gets when it uses threads) where a training loop would hand its params:
// which APIs copy, which alias the shared memory, which refuse it. These are
// the engine's behaviours, recorded in docs/browsers.md ("Shared memory
// (threads)"); the test fails when an engine changes one, so the page can be
// corrected. Every probe runs on an ordinary ArrayBuffer too, the control.
// The same for Chromium: test/browser/sharedViews.test.ts.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { Worker } from 'node:worker_threads';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMON_PROBES, bufferKind, copiesOrAliases, paramsIn, runProbes, sameValues } from './browser/fixtures/sharedViewProbes.mjs';

const dir = mkdtempSync(join(tmpdir(), 'simd-optim-shared-'));

// A worker that writes 42 into the first double of the array it is sent, then answers.
const WRITER = `require('node:worker_threads').parentPort.on('message', (view) => { view[0] = 42; require('node:worker_threads').parentPort.postMessage(0); });`;

const NODE_PROBES = {
  'worker_threads postMessage(view)': (buffer: ArrayBufferLike) =>
    new Promise<string>((resolve, reject) => {
      const view = paramsIn(buffer);
      const worker = new Worker(WRITER, { eval: true });
      worker.once('error', reject);
      worker.once('message', () => {
        resolve(view[0] === 42 ? 'aliases' : view[0] === 1 ? 'copies' : `wrong: ${view[0]}`);
        void worker.terminate();
      });
      worker.postMessage(view);
    }),
  'Buffer.from(view)': async (buffer: ArrayBufferLike) => {
    const view = paramsIn(buffer);
    const bytes = Buffer.from(view.buffer, view.byteOffset, view.byteLength);
    const fromView = Buffer.from(new Uint8Array(view.buffer, view.byteOffset, view.byteLength));
    // Buffer.from(arrayBuffer, …) is a view of that memory by design; from a view, a copy
    return `buffer: ${await copiesOrAliases(view, () => new Float64Array(bytes.buffer, bytes.byteOffset, 1)[0])}; view: ${await copiesOrAliases(view, () => fromView.readDoubleLE(0))}`;
  },
  'fs.writeFileSync(path, view)': async (buffer: ArrayBufferLike) => {
    const view = paramsIn(buffer);
    const file = join(dir, `${bufferKind(view)}.bin`);
    writeFileSync(file, view);
    return sameValues(new Float64Array(Uint8Array.from(readFileSync(file)).buffer), view);
  },
  'zlib.gzipSync(view)': async (buffer: ArrayBufferLike) => {
    const view = paramsIn(buffer);
    const back = gunzipSync(gzipSync(view));
    return sameValues(new Float64Array(Uint8Array.from(back).buffer), view);
  },
  'v8.serialize(view)': async (buffer: ArrayBufferLike) => {
    const view = paramsIn(buffer);
    const back = deserialize(serialize(view)) as Float64Array;
    return `${await copiesOrAliases(view, () => back[0])} into ${bufferKind(back)}`;
  },
  'v8.serialize(view.buffer)': async (buffer: ArrayBufferLike) => {
    const view = paramsIn(buffer);
    const back = deserialize(serialize(buffer)) as ArrayBufferLike;
    return `${await copiesOrAliases(view, () => new Float64Array(back)[0])} into ${Object.prototype.toString.call(back).slice(8, -1)}`;
  },
};

/** What Node 20.20 did with each, an ordinary view first (observed 2026-11-30). */
const OBSERVED: Record<string, { plain: string; shared: string | RegExp }> = {
  'structuredClone(view)': { plain: 'copies', shared: 'aliases' },
  'view.slice()': { plain: 'copies into ArrayBuffer', shared: 'copies into ArrayBuffer' },
  'MessageChannel postMessage(view)': { plain: 'copies', shared: 'aliases' },
  'worker_threads postMessage(view)': { plain: 'copies', shared: 'aliases' },
  // Node's TextDecoder, TextEncoder, Blob and getRandomValues take shared views (Chromium's refuse them)
  'TextDecoder.decode(view)': { plain: 'ok', shared: 'ok' },
  'TextEncoder.encodeInto(view)': { plain: 'ok', shared: 'ok' },
  'new Blob([view])': { plain: 'copies', shared: 'copies' },
  'crypto.getRandomValues(view)': { plain: 'ok', shared: 'ok' },
  // undici (fetch, Request, Response) refuses them
  'new Response(view)': { plain: 'copies', shared: 'TypeError: ArrayBuffer: SharedArrayBuffer is not allowed.' },
  'new Request(url, { body: view })': { plain: 'copies', shared: 'TypeError: ArrayBuffer: SharedArrayBuffer is not allowed.' },
  // … except the whole buffer, which is not a BufferSource to it and becomes a string: no error, a wrong body
  'new Response(view.buffer)': { plain: 'ok', shared: 'wrong: the body is the text "[object SharedArrayBuffer]"' },
  'crypto.subtle.digest(view)': { plain: 'ok', shared: /^TypeError: .*digest.* is a view on a SharedArrayBuffer, which is not allowed\.$/ },
  'Buffer.from(view)': { plain: 'buffer: aliases; view: copies', shared: 'buffer: aliases; view: copies' },
  'fs.writeFileSync(path, view)': { plain: 'ok', shared: 'ok' },
  'zlib.gzipSync(view)': { plain: 'ok', shared: 'ok' },
  // a view is written as its bytes; a SharedArrayBuffer itself cannot be serialized
  'v8.serialize(view)': { plain: 'copies into ArrayBuffer', shared: 'copies into ArrayBuffer' },
  'v8.serialize(view.buffer)': { plain: 'copies into ArrayBuffer', shared: 'Error: #<SharedArrayBuffer> could not be cloned.' },
};

describe('views of a SharedArrayBuffer in Node', () => {
  let table: Record<string, { plain: string; shared: string }>;

  beforeAll(async () => {
    table = await runProbes({ ...COMMON_PROBES, ...NODE_PROBES });
  }, 30_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('probes every API listed, on both kinds of memory', () => {
    expect(Object.keys(table).sort()).toEqual(Object.keys(OBSERVED).sort());
  });

  it.each(Object.keys(OBSERVED))('%s', (name) => {
    const { plain, shared } = OBSERVED[name];
    expect(table[name].plain, 'on an ordinary ArrayBuffer').toBe(plain);
    if (typeof shared === 'string') expect(table[name].shared, 'on a SharedArrayBuffer').toBe(shared);
    else expect(table[name].shared, 'on a SharedArrayBuffer').toMatch(shared);
  });

  it('a shared WebAssembly.Memory needs a maximum, and goes whole to a worker', async () => {
    expect(() => new WebAssembly.Memory({ initial: 1, shared: true } as WebAssembly.MemoryDescriptor)).toThrow(
      /^WebAssembly\.Memory\(\): If shared is true, maximum property should be defined\.$/,
    );
    const memory = new WebAssembly.Memory({ initial: 1, maximum: 1, shared: true });
    expect(bufferKind(new Uint8Array(memory.buffer))).toBe('SharedArrayBuffer');
    // what a worker pool does with a set's memory: the clone is the same memory
    const clone = structuredClone(memory);
    new Float64Array(memory.buffer)[0] = 42;
    expect(new Float64Array(clone.buffer)[0]).toBe(42);
    // an ordinary memory cannot be sent at all
    expect(() => structuredClone(new WebAssembly.Memory({ initial: 1 }))).toThrow(/could not be cloned/);
  });
});

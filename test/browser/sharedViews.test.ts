// What Chromium does with views of a SharedArrayBuffer (the memory a ParamSet
// gets when it uses threads) where a training loop would hand its params: which
// APIs copy, alias, or refuse them (WebGL, WebGPU, workers, IndexedDB, …), on a
// cross-origin isolated page (COOP/COEP) and on one that is not. Each probe runs
// on an ordinary ArrayBuffer too, the control. These are the engine's
// behaviours, written up in docs/browsers.md ("Shared memory (threads)"): the
// test fails when Chromium changes one, so the page can be corrected.
// Node's side: test/sharedViews.test.ts. The page: fixtures/sharedViewsPage.mjs.
// Runs in the Node project; needs /usr/bin/chromium (scripts/findBrowser.mjs).
import { beforeAll, describe, expect, it } from 'vitest';
import { publishedBy, withServedChromium } from './servedPage.js';

type Outcomes = { plain: string; shared: string };
type Published = { error?: string; isolation: Record<string, string | boolean>; table: Record<string, Outcomes> };

const refused = (call: string, type = 'ArrayBufferView') => `TypeError: Failed to ${call}: The provided ${type} value must not be shared.`;
const UPLOADED = { plain: 'ok', shared: 'ok' };

/** What Chromium 156 did with each on a cross-origin isolated page, an ordinary view first (observed 2026-11-30). */
const OBSERVED: Record<string, Outcomes> = {
  'structuredClone(view)': { plain: 'copies', shared: 'aliases' },
  'view.slice()': { plain: 'copies into ArrayBuffer', shared: 'copies into ArrayBuffer' },
  'MessageChannel postMessage(view)': { plain: 'copies', shared: 'aliases' },
  'Worker postMessage(view)': { plain: 'copies', shared: 'aliases' },
  'window.postMessage(view)': { plain: 'copies', shared: 'aliases' },
  'IndexedDB put(view)': { plain: 'copies', shared: "DataCloneError: Failed to execute 'put' on 'IDBObjectStore': A SharedArrayBuffer can not be serialized for storage." },
  'TextDecoder.decode(view)': { plain: 'ok', shared: refused("execute 'decode' on 'TextDecoder'") },
  'TextEncoder.encodeInto(view)': { plain: 'ok', shared: refused("execute 'encodeInto' on 'TextEncoder'", 'Uint8Array') },
  'new Blob([view])': { plain: 'copies', shared: refused("construct 'Blob'") },
  // unlike Node's undici, Chromium's fetch bodies take a shared view, as a copy
  'new Response(view)': { plain: 'copies', shared: 'copies' },
  'new Request(url, { body: view })': { plain: 'copies', shared: 'copies' },
  // the whole buffer is not a BufferSource here and becomes a string: no error, a wrong body
  'new Response(view.buffer)': { plain: 'ok', shared: 'wrong: the body is the text "[object SharedArrayBuffer]"' },
  'crypto.getRandomValues(view)': { plain: 'ok', shared: refused("execute 'getRandomValues' on 'Crypto'") },
  'crypto.subtle.digest(view)': { plain: 'ok', shared: refused("execute 'digest' on 'SubtleCrypto'") },
  'new ImageData(view, 2, 2)': { plain: 'aliases', shared: refused("construct 'ImageData'", 'Uint8ClampedArray') },
  // every WebGL upload and read-back takes a shared view
  'webgl bufferData(view)': UPLOADED,
  'webgl bufferSubData(view)': UPLOADED,
  'webgl texImage2D(view)': UPLOADED,
  'webgl texSubImage2D(view)': UPLOADED,
  'webgl readPixels(into view)': UPLOADED,
  'webgl2 bufferData(view)': UPLOADED,
  'webgl2 bufferSubData(view)': UPLOADED,
  'webgl2 texImage2D(view)': UPLOADED,
  'webgl2 texSubImage2D(view)': UPLOADED,
  'webgl2 readPixels(into view)': UPLOADED,
  'webgl2 getBufferSubData(into view)': UPLOADED,
  'WebGPU queue.writeBuffer(view)': UPLOADED,
};

/** On a page that is not isolated, these throw instead, each with its own caller's name in the message. */
const NEED_ISOLATION: Record<string, string> = {
  'structuredClone(view)': "structuredClone' on 'Window'",
  'MessageChannel postMessage(view)': "postMessage' on 'MessagePort'",
  'Worker postMessage(view)': "postMessage' on 'Worker'",
  'window.postMessage(view)': "postMessage' on 'Window'",
};
const needsIsolation = (where: string) => `DataCloneError: Failed to execute '${where}: SharedArrayBuffer transfer requires self.crossOriginIsolated.`;

// Headless Chromium here gives WebGPU no adapter without this flag (navigator.gpu is there, requestAdapter() gives null).
const CHROMIUM_ARGS = ['--enable-unsafe-webgpu'];

describe('views of a SharedArrayBuffer in Chromium', () => {
  const pages = {} as Record<'isolated' | 'notIsolated', Published>;

  beforeAll(async () => {
    for (const [name, isolated] of [['isolated', true], ['notIsolated', false]] as const) {
      pages[name] = await withServedChromium({ isolated, chromiumArgs: CHROMIUM_ARGS }, (browser, url) =>
        publishedBy<Published>(browser, `${url}/test/browser/fixtures/sharedViews.html`, 'sharedViews'),
      );
      expect(pages[name].error, name).toBeUndefined();
    }
  }, 90_000);

  describe('on a cross-origin isolated page (COOP same-origin, COEP require-corp)', () => {
    it('has SharedArrayBuffer, and a shared memory goes whole to a worker', () => {
      expect(pages.isolated.isolation).toEqual({
        crossOriginIsolated: true,
        SharedArrayBuffer: 'function',
        'new WebAssembly.Memory({ shared: true })': 'made, buffer a SharedArrayBuffer',
        'new WebAssembly.Memory({ shared: true }) without maximum': 'TypeError: WebAssembly.Memory(): If shared is true, maximum property should be defined.',
        'Worker postMessage(memory)': 'aliases',
      });
    });

    it('probes every API listed, on both kinds of memory', () => {
      expect(Object.keys(pages.isolated.table).sort()).toEqual(Object.keys(OBSERVED).sort());
    });

    it.for(Object.keys(OBSERVED))('%s', (name, ctx) => {
      const got = pages.isolated.table[name];
      // a machine without a WebGL context or a WebGPU adapter cannot say
      if (got.plain.startsWith('untested:')) ctx.skip(`${name}: ${got.plain}`);
      expect(got.plain, 'on an ordinary ArrayBuffer').toBe(OBSERVED[name].plain);
      expect(got.shared, 'on a SharedArrayBuffer').toBe(OBSERVED[name].shared);
    });
  });

  describe('on a page that is not cross-origin isolated', () => {
    it('has no SharedArrayBuffer global, yet makes a shared memory, which it cannot send to a worker', () => {
      expect(pages.notIsolated.isolation).toEqual({
        crossOriginIsolated: false,
        SharedArrayBuffer: 'undefined',
        // no error here: a fallback must test crossOriginIsolated, not catch the constructor
        'new WebAssembly.Memory({ shared: true })': 'made, buffer a SharedArrayBuffer',
        'new WebAssembly.Memory({ shared: true }) without maximum': 'TypeError: WebAssembly.Memory(): If shared is true, maximum property should be defined.',
        'Worker postMessage(memory)': needsIsolation("postMessage' on 'Worker'"),
      });
    });

    it('refuses to clone or post a shared view; every other API does what it does on an isolated page', () => {
      const want = Object.fromEntries(
        Object.entries(pages.isolated.table).map(([name, got]) => [name, name in NEED_ISOLATION ? { plain: got.plain, shared: needsIsolation(NEED_ISOLATION[name]) } : got]),
      );
      expect(pages.notIsolated.table).toEqual(want);
    });
  });
});

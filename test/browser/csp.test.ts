// The package in Chromium under a strict, nonce-based Content-Security-Policy
// (no 'unsafe-eval', no 'wasm-unsafe-eval'), in the page and in a module
// worker: simd-optim/js never reads WebAssembly; the main entry loads anyway
// and runs on the JS backend; both give the bits the package gives in Node.
// A policy that adds 'wasm-unsafe-eval' gets the kernels back.
// Runs in the Node project; needs `npm run build` and /usr/bin/chromium.
import type { Browser } from 'playwright-core';
import { Adam, ParamSet } from 'simd-optim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../scripts/chromium.mjs';
import { startServer } from '../../scripts/staticServer.mjs';
import { adamProblem } from './fixtures/adamProblem.mjs';
import { bitsOf } from './pageBits.js';

const NONCE = 'simd-optim-test';
// Google's "strict CSP" shape for the page; a worker takes the policy its own
// script arrives with, and there no nonce applies, so it allows 'self'.
const POLICIES = {
  strict: { page: `script-src 'nonce-${NONCE}' 'strict-dynamic'; worker-src 'self'; object-src 'none'; base-uri 'none'`, worker: `script-src 'self'; object-src 'none'; base-uri 'none'` },
  wasm: { page: `script-src 'nonce-${NONCE}' 'strict-dynamic' 'wasm-unsafe-eval'; worker-src 'self'; object-src 'none'; base-uri 'none'`, worker: `script-src 'self' 'wasm-unsafe-eval'; object-src 'none'; base-uri 'none'` },
};

type PageResult = {
  error?: string;
  got?: string;
  backend: string;
  params: number[];
  path: string;
  wasmError: string | null;
  violations: string[];
  touched: string[];
};

describe('simd-optim under a strict Content-Security-Policy, in Chromium', () => {
  let server: { url: string; close: () => Promise<void> };
  let browser: Browser;
  const node = adamProblem({ Adam, ParamSet });

  beforeAll(async () => {
    server = await startServer({
      headers: (url: URL) => {
        const policy = POLICIES[url.searchParams.get('csp') as keyof typeof POLICIES];
        if (!policy) return {};
        return { 'Content-Security-Policy': url.pathname.endsWith('.html') ? policy.page : policy.worker };
      },
    });
    browser = await launchChromium();
  }, 30_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** Opens strictPage.html with `query` and returns what it published. */
  async function open(query: string): Promise<PageResult> {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    try {
      await page.goto(`${server.url}/test/browser/fixtures/strictPage.html?${query}`);
      await page.waitForFunction(() => 'pageResult' in window, undefined, { timeout: 15_000 });
      const result = await page.evaluate(() => (window as unknown as { pageResult: PageResult }).pageResult);
      expect(errors, query).toEqual([]);
      expect(result.error, query).toBeUndefined();
      return result;
    } finally {
      await page.close();
    }
  }

  it('loads simd-optim/js, which never reads WebAssembly and gives the same bits', async () => {
    const r = await open('entry=simd-optim/js&watch=1&csp=strict');
    expect(r.backend).toBe('js');
    expect(r.path).toBe('js');
    expect(r.touched).toEqual([]);
    // the JS loops' one try at compiling a private copy (src/engines/specialize.ts), refused once and not again
    expect(r.violations).toEqual(['script-src: eval']);
    expect(r.wasmError).toMatch(/simd-optim\/js has no WebAssembly kernels/);
    expect(bitsOf(r.params)).toEqual(bitsOf(node.params));
  }, 30_000);

  it('loads simd-optim and falls back to the JS backend, with the same bits', async () => {
    const r = await open('entry=simd-optim&csp=strict');
    expect(r.backend).toBe('js');
    expect(r.path).toBe('js');
    expect(r.wasmError).toMatch(/this runtime refuses to compile WebAssembly \(.*\); a Content-Security-Policy needs 'wasm-unsafe-eval'/);
    // the feature probe's one refused compile (the kernels themselves are never tried), and the JS loops' one
    expect(r.violations).toEqual(['script-src: wasm-eval', 'script-src: eval']);
    expect(bitsOf(r.params)).toEqual(bitsOf(node.params));
  }, 30_000);

  it("runs the kernels when the policy allows 'wasm-unsafe-eval'", async () => {
    const r = await open('entry=simd-optim&csp=wasm');
    expect(r.backend).toBe('wasm');
    expect(r.path).toBe('zero-copy');
    expect(r.violations).toEqual([]); // the JS loops are never built on the wasm backend
    expect(bitsOf(r.params)).toEqual(bitsOf(node.params));
  }, 30_000);

  it('a module worker that imports simd-optim gets the message posted right after new Worker()', async () => {
    const r = await open('worker=1');
    expect(r.got).toBe('start');
    expect(r.backend).toBe('wasm');
    expect(r.path).toBe('zero-copy');
    expect(bitsOf(r.params)).toEqual(bitsOf(node.params));
  }, 30_000);

  it('in a module worker under a strict policy, simd-optim falls back to JS', async () => {
    const r = await open('worker=1&csp=strict');
    expect(r.got).toBe('start');
    expect(r.backend).toBe('js');
    expect(r.path).toBe('js');
    expect(r.wasmError).toMatch(/refuses to compile WebAssembly/);
    expect(bitsOf(r.params)).toEqual(bitsOf(node.params));
  }, 30_000);
});

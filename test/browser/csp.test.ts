// The package in Chromium under a strict, nonce-based Content-Security-Policy
// (no 'unsafe-eval', no 'wasm-unsafe-eval'), in the page and in a module
// worker: simd-optim/js never reads WebAssembly; the main entry loads anyway
// and runs on the JS backend; both give the bits the package gives in Node.
// A policy that adds 'wasm-unsafe-eval' gets the kernels back.
// Runs in the Node project; needs `npm run build` and /usr/bin/chromium.
import { Adam, ParamSet } from 'simd-optim';
import { beforeAll, describe, expect, it } from 'vitest';
import { adamProblem } from './fixtures/adamProblem.mjs';
import { bitsOf } from './pageBits.js';
import { publishedBy, withServedChromium } from './servedPage.js';

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

/** The pages opened, by query: entry or worker, and which policy (none, strict, or strict plus 'wasm-unsafe-eval'). */
const QUERIES = {
  js: 'entry=simd-optim/js&watch=1&csp=strict',
  main: 'entry=simd-optim&csp=strict',
  mainWasm: 'entry=simd-optim&csp=wasm',
  worker: 'worker=1',
  workerStrict: 'worker=1&csp=strict',
};

describe('simd-optim under a strict Content-Security-Policy, in Chromium', () => {
  const node = adamProblem({ Adam, ParamSet });
  const pages = {} as Record<keyof typeof QUERIES, { result: PageResult; errors: string[] }>;

  beforeAll(async () => {
    const headers = (url: URL) => {
      const policy = POLICIES[url.searchParams.get('csp') as keyof typeof POLICIES];
      return policy ? { 'Content-Security-Policy': url.pathname.endsWith('.html') ? policy.page : policy.worker } : {};
    };
    await withServedChromium({ headers }, async (browser, url) => {
      for (const [name, query] of Object.entries(QUERIES) as [keyof typeof QUERIES, string][]) {
        const errors: string[] = [];
        const result = await publishedBy<PageResult>(browser, `${url}/test/browser/fixtures/strictPage.html?${query}`, 'pageResult', (page) =>
          page.on('pageerror', (e) => errors.push(e.message)),
        );
        pages[name] = { result, errors };
      }
    });
  }, 90_000);

  /** What the page opened with QUERIES[name] published, once it is known to have loaded and run without error. */
  function ran(name: keyof typeof QUERIES): PageResult {
    const { result, errors } = pages[name];
    expect(errors, name).toEqual([]);
    expect(result.error, name).toBeUndefined();
    return result;
  }

  it('loads simd-optim/js, which never reads WebAssembly and gives the same bits', () => {
    const r = ran('js');
    expect(r.backend).toBe('js');
    expect(r.path).toBe('js');
    expect(r.touched).toEqual([]);
    // the JS loops' one try at compiling a private copy (src/engines/specialize.ts), refused once and not again
    expect(r.violations).toEqual(['script-src: eval']);
    expect(r.wasmError).toMatch(/simd-optim\/js has no WebAssembly kernels/);
    expect(bitsOf(r.params)).toEqual(bitsOf(node.params));
  });

  it('loads simd-optim and falls back to the JS backend, with the same bits', () => {
    const r = ran('main');
    expect(r.backend).toBe('js');
    expect(r.path).toBe('js');
    expect(r.wasmError).toMatch(/this runtime refuses to compile WebAssembly \(.*\); a Content-Security-Policy needs 'wasm-unsafe-eval'/);
    // the feature probe's one refused compile (the kernels themselves are never tried), and the JS loops' one
    expect(r.violations).toEqual(['script-src: wasm-eval', 'script-src: eval']);
    expect(bitsOf(r.params)).toEqual(bitsOf(node.params));
  });

  it("runs the kernels when the policy allows 'wasm-unsafe-eval'", () => {
    const r = ran('mainWasm');
    expect(r.backend).toBe('wasm');
    expect(r.path).toBe('zero-copy');
    expect(r.violations).toEqual([]); // the JS loops are never built on the wasm backend
    expect(bitsOf(r.params)).toEqual(bitsOf(node.params));
  });

  it('a module worker that imports simd-optim gets the message posted right after new Worker()', () => {
    const r = ran('worker');
    expect(r.got).toBe('start');
    expect(r.backend).toBe('wasm');
    expect(r.path).toBe('zero-copy');
    expect(bitsOf(r.params)).toEqual(bitsOf(node.params));
  });

  it('in a module worker under a strict policy, simd-optim falls back to JS', () => {
    const r = ran('workerStrict');
    expect(r.got).toBe('start');
    expect(r.backend).toBe('js');
    expect(r.path).toBe('js');
    expect(r.wasmError).toMatch(/refuses to compile WebAssembly/);
    expect(bitsOf(r.params)).toEqual(bitsOf(node.params));
  });
});

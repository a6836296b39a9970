// The package through a bundler, in a real browser: esbuild bundles an entry
// that imports 'simd-optim' by name (resolved through the package's exports
// map to dist/esm/), Chromium runs the bundle, and its Adam result must equal,
// bit for bit, the same problem run in Node by the package.
// Runs in the Node project; needs `npm run build` and /usr/bin/chromium.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { Adam, ParamSet } from 'simd-optim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adamProblem } from './fixtures/adamProblem.mjs';
import { bitsOf } from './pageBits.js';
import { publishedBy, withServedChromium } from './servedPage.js';

const repo = fileURLToPath(new URL('../..', import.meta.url));

type BundleResult = { backend: string; params: number[]; path: string };

describe('a bundle that imports simd-optim by name', () => {
  let dir: string;
  let inputs: string[];
  let result: BundleResult;
  let requested: string[];
  let errors: string[];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'simd-optim-bundle-'));
    const out = await build({
      entryPoints: [join(repo, 'test/browser/fixtures/bundleEntry.mjs')],
      absWorkingDir: repo,
      bundle: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      outfile: join(dir, 'bundle.js'),
      metafile: true,
      logLevel: 'silent',
    });
    inputs = Object.keys(out.metafile.inputs);
    await writeFile(join(dir, 'index.html'), '<!doctype html><meta charset="utf-8"><script type="module" src="./bundle.js"></script>\n');

    requested = [];
    errors = [];
    result = await withServedChromium({ root: dir }, (browser, url) =>
      publishedBy<BundleResult>(browser, `${url}/index.html`, 'bundleResult', (page) => {
        page.on('request', (r) => requested.push(new URL(r.url()).pathname));
        page.on('pageerror', (e) => errors.push(e.message));
      }),
    );
  }, 60_000);

  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('resolves the package through its exports map to the built files', () => {
    expect(inputs).toContain('dist/esm/index.js');
    expect(inputs).toContain('dist/esm/wasm/kernelsBinary.js');
    expect(inputs.filter((f) => f.startsWith('src/'))).toEqual([]);
  });

  it('runs in Chromium on the wasm backend, zero-copy, fetching nothing but the page and the bundle', () => {
    expect(errors).toEqual([]);
    expect(result.backend).toBe('wasm');
    expect(result.path).toBe('zero-copy');
    expect(requested.sort()).toEqual(['/bundle.js', '/index.html']);
  });

  it('gives the bits the package gives in Node', () => {
    const node = adamProblem({ Adam, ParamSet });
    expect(node.path).toBe('zero-copy');
    expect(result.params).toHaveLength(25);
    expect(bitsOf(result.params)).toEqual(bitsOf(node.params));
    // and the problem is not trivial: every parameter moved from its start
    node.params.forEach((p, i) => expect(p).not.toBe(((i % 7) - 3) / 4));
  });
});

// The package in a worker built by Vite with its defaults: the worker is
// bundled as a classic script (format 'iife', which has no top-level await),
// so this build failed while the package compiled its kernels at import.
// The built app then runs in Chromium and its worker's Adam result must equal,
// bit for bit, the package's in Node.
// Runs in the Node project; needs `npm run build` and /usr/bin/chromium.
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Adam, ParamSet } from 'simd-optim';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adamProblem } from './fixtures/adamProblem.mjs';
import { bitsOf } from './pageBits.js';
import { publishedBy, withServedChromium } from './servedPage.js';

const repo = fileURLToPath(new URL('../..', import.meta.url));

type WorkerResult = { error?: string; got: string; backend: string; params: number[]; path: string };

const APP = {
  'index.html': '<!doctype html><meta charset="utf-8"><script type="module" src="./main.js"></script>\n',
  // Vite's documented worker form; the message is posted at once.
  'main.js': `const worker = new Worker(new URL('./worker.js', import.meta.url));
worker.postMessage('start');
worker.onmessage = (e) => { window.workerResult = e.data; };
worker.onerror = (e) => { window.workerResult = { error: e.message }; };
`,
  'worker.js': `import * as simd from 'simd-optim';
import { adamProblem } from './adamProblem.mjs';
onmessage = (e) => postMessage({ got: e.data, backend: simd.backend, ...adamProblem(simd) });
`,
};

describe('a Vite app whose worker imports simd-optim', () => {
  let dir: string;
  let workerFiles: string[];
  let result: WorkerResult;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'simd-optim-vite-'));
    for (const [name, text] of Object.entries(APP)) await writeFile(join(dir, name), text);
    await copyFile(join(repo, 'test/browser/fixtures/adamProblem.mjs'), join(dir, 'adamProblem.mjs'));
    // the package as installed, by its name (Vite follows the link to the built files)
    await mkdir(join(dir, 'node_modules'));
    await symlink(repo, join(dir, 'node_modules/simd-optim'), 'dir');
    await build({ root: dir, configFile: false, logLevel: 'silent', build: { outDir: join(dir, 'out') } });
    const assets = await readdir(join(dir, 'out/assets'));
    workerFiles = await Promise.all(assets.filter((f) => f.startsWith('worker')).map((f) => readFile(join(dir, 'out/assets', f), 'utf8')));

    result = await withServedChromium({ root: join(dir, 'out') }, (browser, url) => publishedBy<WorkerResult>(browser, `${url}/index.html`, 'workerResult'));
  }, 60_000);

  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('builds the worker as one classic script', () => {
    expect(workerFiles).toHaveLength(1);
    expect(workerFiles[0]).not.toMatch(/^\s*(import|export)\b/m);
  });

  it('runs in Chromium on the kernels and gives the bits the package gives in Node', () => {
    expect(result.error).toBeUndefined();
    expect(result.got).toBe('start');
    expect(result.backend).toBe('wasm');
    expect(result.path).toBe('zero-copy');
    expect(bitsOf(result.params)).toEqual(bitsOf(adamProblem({ Adam, ParamSet }).params));
  });
});

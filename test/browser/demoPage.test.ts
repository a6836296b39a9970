// The demo page (demo/web/) in Chromium, served by `npm run demo:web`'s own
// server: its trajectories, computed there by the package's kernels through
// the page's import map, must end exactly where the package in Node ends them,
// with the book's settings and after using the controls, and what it shows on
// screen must say so. The server makes the page cross-origin isolated (shared
// memory for threads), and the page says whether it is. (The README's
// screenshot, docs/demo.png, is written by `npm run docs:screenshot`, never by a test.)
// Runs in the Node project; needs `npm run build` and a Chromium (scripts/findBrowser.mjs).
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import type { Browser, Page, Response } from 'playwright-core';
import { AdaGrad, Adam, Momentum, Nesterov, RMSProp, SGD } from 'simd-optim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../scripts/chromium.mjs';
import { openDemoPage } from '../../scripts/demoPage.mjs';
import { repoRoot, startServer } from '../../scripts/staticServer.mjs';
import { bitsOf } from './pageBits.js';

const CLASSES = { SGD, Momentum, Nesterov, AdaGrad, RMSProp, Adam };
type Name = keyof typeof CLASSES;
const NAMES = Object.keys(CLASSES) as Name[];
// The book's figure 6-8 (Nesterov and RMSProp are the page's extras).
const BOOK_LR: Record<Name, number> = { SGD: 0.95, Momentum: 0.1, Nesterov: 0.1, AdaGrad: 1.5, RMSProp: 0.1, Adam: 0.3 };

type Run = { lr: number; start: [number, number]; steps: number; end: [number, number]; points: [number, number][]; path: string };
type Published = { ready: boolean; backend: string; crossOriginIsolated: boolean; threads: number; runs: Record<Name, Run>; bench: { label: string; seedUs: number; fastUs: number; speedup: number; path: string; threads: number }[] | null };

/** Where Node's simd-optim ends on f(x, y) = x²/20 + y²: plain arrays here, so the copy path (the page uses a ParamSet). */
function endInNode(name: Name, lr: number, [x0, y0]: [number, number], steps: number): [number, number] {
  const params = { x: Float64Array.of(x0), y: Float64Array.of(y0) };
  const grads = { x: new Float64Array(1), y: new Float64Array(1) };
  const opt = new CLASSES[name]({ lr });
  for (let t = 0; t < steps; t++) {
    grads.x[0] = params.x[0] / 10;
    grads.y[0] = 2 * params.y[0];
    opt.update(params, grads);
  }
  return [params.x[0], params.y[0]];
}

/** Starts `node demo/web/serve.mjs` on a free port, as `npm run demo:web` does after its build: → { url, close }. */
async function startDemoServer(): Promise<{ url: string; close: () => Promise<void> }> {
  const child = spawn(process.execPath, ['demo/web/serve.mjs'], { cwd: repoRoot, env: { ...process.env, PORT: '0' }, stdio: ['ignore', 'pipe', 'inherit'] });
  const [line] = (await once(child.stdout!, 'data')) as [Buffer];
  const url = String(line).match(/(http:\/\/[\d.:]+)\/demo\/web\//)?.[1];
  const close = async () => {
    if (child.exitCode === null) {
      child.kill();
      await once(child, 'exit');
    }
  };
  if (!url) {
    await close();
    throw new Error(`demo/web/serve.mjs printed no address: ${line}`);
  }
  return { url, close };
}

describe('the demo page in Chromium', () => {
  let server: { url: string; close: () => Promise<void> };
  let browser: Browser;
  let page: Page;
  let errors: string[];
  let responses: Response[];
  const published = () => page.evaluate(() => (window as unknown as { simdOptimDemo: Published }).simdOptimDemo);

  beforeAll(async () => {
    server = await startDemoServer();
    browser = await launchChromium();
    // a short benchmark: the test checks that it runs, not how fast
    ({ page, errors, responses } = await openDemoPage(browser, server.url, '?rounds=2'));
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('loads with no error, on the wasm backend', async () => {
    const state = await published();
    expect(errors).toEqual([]);
    expect(state.backend).toBe('wasm');
    expect(await page.textContent('#backend')).toMatch(/^wasm/);
  });

  it('is cross-origin isolated (COOP/COEP on every resource it loads) and says shared memory is available', async () => {
    expect(await page.evaluate(() => self.crossOriginIsolated)).toBe(true);
    expect((await published()).crossOriginIsolated).toBe(true);
    expect(await page.textContent('#shared-memory')).toBe('available (crossOriginIsolated)');
    // A large ParamSet gets every core on this page (threads: 'auto'), and the page says how many.
    const cores = await page.evaluate(() => navigator.hardwareConcurrency);
    expect(cores).toBeGreaterThan(1);
    expect((await published()).threads).toBe(cores);
    expect((await published() as unknown as { threadsError: string | null }).threadsError).toBeNull();
    expect(await page.textContent('#threads')).toBe(`· a ParamSet of 65,536 elements updates on ${cores} threads here`);
    const loaded = responses.map((r) => ({ path: new URL(r.url()).pathname, status: r.status(), coop: r.headers()['cross-origin-opener-policy'], coep: r.headers()['cross-origin-embedder-policy'] }));
    // the page, its modules, the package's entry and what it imports, the bench's baseline
    for (const path of ['/demo/web/', '/demo/web/main.mjs', '/dist/esm/index.js', '/bench/seedPort.mjs']) expect(loaded.map((r) => r.path)).toContain(path);
    for (const r of loaded) expect(r, r.path).toEqual({ path: r.path, status: 200, coop: 'same-origin', coep: 'require-corp' });
  });

  it("says shared memory is unavailable on a server that does not isolate it, and works all the same", async () => {
    const plain = await startServer({ isolated: false });
    try {
      const opened = await openDemoPage(browser, plain.url);
      expect(await opened.page.evaluate(() => self.crossOriginIsolated)).toBe(false);
      expect(await opened.page.textContent('#shared-memory')).toBe(
        'unavailable: this page is not cross-origin isolated (it needs Cross-Origin-Opener-Policy: same-origin and Cross-Origin-Embedder-Policy: require-corp)',
      );
      expect(await opened.page.textContent('#threads')).toBe('· a ParamSet of 65,536 elements updates on 1 thread here');
      // and the set says why, naming the cause
      const why = await opened.page.evaluate(() => (window as unknown as { simdOptimDemo: { threadsError: string | null } }).simdOptimDemo.threadsError);
      expect(why).toMatch(/^simd-optim: this ParamSet runs on one thread: the page is not cross-origin isolated \(it needs the headers Cross-Origin-Opener-Policy: same-origin and Cross-Origin-Embedder-Policy: require-corp\)/);
      expect(await opened.page.textContent('#backend')).toMatch(/^wasm/);
      expect(opened.errors).toEqual([]);
      await opened.page.close();
    } finally {
      await plain.close();
    }
  }, 30_000);

  it("draws the book's figure 6-8 and ends every trajectory where Node does, bit for bit", async () => {
    const { runs } = await published();
    expect(Object.keys(runs).sort()).toEqual([...NAMES].sort());
    for (const name of NAMES) {
      const run = runs[name];
      expect({ lr: run.lr, start: run.start, steps: run.steps }, name).toEqual({ lr: BOOK_LR[name], start: [-7, 2], steps: 30 });
      expect(run.points, name).toHaveLength(31);
      expect(run.path, name).toBe('zero-copy');
      expect(bitsOf(run.end), name).toEqual(bitsOf(endInNode(name, BOOK_LR[name], [-7, 2], 30)));
    }
    // the seed's point: SGD at lr 0.95 overshoots the steep direction every step
    const ys = runs.SGD.points.map((p) => p[1]);
    ys.slice(1).forEach((y, i) => expect(Math.sign(y), `SGD step ${i + 1}`).toBe(-Math.sign(ys[i])));
    // the book's four are shown, the extras are offered but hidden
    const shown = await page.$$eval('.panel:not([hidden])', (els) => els.map((e) => (e as HTMLElement).dataset.optimizer));
    expect(shown).toEqual(['SGD', 'Momentum', 'AdaGrad', 'Adam']);
  });

  it('follows its controls: a clicked start point, a learning rate, the step count', async () => {
    await page.click('.panel[data-optimizer="Adam"] canvas', { position: { x: 380, y: 60 } });
    await page.fill('.panel[data-optimizer="SGD"] input.lr', '0.5');
    await page.press('.panel[data-optimizer="SGD"] input.lr', 'Enter');
    await page.fill('#steps', '45');
    await page.press('#steps', 'Enter');
    const { runs } = await published();
    const start = runs.Adam.start;
    expect(start[0]).toBeGreaterThan(0); // the click was right of centre and above it
    expect(start[1]).toBeGreaterThan(0);
    expect(runs.SGD.lr).toBe(0.5);
    for (const name of NAMES) {
      const run = runs[name];
      expect({ start: run.start, steps: run.steps }, name).toEqual({ start, steps: 45 });
      expect(run.path, `${name}: reruns reuse the ParamSet`).toBe('zero-copy');
      expect(bitsOf(run.end), name).toEqual(bitsOf(endInNode(name, run.lr, start, 45)));
    }
  });

  it("shows the book's settings again after its button, and draws each trajectory where Node ends it", async () => {
    await page.click('#book');
    expect(await page.inputValue('#steps')).toBe('30');
    expect(await page.textContent('#start')).toBe('(-7, 2)');
    const panels = await page.$$eval('.panel:not([hidden])', (els) =>
      els.map((el) => {
        const canvas = el.querySelector('canvas')!;
        const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
        // the swatch beside the name is the colour the panel draws its trajectory in
        const [r, g, b] = getComputedStyle(el.querySelector('.swatch')!).backgroundColor.match(/\d+/g)!.map(Number);
        let inColour = 0;
        for (let i = 0; i < data.length; i += 4) if (data[i] === r && data[i + 1] === g && data[i + 2] === b && data[i + 3] === 255) inColour++;
        return {
          name: (el as HTMLElement).dataset.optimizer as string,
          lr: el.querySelector<HTMLInputElement>('input.lr')!.value,
          end: el.querySelector('.end')!.textContent!,
          inColour,
        };
      }),
    );
    expect(panels.map((p) => p.name)).toEqual(['SGD', 'Momentum', 'AdaGrad', 'Adam']);
    for (const p of panels) {
      const name = p.name as Name;
      const [x, y] = endInNode(name, BOOK_LR[name], [-7, 2], 30);
      expect(p.lr, name).toBe(String(BOOK_LR[name]));
      const text = `after 30 steps: (${x.toFixed(4)}, ${y.toFixed(4)}) · f = `;
      expect(p.end.slice(0, text.length), name).toBe(text);
      // the colour appears nowhere else, so a blank plot has 0; the book's four have 263 (AdaGrad) to 772 (SGD)
      expect(p.inColour, `${name}: pixels in the trajectory's colour`).toBeGreaterThan(100);
    }
  });

  it('runs the benchmark panel: simd-optim zero-copy against plain JS, a row per size', async () => {
    await page.click('#run-bench');
    await page.waitForFunction(() => (window as unknown as { simdOptimDemo: Published }).simdOptimDemo.bench !== null, undefined, { timeout: 60_000 });
    const { bench } = await published();
    expect(bench!.map((r) => r.path)).toEqual(['zero-copy', 'zero-copy', 'zero-copy']);
    // 'auto': the 1,000-element key stays on one thread, the MNIST dict and the 2²⁰ key use every core
    const cores = await page.evaluate(() => navigator.hardwareConcurrency);
    expect(bench!.map((r) => r.threads)).toEqual([1, cores, cores]);
    for (const r of bench!) {
      for (const v of [r.seedUs, r.fastUs, r.speedup]) expect(Number.isFinite(v) && v > 0, r.label).toBe(true);
    }
    expect(await page.$$eval('#bench-table tbody tr', (rows) => rows.length)).toBe(3);
    expect(errors).toEqual([]);
  }, 90_000);
});

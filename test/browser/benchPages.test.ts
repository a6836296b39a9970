// The browser bench times each case in a new page of a browser context of its
// own (bench/browser/run.mjs), as the Node bench gives each case a process:
// a quick two-case run must come back with two rows from two different pages,
// and a case pooled from several pages must list each of them.
// Runs in the Node project; needs `npm run build` and /usr/bin/chromium.
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../..', import.meta.url));
type Row = { optimizer: string; size: string; process: { page: string } | { page: string }[]; problems: string[] };

async function benchInBrowser(args: string[]): Promise<{ isolation: string; cases: Row[]; problems: string[] }> {
  const out = await mkdtemp(join(tmpdir(), 'simd-optim-bench-pages-'));
  dirs.push(out);
  await promisify(execFile)(process.execPath, ['bench/browser/run.mjs', '--quick', '--no-tfjs', '--no-f32', '--paths', 'seed-js', '--out', out, ...args], { cwd: repo, timeout: 120_000 });
  const json = (await readdir(out)).find((f) => f.endsWith('.json'))!;
  return JSON.parse(await readFile(join(out, json), 'utf8'));
}
const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

describe('the browser bench', () => {
  it('times each case in a page of its own', async () => {
    const results = await benchInBrowser(['--only', 'sgd,adam', '--sizes', '1K']);
    expect(results.isolation).toMatch(/one browser page per case/);
    expect(results.problems).toEqual([]);
    expect(results.cases.map((c) => `${c.optimizer} ${c.size}`)).toEqual(['sgd 1K', 'adam 1K']);
    const pages = results.cases.map((c) => (c.process as { page: string }).page);
    expect(pages.every((p) => typeof p === 'string' && p.length > 0)).toBe(true);
    expect(new Set(pages).size).toBe(2);
  }, 150_000);

  it('pools a case from as many pages as --processes asks, each a new one', async () => {
    const results = await benchInBrowser(['--only', 'sgd', '--sizes', '1K', '--processes', '2']);
    const pages = (results.cases[0].process as { page: string }[]).map((p) => p.page);
    expect(pages).toHaveLength(2);
    expect(new Set(pages).size).toBe(2);
  }, 150_000);
});

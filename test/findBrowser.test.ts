// How the tests find a Chromium (scripts/findBrowser.mjs) and what the run does
// without one (scripts/browserTestsPlan.mjs), on fake browsers: small shell
// scripts standing in for binaries that work, fail, hang or cannot be run.
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserTestsPlan, isCI } from '../scripts/browserTestsPlan.mjs';
import { findBrowser } from '../scripts/findBrowser.mjs';

let root: string;
let n = 0;

/** A fresh directory holding `files` (name → [mode, script body]), to be used as PATH. */
async function binDir(files: Record<string, [number, string] | 'dir'>): Promise<string> {
  const dir = join(root, `bin${n++}`);
  await mkdir(dir);
  for (const [name, spec] of Object.entries(files)) {
    if (spec === 'dir') {
      await mkdir(join(dir, name), { mode: 0o755 });
      continue;
    }
    await writeFile(join(dir, name), `#!/bin/sh\n${spec[1]}\n`);
    await chmod(join(dir, name), spec[0]);
  }
  return dir;
}

const WORKS: [number, string] = [0o755, 'echo "Chromium 156.0.8078.108"'];
const NOT_EXECUTABLE: [number, string] = [0o644, 'echo "Chromium 156.0.8078.108"'];
const EXITS_1: [number, string] = [0o755, 'echo "install the snap" >&2; exit 1'];
// Debian's /usr/bin/chromium when /usr/lib/chromium is gone
const WRAPPER_OF_NOTHING: [number, string] = [0o755, 'exec /nonexistent/chromium/chromium "$@"'];
const HANGS: [number, string] = [0o755, 'exec sleep 30'];
const NO_VERSION: [number, string] = [0o755, 'exit 0'];

const noPlaywright = () => null;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'simd-optim-findBrowser-'));
});
afterAll(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

describe('findBrowser', () => {
  it('passes over a file that is not executable, one that exits non-zero, and takes the next that runs', async () => {
    const PATH = await binDir({ chromium: NOT_EXECUTABLE, 'chromium-browser': EXITS_1, 'google-chrome': WORKS });
    const found = findBrowser({ env: { PATH }, playwrightPath: noPlaywright });
    expect(found).toEqual({ path: join(PATH, 'google-chrome'), from: 'google-chrome on PATH' });
  });

  it('says why it passed over each candidate when none runs, and returns no path', async () => {
    const PATH = await binDir({ chromium: 'dir', 'chromium-browser': WRAPPER_OF_NOTHING, 'google-chrome': NO_VERSION });
    const playwright = join(await binDir({ chrome: NOT_EXECUTABLE }), 'chrome');
    const found = findBrowser({ env: { PATH }, playwrightPath: () => playwright });
    expect(found.path).toBeNull();
    expect(found.tried).toEqual([
      { from: "Playwright's Chromium", path: playwright, why: 'not executable' },
      { from: 'chromium on PATH', path: null, why: 'not found' },
      { from: 'chromium-browser on PATH', path: join(PATH, 'chromium-browser'), why: '--version exited with 127' },
      { from: 'google-chrome on PATH', path: join(PATH, 'google-chrome'), why: '--version printed no version' },
    ]);
  });

  it('gives up on a candidate that does not finish', async () => {
    const PATH = await binDir({ chromium: HANGS });
    const found = findBrowser({ env: { PATH }, playwrightPath: noPlaywright, timeoutMs: 300 });
    expect(found.path).toBeNull();
    expect(found.tried[1]).toEqual({ from: 'chromium on PATH', path: join(PATH, 'chromium'), why: '--version did not finish in 0.3 s' });
  });

  it("looks in order: Playwright's Chromium, then chromium, chromium-browser, google-chrome on PATH, first directory first", async () => {
    const first = await binDir({ 'google-chrome': WORKS, 'chromium-browser': WORKS });
    const second = await binDir({ chromium: WORKS });
    const PATH = `${first}:${second}`;
    const playwright = join(await binDir({ chrome: WORKS }), 'chrome');
    expect(findBrowser({ env: { PATH }, playwrightPath: () => playwright }).path).toBe(playwright);
    expect(findBrowser({ env: { PATH }, playwrightPath: noPlaywright }).path).toBe(join(second, 'chromium'));
    expect(findBrowser({ env: { PATH }, playwrightPath: () => join(root, 'not-installed') }).path).toBe(join(second, 'chromium'));
    expect(findBrowser({ env: { PATH: first }, playwrightPath: noPlaywright }).path).toBe(join(first, 'chromium-browser'));
  });

  it('takes CHROMIUM_PATH before anything else, and refuses one that does not run instead of looking elsewhere', async () => {
    const PATH = await binDir({ chromium: WORKS });
    const mine = join(await binDir({ 'my-chrome': WORKS }), 'my-chrome');
    expect(findBrowser({ env: { PATH, CHROMIUM_PATH: mine }, playwrightPath: noPlaywright })).toEqual({ path: mine, from: 'CHROMIUM_PATH' });
    const broken = join(await binDir({ 'my-chrome': EXITS_1 }), 'my-chrome');
    expect(() => findBrowser({ env: { PATH, CHROMIUM_PATH: broken }, playwrightPath: noPlaywright })).toThrow(
      `CHROMIUM_PATH=${broken} cannot be used: --version exited with 1`,
    );
    expect(() => findBrowser({ env: { PATH, CHROMIUM_PATH: join(root, 'gone') }, playwrightPath: noPlaywright })).toThrow(/^CHROMIUM_PATH=.*gone cannot be used: no such file/);
  });
});

describe('browserTestsPlan', () => {
  const none = () => ({ path: null, tried: [{ from: 'chromium on PATH', path: null, why: 'not found' }] });
  const NODE_TESTS = 'test/browser/*.test.ts';

  it('runs the browser tests with the browser found, and has nothing to say', () => {
    const plan = browserTestsPlan({ nodeTestsThatDriveChromium: NODE_TESTS, env: {}, find: () => ({ path: '/x/chromium', from: 'chromium on PATH' }) });
    expect(plan).toEqual({ chromiumPath: '/x/chromium', skipNotice: null });
  });

  it('without a browser, skips them with one line saying which and how to enable them', () => {
    for (const CI of [undefined, '', 'false', '0']) {
      const plan = browserTestsPlan({ nodeTestsThatDriveChromium: NODE_TESTS, env: { CI }, find: none });
      expect(plan.chromiumPath, `CI=${CI}`).toBeNull();
      expect(plan.skipNotice).not.toContain('\n');
      expect(plan.skipNotice).toMatch(
        /^Skipped the browser tests \(the chromium project, and test\/browser\/\*\.test\.ts in the node project\): no Chromium found\. To run them: apt-get install chromium, or npx playwright install chromium, or set CHROMIUM_PATH/,
      );
    }
  });

  it('under CI, a missing browser is an error that says what was tried, not a skip', () => {
    for (const CI of ['true', '1', 'yes']) {
      expect(() => browserTestsPlan({ nodeTestsThatDriveChromium: NODE_TESTS, env: { CI }, find: none }), `CI=${CI}`).toThrow(
        `CI=${CI} and no Chromium found, so the browser tests cannot run (chromium on PATH: not found)`,
      );
    }
    expect([isCI({ CI: 'true' }), isCI({ CI: 'false' }), isCI({})]).toEqual([true, false, false]);
  });
});

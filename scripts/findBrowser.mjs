// Which Chromium the browser tests, the browser benchmark and the docs
// screenshot drive. Looked for in this order: CHROMIUM_PATH, the Chromium that
// Playwright manages (`npx playwright install chromium`), then `chromium`,
// `chromium-browser`, `google-chrome` on PATH. A file only counts if it runs:
// Ubuntu's `chromium-browser` can be a stub that asks for a snap, and Debian's
// /usr/bin/chromium is a wrapper that is left behind when /usr/lib/chromium is
// gone, so existing is not enough.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { chromium } from 'playwright-core';

export const NAMES_ON_PATH = ['chromium', 'chromium-browser', 'google-chrome'];

export const HOW_TO_GET_CHROMIUM = 'apt-get install chromium, or npx playwright install chromium, or set CHROMIUM_PATH to a Chromium or Chrome binary';

/** Where Playwright keeps its own Chromium, or null when it has none installed. */
export function playwrightChromium() {
  try {
    return chromium.executablePath() || null;
  } catch {
    return null; // e.g. a platform Playwright has no build for
  }
}

/** The first file called `name` in the directories of `pathList`, or null. */
function onPath(name, pathList) {
  for (const dir of (pathList ?? '').split(delimiter)) {
    if (!dir) continue;
    const file = join(dir, name);
    if (isFile(file)) return file;
  }
  return null;
}

function isFile(file) {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/** Why `file` is not a browser we can drive, or null when it is one. */
export function whyNotUsable(file, { timeoutMs = 20_000 } = {}) {
  if (!isFile(file)) return 'no such file';
  try {
    accessSync(file, constants.X_OK);
  } catch {
    return 'not executable';
  }
  // --version starts the real binary (a wrapper whose target is missing fails
  // here) without opening a window; --headless --no-sandbox keep it that way as root.
  const run = spawnSync(file, ['--headless', '--no-sandbox', '--version'], { timeout: timeoutMs, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  if (run.error) return run.error.code === 'ETIMEDOUT' ? `--version did not finish in ${timeoutMs / 1000} s` : `does not start (${run.error.code ?? run.error.message})`;
  if (run.status !== 0) return `--version exited with ${run.status ?? run.signal}`;
  if (!/\d+\.\d+/.test(run.stdout)) return '--version printed no version';
  return null;
}

/**
 * → { path, from } for the first candidate that runs, or { path: null, tried }
 * (each candidate with why it was passed over). A CHROMIUM_PATH that does not
 * run is an error, not a reason to look elsewhere: whoever set it meant that
 * browser. `playwrightPath` and `timeoutMs` are there for the tests.
 */
export function findBrowser({ env = process.env, playwrightPath = playwrightChromium, timeoutMs } = {}) {
  if (env.CHROMIUM_PATH) {
    const why = whyNotUsable(env.CHROMIUM_PATH, { timeoutMs });
    if (why) throw new Error(`CHROMIUM_PATH=${env.CHROMIUM_PATH} cannot be used: ${why}. Point it at a Chromium or Chrome binary, or unset it to look for one.`);
    return { path: env.CHROMIUM_PATH, from: 'CHROMIUM_PATH' };
  }
  const candidates = [{ from: "Playwright's Chromium", path: playwrightPath() }, ...NAMES_ON_PATH.map((name) => ({ from: `${name} on PATH`, path: onPath(name, env.PATH) }))];
  const tried = [];
  for (const { from, path } of candidates) {
    const why = path ? whyNotUsable(path, { timeoutMs }) : 'not found';
    if (!why) return { path, from };
    tried.push({ from, path, why });
  }
  return { path: null, tried };
}

/** `tried` from findBrowser in one line: "chromium on PATH: not found; …". */
export function describeTried(tried) {
  return tried.map(({ from, path, why }) => `${from}${path ? ` (${path})` : ''}: ${why}`).join('; ');
}

/** The browser's path; throws, saying what was tried and how to get one, when there is none. */
export function requireBrowser(options) {
  const found = findBrowser(options);
  if (found.path) return found.path;
  throw new Error(`No Chromium found (${describeTried(found.tried)}). To get one: ${HOW_TO_GET_CHROMIUM}.`);
}

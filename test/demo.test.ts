// `npm run demo` is the first thing a newcomer runs, after reading only the
// README: it must finish, and speak the README's words (the book, a plain-JS
// port of the book's classes), never the repository's internal "seed".
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

describe('the demo (node demo/demo.mjs, after the build)', () => {
  it('runs, explains where RMSProp stops, and never says "seed"', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ['demo/demo.mjs'], { cwd: new URL('../', import.meta.url) });
    expect(stdout).not.toMatch(/seed/i);
    expect(stdout).toMatch(/Deep Learning from Scratch/);
    expect(stdout).toMatch(/RMSProp .* lr \(0\.1\) per step/s);
    expect(stdout).toMatch(/plain JS \(a port of the book's Adam class\) +\d+ µs/);
    expect(stdout).toMatch(/differ by at most [\d.]+e-\d+ \(relative\)/);
  }, 60_000);
});

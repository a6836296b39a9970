// The package as users get it: imported by name through its exports map
// (dist/, built by `npm test`'s pretest), with its types; then the packed
// tarball installed into an empty project and loaded there through require()
// and import, in fresh Node processes, with and without WebAssembly.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adamProblem } from './browser/fixtures/adamProblem.mjs';

const run = promisify(execFile);
const repo = new URL('..', import.meta.url);

describe('simd-optim by name', () => {
  it('exports the optimizers, ParamSet and backend', async () => {
    const m = await import('simd-optim');
    for (const name of ['SGD', 'Momentum', 'Nesterov', 'AdaGrad', 'RMSProp', 'Adam', 'ParamSet']) {
      expect(typeof (m as Record<string, unknown>)[name], name).toBe('function');
    }
    expect(m.backend).toBe('wasm');
    const set = new m.ParamSet({ W1: [4, 3], b1: 3 });
    set.flatGrads.fill(0.5);
    const opt = new m.Adam({ lr: 0.001 });
    opt.update(set.params, set.grads);
    expect(opt.lastPath).toBe('zero-copy');
    const plain = { W1: new Float64Array(12), b1: new Float64Array(3) };
    new m.Adam({ lr: 0.001, backend: 'js' }).update(plain, { W1: new Float64Array(12).fill(0.5), b1: new Float64Array(3).fill(0.5) });
    expect(Array.from(set.params.W1)).toEqual(Array.from(plain.W1));
    expect(set.params.W1[0]).toBeCloseTo(-0.001, 6);
  });

  it('exports the JS backend as simd-optim/js', async () => {
    const js = await import('simd-optim/js');
    expect(js.backend).toBe('js');
    expect(new js.Adam().backend).toBe('js');
  });

  it('simd-optim/js bundles without the kernels (no 70 KB of base64 for a JS-only app)', async () => {
    const out = await build({
      stdin: { contents: "export * from 'simd-optim/js';", resolveDir: fileURLToPath(repo) },
      bundle: true,
      format: 'esm',
      platform: 'browser',
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const inputs = Object.keys(out.metafile.inputs);
    expect(inputs).toContain('dist/esm/js.js');
    expect(inputs.filter((f) => /kernelModule|kernelsBinary/.test(f))).toEqual([]);
  });

  it('ships its types, for import and for require', async () => {
    const pkg = JSON.parse(await readFile(new URL('package.json', repo), 'utf8'));
    expect(pkg.type).toBe('module');
    expect(pkg.exports['.'].import.types).toBe('./dist/esm/index.d.ts');
    expect(pkg.exports['.'].require.types).toBe('./dist/commonjs/index.d.ts');
    for (const dialect of ['esm', 'commonjs']) {
      const dts = (file: string) => readFile(new URL(`dist/${dialect}/${file}`, repo), 'utf8');
      expect(await dts('index.d.ts')).toMatch(/export type Adam = InstanceType<typeof Adam>/);
      expect(await dts('paramSet.d.ts')).not.toMatch(/claimSlots/); // @internal stripped
      // The inlined module is typed as a string, not as its 70 KB literal, so users' type checks do not read it.
      expect(await dts('wasm/kernelsBinary.d.ts')).toMatch(/^export declare const KERNELS_WASM_BASE64: string;\s*$/);
    }
  });
});

/** Bits of each float64, as hex: -0, NaN payloads and last-bit differences all show. */
const BITS = 'const bits = (xs) => Array.from(new BigUint64Array(Float64Array.from(xs).buffer), (b) => b.toString(16));';

/** Stand-ins for runtimes where WebAssembly cannot run, set up before the package loads. */
const SETUPS = {
  plain: '',
  // iOS Lockdown Mode and some embedded runtimes have no WebAssembly at all.
  noWebAssembly: 'delete globalThis.WebAssembly;',
  // A page whose Content-Security-Policy lacks 'wasm-unsafe-eval': every compile and instantiate throws.
  compileRefused: `{
    const refused = () => new WebAssembly.CompileError('WebAssembly.Module(): Refused to compile or instantiate WebAssembly module');
    for (const k of ['compile', 'instantiate', 'compileStreaming', 'instantiateStreaming']) WebAssembly[k] = async () => { throw refused(); };
    WebAssembly.Module = function () { throw refused(); };
    WebAssembly.Instance = function () { throw refused(); };
  }`,
  // Records every property of WebAssembly read after this point.
  watched: `{
    const touched = (globalThis.touchedWebAssembly = []);
    globalThis.WebAssembly = new Proxy(WebAssembly, { get: (t, k) => (touched.push(String(k)), Reflect.get(t, k)) });
  }`,
} as const;

type Outcome = { backend: string; path: string; bits: string[]; wasmError: string | null; touched: string[] | null };

describe('the packed tarball, installed into an empty project', () => {
  let dir: string;
  let files: string[];

  /** Loads `entry` in a fresh Node process in the user's project and runs the Adam problem there. */
  async function runAsUser(load: 'require' | 'import', entry: string, setup: keyof typeof SETUPS): Promise<Outcome> {
    const loaded = load === 'require' ? `require('${entry}')` : `await import('${entry}')`;
    const script = `${SETUPS[setup]}
      const m = ${loaded};
      ${adamProblem.toString()}
      ${BITS}
      const r = adamProblem(m);
      let wasmError = null;
      try { new m.Adam({ backend: 'wasm' }); } catch (e) { wasmError = e.message; }
      console.log(JSON.stringify({ backend: m.backend, path: r.path, bits: bits(r.params), wasmError, touched: globalThis.touchedWebAssembly ?? null }));`;
    const args = load === 'require' ? ['-e', script] : ['--input-type=module', '-e', script];
    const { stdout } = await run(process.execPath, args, { cwd: join(dir, 'user') });
    return JSON.parse(stdout);
  }

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'simd-optim-tarball-'));
    const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', dir], { cwd: repo });
    const [packed] = JSON.parse(stdout);
    files = packed.files.map((f: { path: string }) => f.path);
    const user = join(dir, 'user');
    await run('mkdir', [user]);
    await writeFile(join(user, 'package.json'), '{ "name": "user", "private": true }\n');
    await run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', join(dir, packed.filename)], { cwd: user });
  }, 60_000);

  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('holds the built files and nothing that points outside it', () => {
    expect(files).toContain('dist/commonjs/index.js');
    expect(files).toContain('dist/esm/js.js');
    // No source maps (they would point to ../src, which is not shipped) and no AssemblyScript sources.
    expect(files.filter((f) => !/^(dist\/|package\.json$|README\.md$|LICENSE$|CHANGELOG\.md$)/.test(f))).toEqual([]);
    expect(files.filter((f) => f.endsWith('.map'))).toEqual([]);
  });

  it('gives the same bits through require() and import, on the kernels', async () => {
    const node = adamProblem(await import('simd-optim'));
    const expected = Array.from(new BigUint64Array(Float64Array.from(node.params).buffer), (b) => b.toString(16));
    for (const load of ['require', 'import'] as const) {
      const main = await runAsUser(load, 'simd-optim', 'plain');
      expect(main.backend, load).toBe('wasm');
      expect(main.path, load).toBe('zero-copy');
      expect(main.bits, load).toEqual(expected);
      const js = await runAsUser(load, 'simd-optim/js', 'plain');
      expect(js.backend, load).toBe('js');
      expect(js.path, load).toBe('js');
      expect(js.bits, load).toEqual(expected);
    }
  }, 30_000);

  it('runs a ParamSet on two threads through require() and import, with the bits of one thread, and exits on its own', async () => {
    const script = (loaded: string) => `
      const m = ${loaded};
      const sets = [1, 2].map((threads) => new m.ParamSet({ W: [300, 400], b: 400 }, { threads }));
      Promise.all(sets.map((s) => s.startThreads())).then((threads) => {
        for (const s of sets) s.flatParams.forEach((_, i) => { s.flatParams[i] = Math.sin(i); s.flatGrads[i] = Math.cos(i); });
        const opts = sets.map(() => new m.Adam({ lr: 0.01 }));
        for (let t = 0; t < 3; t++) sets.forEach((s, i) => opts[i].update(s.params, s.grads));
        const same = sets[0].flatParams.every((x, i) => Object.is(x, sets[1].flatParams[i]));
        console.log(JSON.stringify({ threads, same, shared: sets[1].flatParams.buffer instanceof SharedArrayBuffer }));
      });`;
    for (const load of ['require', 'import'] as const) {
      const code = script(load === 'require' ? "require('simd-optim')" : "await import('simd-optim')");
      const args = load === 'require' ? ['-e', code] : ['--input-type=module', '-e', code];
      const { stdout } = await run(process.execPath, args, { cwd: join(dir, 'user') });
      expect(JSON.parse(stdout), load).toEqual({ threads: [1, 2], same: true, shared: true });
    }
  }, 30_000);

  it('simd-optim/js never reads WebAssembly, and works where there is none', async () => {
    for (const load of ['require', 'import'] as const) {
      const watched = await runAsUser(load, 'simd-optim/js', 'watched');
      expect(watched.touched, load).toEqual([]);
      expect(watched.wasmError, load).toMatch(/Adam: backend 'wasm' asked for, but simd-optim\/js has no WebAssembly kernels/);
      for (const setup of ['noWebAssembly', 'compileRefused'] as const) {
        const js = await runAsUser(load, 'simd-optim/js', setup);
        expect(js.backend, `${load}, ${setup}`).toBe('js');
        expect(js.bits, `${load}, ${setup}`).toEqual(watched.bits);
      }
    }
  }, 30_000);

  it('the main entry falls back to JS, with the same bits, where WebAssembly is missing or refused', async () => {
    const kernels = await runAsUser('import', 'simd-optim', 'plain');
    for (const load of ['require', 'import'] as const) {
      const missing = await runAsUser(load, 'simd-optim', 'noWebAssembly');
      expect(missing.backend, load).toBe('js');
      expect(missing.wasmError, load).toMatch(/backend 'wasm' asked for, but this runtime has no WebAssembly$/);
      const refused = await runAsUser(load, 'simd-optim', 'compileRefused');
      expect(refused.backend, load).toBe('js');
      expect(refused.path, load).toBe('js');
      expect(refused.wasmError, load).toMatch(/this runtime refuses to compile WebAssembly \(.*Refused to compile.*\); a Content-Security-Policy needs 'wasm-unsafe-eval'/);
      expect(missing.bits, load).toEqual(kernels.bits);
      expect(refused.bits, load).toEqual(kernels.bits);
    }
  }, 30_000);

  it('has types that resolve for node10, node16 (from CJS and from ESM) and bundlers (attw)', async () => {
    const tarball = join(dir, (await run('ls', [dir])).stdout.split('\n').find((f) => f.endsWith('.tgz'))!);
    const attw = join(new URL('node_modules/.bin/attw', repo).pathname);
    // attw exits non-zero on any problem; its JSON names them.
    const { stdout } = await run(attw, [tarball, '--format', 'json', '--no-definitely-typed']).catch((e) => e);
    const report = JSON.parse(stdout);
    expect(report.analysis.problems).toEqual([]);
    expect(Object.keys(report.analysis.entrypoints).sort()).toEqual(['.', './js', './package.json']);
  }, 30_000);
});

// The Node bench runs each case (optimizer × size) in a process of its own,
// and in it the paths that may grow a WebAssembly.Memory in worker threads, so
// no ArrayBuffer is ever detached in the thread that times the plain-JS
// baselines (a detach makes V8 run every later typed-array loop of that
// isolate slower: bench/suite/detachWatch.mjs). These tests hold the parts that
// need no timing: one process per case, every row gathered, a failing process
// reported and not swallowed, the detach watch, the worker paths, the pooling.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: plain .mjs bench modules without types
import { inOwnProcesses, runInProcess } from '../bench/node/caseProcesses.mjs';
// @ts-expect-error: plain .mjs bench modules without types
import { shareOf } from '../bench/suite/isolatedCases.mjs';
// @ts-expect-error: plain .mjs bench modules without types
import { watchDetaches } from '../bench/suite/detachWatch.mjs';
// @ts-expect-error: plain .mjs bench modules without types
import { loadLibs } from '../bench/node/libs.mjs';
// @ts-expect-error: plain .mjs bench modules without types
import { inWorker } from '../bench/node/workerPath.mjs';
// @ts-expect-error: plain .mjs bench modules without types
import { makeData } from '../bench/suite/data.mjs';
// @ts-expect-error: plain .mjs bench modules without types
import { measureCase } from '../bench/suite/measure.mjs';
// @ts-expect-error: plain .mjs bench modules without types
import { optimizerById } from '../bench/suite/optimizers.mjs';
// @ts-expect-error: plain .mjs bench modules without types
import { parseOptions } from '../bench/suite/options.mjs';
// @ts-expect-error: plain .mjs bench modules without types
import { allPaths } from '../bench/suite/paths/all.mjs';
// @ts-expect-error: plain .mjs bench modules without types
import { poolRows } from '../bench/suite/pool.mjs';
// @ts-expect-error: plain .mjs bench modules without types
import { sizeById } from '../bench/suite/sizes.mjs';
// @ts-expect-error: plain .mjs bench modules without types
import { joinParts, partsOf } from '../bench/suite/tfjsApart.mjs';
// @ts-expect-error: plain .mjs bench modules without types
import { runSuite } from '../bench/suite/suite.mjs';

/** Timing settings that make a case take milliseconds: these tests assert no time. */
const TINY = { batchMs: 0.2, caseMs: 1, minRounds: 2, maxRounds: 2, warmupRounds: 0, warmupMs: 1 };

type Row = { optimizer: string; size: string; rounds: number; problems: string[]; paths: Record<string, { medianUs: number; timesUs: number[]; vs: Record<string, number> }>; process: { pid: number; inWorkers: string[] } };

function tinyOptions(argv: string[]) {
  const options = parseOptions(argv);
  options.settings = TINY;
  return options;
}

const pathById = (id: string) => allPaths({ f32: true, tfBackends: ['wasm', 'cpu'] }).find((p: { id: string }) => p.id === id);

describe('the Node bench runs each case in a process of its own', () => {
  it('spawns one process per case and gathers every row in plan order', async () => {
    const options = tinyOptions(['--only', 'sgd,adam', '--sizes', '1K,small', '--no-tfjs', '--no-f32', '--paths', 'seed-js']);
    const lib = await loadLibs({ tfjs: false });
    const results = await runSuite({ options, lib, environment: {}, runner: inOwnProcesses() });
    const cases = results.cases as Row[];
    expect(cases.map((c) => `${c.optimizer} ${c.size}`)).toEqual(['sgd 1K', 'adam 1K', 'sgd small', 'adam small']);
    const pids = cases.map((c) => c.process.pid);
    expect(new Set(pids).size).toBe(4);
    expect(pids).not.toContain(process.pid);
    expect(results.problems).toEqual([]);
    expect(results.isolation).toMatch(/one Node process per case/);
    expect(cases.every((c) => !Array.isArray(c.process))).toBe(true);
    for (const c of cases) {
      expect(Object.keys(c.paths).sort()).toEqual(['roofline', 'seed-js']);
      expect(c.paths['seed-js'].timesUs).toHaveLength(c.rounds);
      expect(c.paths['seed-js'].medianUs).toBeGreaterThan(0);
    }
  }, 60_000);

  it('runs a case in several processes with a share of the rounds each, and pools them', async () => {
    const options = tinyOptions(['--only', 'sgd', '--sizes', '1K', '--no-tfjs', '--no-f32', '--paths', 'seed-js']);
    options.settings = { ...TINY, minRounds: 4, maxRounds: 4 };
    const lib = await loadLibs({ tfjs: false });
    const results = await runSuite({ options, lib, environment: {}, runner: inOwnProcesses({ processesOf: () => 2 }) });
    const [row] = results.cases as (Row & { process: { pid: number }[]; perProcess: Record<string, number[]> })[];
    expect(row.process).toHaveLength(2);
    expect(new Set(row.process.map((p) => p.pid)).size).toBe(2);
    expect(row.rounds).toBe(4);
    expect(row.paths['seed-js'].timesUs).toHaveLength(4);
    expect(row.perProcess['seed-js']).toHaveLength(2);
  }, 60_000);

  it('pools three processes by default only for the big single keys and the MNIST dict of a full run', () => {
    const full = parseOptions([]);
    expect(['1K', 'small', '16K', '128K'].map((id) => full.processesOf(sizeById(id)))).toEqual([1, 1, 1, 1]);
    expect(['1M', '8M', 'MNIST'].map((id) => full.processesOf(sizeById(id)))).toEqual([3, 3, 3]);
    expect(parseOptions(['--quick']).processesOf(sizeById('1M'))).toBe(1);
    expect(parseOptions(['--processes', '2']).processesOf(sizeById('1K'))).toBe(2);
    expect(() => parseOptions(['--processes', '0'])).toThrow(/--processes needs a whole number/);
    expect(shareOf({ caseMs: 1500, minRounds: 3, maxRounds: 15, batchMs: 10 }, 3)).toEqual({ caseMs: 500, minRounds: 1, maxRounds: 5, batchMs: 10 });
  });

  it('reports a case whose process fails as a problem of the run, and goes on', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bench-isolation-'));
    const crashing = join(dir, 'crash.mjs');
    writeFileSync(crashing, "process.stderr.write('boom: the case could not run\\n'); process.exit(3);\n");
    const silent = join(dir, 'silent.mjs');
    writeFileSync(silent, 'process.disconnect();\n');
    const options = tinyOptions(['--only', 'sgd,adam', '--sizes', '1K', '--no-tfjs', '--no-f32', '--paths', 'seed-js']);
    const lib = await loadLibs({ tfjs: false });
    const results = await runSuite({ options, lib, environment: {}, runner: inOwnProcesses({ module: crashing }) });
    expect(results.cases).toEqual([]);
    expect(results.problems).toHaveLength(2);
    expect(results.problems[0]).toMatch(/^sgd 1K: its process exited with code 3:[\s\S]*boom: the case could not run/);
    expect(results.problems[1]).toMatch(/^adam 1K: its process exited with code 3/);
    await expect(runInProcess({}, silent)).rejects.toThrow(/ended without sending its results/);
  }, 60_000);

  it('fails a case the process cannot run, with its reason', async () => {
    await expect(runInProcess({ optimizerId: 'nope', sizeId: '1K', pathIds: ['seed-js'], settings: TINY })).rejects.toThrow(/exited with code 1:[\s\S]*unknown case: optimizer 'nope'/);
  }, 30_000);

  it('runs TF.js wasm in a worker, so the baselines\u2019 thread sees no detach although TF.js grew its heap', async () => {
    const row: Row = await runInProcess({ optimizerId: 'sgd', sizeId: '1M', pathIds: ['seed-js', 'tfjs-wasm', 'roofline'], settings: TINY });
    expect(row.problems).toEqual([]);
    expect(row.process.inWorkers).toEqual(['tfjs-wasm']);
    expect(row.paths['tfjs-wasm'].timesUs).toHaveLength(row.rounds);
    expect(row.paths['tfjs-wasm'].vs['seed-js']).toBeGreaterThan(0);
  }, 60_000);
});

describe('a case\u2019s TF.js columns run in a process of their own', () => {
  it('times the thread paths in a process that never loads TF.js, and TF.js beside its partners in another', async () => {
    const options = tinyOptions(['--only', 'sgd,torch-lion', '--sizes', '1K', '--no-f32', '--paths', 'seed-js,zero-copy,threads-2,tfjs-wasm']);
    // The plan needs only the backends' names; TF.js itself loads in the case's process.
    const lib = { ...(await loadLibs({ tfjs: false })), tfBackends: ['wasm'] };
    const results = await runSuite({ options, lib, environment: {}, runner: inOwnProcesses() });
    expect(results.problems).toEqual([]);
    type Part = { rounds: number; process: { pid: number; inWorkers: string[] }; partnersUs: Record<string, number> };
    const [sgd, lion] = results.cases as (Row & { tfjsPart?: Part })[];
    const part = sgd.tfjsPart as Part;
    expect(part.process.pid).not.toBe(sgd.process.pid);
    expect(part.process.inWorkers).toEqual(['tfjs-wasm']);
    expect(sgd.process.inWorkers).toEqual([]);
    // The main part's rows and ratios are its own; TF.js's come from the TF.js part, with their partners'.
    expect(sgd.paths['threads-2'].timesUs).toHaveLength(sgd.rounds);
    expect(sgd.paths['tfjs-wasm'].timesUs).toHaveLength(part.rounds);
    expect(sgd.paths['tfjs-wasm'].vs['seed-js']).toBeGreaterThan(0);
    expect(sgd.paths['zero-copy'].vs['tfjs-wasm']).toBeGreaterThan(0);
    expect(sgd.paths['threads-2'].vs['tfjs-wasm']).toBeUndefined();
    expect(Object.keys(part.partnersUs).sort()).toEqual(['seed-js', 'zero-copy']);
    // TF.js has no Lion: its case runs in one process, with no TF.js part.
    expect(lion.tfjsPart).toBeUndefined();
    expect(lion.paths['tfjs-wasm']).toBeUndefined();
  }, 90_000);

  it('splits the paths so that only TF.js and its partners run in the TF.js part', () => {
    const paths = ['seed-js', 'zero-copy', 'threads-2', 'seed-js-f32', 'zero-copy-f32', 'threads-2-f32', 'tfjs-wasm', 'tfjs-cpu', 'roofline'].map(pathById);
    const ids = (ps: { id: string }[]) => ps.map((p) => p.id);
    const [main, tfjs] = partsOf(paths, optimizerById('adam'), sizeById('1K'));
    expect(ids(main)).toEqual(['seed-js', 'zero-copy', 'threads-2', 'seed-js-f32', 'zero-copy-f32', 'threads-2-f32', 'roofline']);
    expect(ids(tfjs)).toEqual(['seed-js', 'zero-copy', 'zero-copy-f32', 'tfjs-wasm', 'tfjs-cpu']);
    // Above TF.js cpu's limit only wasm runs; an optimizer TF.js lacks has one part.
    expect(ids(partsOf(paths, optimizerById('adam'), sizeById('8M'))[1])).toEqual(['seed-js', 'zero-copy', 'zero-copy-f32', 'tfjs-wasm']);
    expect(partsOf(paths, optimizerById('torch-lion'), sizeById('1K'))).toEqual([paths]);
  });

  it('joins the two rows, each ratio from the part that timed both of its paths', () => {
    const s = (medianUs: number, vs: Record<string, number>, gbPerS = 1) => ({ medianUs, timesUs: [medianUs], batch: 1, gbPerS, vs });
    const main = {
      optimizer: 'adam', size: '1K', rounds: 5, seconds: 2, problems: ['main: one'], process: { pid: 1 },
      paths: { 'seed-js': s(10, {}), 'zero-copy': s(4, { 'seed-js': 2.5 }), 'threads-2': s(2, { 'seed-js': 5, 'zero-copy': 2 }), roofline: s(1, {}, 8) },
    };
    const tfjs = {
      optimizer: 'adam', size: '1K', rounds: 3, seconds: 1.5, problems: ['tfjs: two'], process: { pid: 2 },
      paths: { 'seed-js': s(12, { 'tfjs-wasm': 0.5 }), 'zero-copy': s(5, { 'seed-js': 2.4, 'tfjs-wasm': 3 }), 'tfjs-wasm': s(15, { 'seed-js': 0.8, 'zero-copy': 0.33 }, 2) },
    };
    const joined = joinParts(main, tfjs, [pathById('tfjs-wasm')]);
    expect(joined.paths['zero-copy'].vs).toEqual({ 'seed-js': 2.5, 'tfjs-wasm': 3 });
    expect(joined.paths['seed-js'].medianUs).toBe(10);
    expect(joined.paths['threads-2']).toEqual(main.paths['threads-2']);
    expect(joined.paths['tfjs-wasm'].vs).toEqual({ 'seed-js': 0.8, 'zero-copy': 0.33 });
    // Its share of the memory limit against the main part's roofline (8 GB/s).
    expect(joined.paths['tfjs-wasm'].ofRoofline).toBe(0.25);
    expect(joined.rounds).toBe(5);
    expect(joined.seconds).toBe(3.5);
    expect(joined.problems).toEqual(['main: one', 'tfjs: two']);
    expect(joined.tfjsPart).toEqual({ rounds: 3, seconds: 1.5, process: { pid: 2 }, partnersUs: { 'seed-js': 12, 'zero-copy': 5 } });
    expect(main.paths['zero-copy'].vs).toEqual({ 'seed-js': 2.5 });
  });
});

describe('the paths that grow a memory', () => {
  it('are the ones that detach an ArrayBuffer: TF.js wasm does at 1M, simd-optim\u2019s paths do not', async () => {
    // This test file's own thread: the watch stays on for its remaining tests, which is harmless.
    const watch = watchDetaches();
    const before = watch.count();
    const lib = await loadLibs({ tfjs: true, tfBackends: ['wasm'], log: () => {} });
    const optimizer = optimizerById('sgd');
    const size = sizeById('1M');
    const ours = ['seed-js', 'zero-copy', 'copy', 'default', 'zero-copy-f32', 'copy-f32'].map(pathById);
    await measureCase({ optimizer, size, data: makeData(size.shapes), lib, paths: ours, settings: TINY });
    expect(watch.count()).toBe(before);
    expect(ours.filter((p: { growsMemory?: boolean }) => p.growsMemory)).toEqual([]);
    expect(pathById('tfjs-wasm').growsMemory).toBe(true);
    await measureCase({ optimizer, size, data: makeData(size.shapes), lib, paths: [pathById('tfjs-wasm')], settings: TINY });
    expect(watch.count()).toBeGreaterThan(before);
    expect(watch.causes).toContain('WebAssembly.Memory.prototype.grow');
  }, 60_000);

  it('the watch counts a grown memory but not a grown shared one', () => {
    const watch = watchDetaches();
    const before = watch.count();
    new WebAssembly.Memory({ initial: 1, maximum: 4, shared: true }).grow(1);
    expect(watch.count()).toBe(before);
    new WebAssembly.Memory({ initial: 1 }).grow(1);
    expect(watch.count()).toBe(before + 1);
  });

  it('a path in a worker reports its setup failure with the worker\u2019s reason', async () => {
    const broken = inWorker({ ...pathById('copy'), id: 'no-such-path' });
    const optimizer = optimizerById('sgd');
    await expect(broken.setup({ optimizer, size: sizeById('1K') })).rejects.toThrow(/in its worker: .*no path 'no-such-path'/);
  }, 30_000);
});

describe('pooling the rounds of several processes', () => {
  it('takes medians over every process\u2019s rounds and keeps each round\u2019s ratio within its process', () => {
    const row = (base: number[], fast: number[], pid: number) => ({
      optimizer: 'sgd',
      size: '1K',
      rounds: base.length,
      seconds: 1,
      problems: [],
      process: { pid },
      paths: {
        'seed-js': { medianUs: base[1], timesUs: base, batch: 10 },
        'zero-copy': { medianUs: fast[1], timesUs: fast, batch: 40 },
      },
    });
    const paths = [pathById('seed-js'), pathById('zero-copy')];
    // Process 1 is in the slow mode, process 2 in the fast one: ratios 2 and 4 in each.
    const pooled = poolRows([row([2, 4, 4], [1, 1, 2], 1), row([8, 8, 16], [4, 2, 4], 2)], { optimizer: optimizerById('sgd'), listed: sizeById('1K'), paths });
    expect(pooled.rounds).toBe(6);
    expect(pooled.paths['seed-js'].timesUs).toEqual([2, 4, 4, 8, 8, 16]);
    expect(pooled.paths['seed-js'].medianUs).toBe(6);
    // Per-round ratios 2, 4, 2, 2, 4, 4: median 3. Unpaired medians would give 6 / 2 = 3 too, so check a pairing-only case below.
    expect(pooled.paths['zero-copy'].vs['seed-js']).toBe(3);
    expect(pooled.perProcess['seed-js']).toEqual([4, 8]);
    expect(pooled.process).toEqual([{ pid: 1 }, { pid: 2 }]);
    const crossed = poolRows([row([1, 1, 1], [1, 1, 1], 1), row([10, 10, 10], [5, 5, 5], 2)], { optimizer: optimizerById('sgd'), listed: sizeById('1K'), paths });
    // Ratios 1, 1, 1, 2, 2, 2 → 1.5; pairing across processes would have mixed 10 with 1.
    expect(crossed.paths['zero-copy'].vs['seed-js']).toBe(1.5);
  });

  it('leaves out, as a problem, a path that ran in only some processes', () => {
    const base = { optimizer: 'sgd', size: '1K', rounds: 1, seconds: 1, problems: [], process: { pid: 1 } };
    const a = { ...base, paths: { 'seed-js': { medianUs: 1, timesUs: [1], batch: 1 }, 'zero-copy': { medianUs: 1, timesUs: [1], batch: 1 } } };
    const b = { ...base, paths: { 'seed-js': { medianUs: 1, timesUs: [1], batch: 1 } } };
    const pooled = poolRows([a, b], { optimizer: optimizerById('sgd'), listed: sizeById('1K'), paths: [pathById('seed-js'), pathById('zero-copy')] });
    expect(Object.keys(pooled.paths)).toEqual(['seed-js']);
    expect(pooled.problems).toEqual(['zero-copy: ran in only some of the 2 processes, left out']);
  });
});

describe('rounds timed while the cores were shared', () => {
  /** A path that reports `msOf(round)` per update for its timed rounds (round 0 is its second enter(): the first is before warm-up and calibration). */
  const scripted = (id: string, usesThreads: boolean, msOf: (round: number) => number) => {
    let round = -2;
    return {
      id,
      role: 'subject',
      usesThreads,
      setup: async () => ({
        enter: () => void round++,
        run: (k: number) => (round < 0 ? 0.001 * k : msOf(round) * k),
      }),
    };
  };
  const settings = { batchMs: 0.05, caseMs: 0, minRounds: 4, maxRounds: 4, warmupRounds: 0, warmupMs: 0.01 };
  const measure = (paths: unknown[], coresShared?: () => boolean) =>
    measureCase({ optimizer: optimizerById('sgd'), size: sizeById('1K'), data: null, lib: null, paths, settings, coresShared });
  const scriptedProbe = (probes: boolean[]) => {
    let i = 0;
    return () => probes[Math.min(i++, probes.length - 1)];
  };

  it('probes right before and after each thread path’s batch, and times a round again when a probe found the cores shared', async () => {
    // Two probes a round, around the thread path (the plain one is not probed): round 1's after it, round 2's before it.
    const probes = [false, false, false, true, true, false, false, false, false, false, false, false];
    const m = await measure([scripted('plain', false, (r) => 1 + r), scripted('threads', true, (r) => (r === 1 || r === 2 ? 100 : 1 + r))], scriptedProbe(probes));
    expect(m.times.threads).toEqual([1, 4, 5, 6]);
    // The rounds stay paired: the plain path's times from the same rounds.
    expect(m.times.plain).toEqual([1, 4, 5, 6]);
    expect(m.coreChecks).toEqual({ again: 2, probes: 12 });
  });

  it('keeps rounds as they come once it has timed twice their number again', async () => {
    const m = await measure([scripted('threads', true, (r) => 1 + r)], () => true);
    expect(m.times.threads).toEqual([9, 10, 11, 12]);
    expect(m.coreChecks).toEqual({ again: 8, probes: 24 });
  });

  it('probes nothing when no probe is given', async () => {
    const m = await measure([scripted('threads', true, (r) => 1 + r)]);
    expect(m.times.threads).toEqual([1, 2, 3, 4]);
    expect(m.coreChecks).toBeUndefined();
  });
});

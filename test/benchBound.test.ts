// The bench's memory's bound on "2 threads ÷ 1" (bench/suite/paths/bytesAlone.mjs):
// Momentum's kernel on two threads over as many bytes as the row's update
// moves, timed with the thread paths. These tests hold what needs no timing:
// the bytes match, the stand-in is shared where the bench shows it, it is
// timed only beside the path it bounds, and its ratio lands in the row.
import { describe, expect, it } from 'vitest';
import { shareAbove } from '../src/threads/shareAbove.js';
import { threadTuning } from '../src/threads/tuning.js';
// @ts-expect-error: plain .mjs bench modules without types
import { runInProcess } from '../bench/node/caseProcesses.mjs';
// @ts-expect-error: plain .mjs bench modules without types
import { optimizerById, trafficBytes } from '../bench/suite/optimizers.mjs';
// @ts-expect-error: plain .mjs bench modules without types
import { MEMORY_BOUND_SHARED_FROM, standInElements } from '../bench/suite/paths/bytesAlone.mjs';
// @ts-expect-error: plain .mjs bench modules without types
import { planSuite } from '../bench/suite/suite.mjs';
// @ts-expect-error: plain .mjs bench modules without types
import { parseOptions } from '../bench/suite/options.mjs';
// @ts-expect-error: plain .mjs bench modules without types
import { loadLibs } from '../bench/node/libs.mjs';

const TINY = { batchMs: 0.2, caseMs: 1, minRounds: 2, maxRounds: 2, warmupRounds: 0, warmupMs: 1 };
const BYTES = { f64: 8, f32: 4 } as const;

describe("the bench's memory's bound on two threads", () => {
  it('moves the bytes of the row it bounds, in whole vectors of 16', () => {
    const momentum = optimizerById('momentum');
    for (const id of ['sgd', 'adagrad', 'adam', 'lamb']) {
      for (const dtype of ['f64', 'f32'] as const) {
        const row = optimizerById(id);
        const n = standInElements(row, 1 << 23, dtype);
        expect(n % 16).toBe(0);
        const ours = trafficBytes(row, 1 << 23, BYTES[dtype]);
        expect(Math.abs(trafficBytes(momentum, n, BYTES[dtype]) - ours)).toBeLessThanOrEqual(trafficBytes(momentum, 8, BYTES[dtype]));
      }
    }
    // AdaGrad moves Momentum's five arrays: the same elements; Adam moves seven.
    expect(standInElements(optimizerById('adagrad'), 1 << 20, 'f32')).toBe(1 << 20);
    expect(standInElements(optimizerById('adam'), 5 << 20, 'f64')).toBe(7 << 20);
  });

  it('is timed from the sizes at which the package shares a run of Momentum', () => {
    expect(threadTuning.shareAbove).toBeNull();
    for (const dtype of ['f64', 'f32'] as const) expect(MEMORY_BOUND_SHARED_FROM[dtype]).toBe(shareAbove('momentum', dtype));
  });

  it('stays with the thread path it bounds when --paths narrows a run, and only there', async () => {
    const lib = await loadLibs({ tfjs: false });
    const ids = (argv: string[]) => planSuite(parseOptions(['--only', 'adam', '--no-tfjs', ...argv]), lib).paths.map((p: { id: string }) => p.id);
    expect(ids(['--paths', 'zero-copy,threads-2'])).toEqual(['seed-js', 'zero-copy', 'threads-2', 'bytes-2', 'seed-js-f32', 'roofline', 'roofline-f32']);
    expect(ids(['--paths', 'zero-copy-f32,threads-2-f32'])).toContain('bytes-2-f32');
    expect(ids(['--paths', 'zero-copy-f32,threads-2-f32'])).not.toContain('bytes-2');
    expect(ids(['--paths', 'zero-copy'])).not.toContain('bytes-2');
  });

  it('runs on two threads beside the thread paths and gives the row its ratio over one thread', async () => {
    const row = await runInProcess({ optimizerId: 'adam', sizeId: '128K', pathIds: ['zero-copy-f32', 'threads-2-f32', 'bytes-2-f32'], settings: TINY });
    expect(row.problems).toEqual([]);
    const bound = row.paths['bytes-2-f32'];
    expect(bound.timesUs).toHaveLength(row.rounds);
    expect(bound.vs['zero-copy-f32']).toBeGreaterThan(0);
    // Its GB/s are the row's bytes over its time: the same bytes, so the times' ratio.
    const one = row.paths['zero-copy-f32'];
    expect(bound.gbPerS / one.gbPerS).toBeCloseTo(one.medianUs / bound.medianUs, 6);
  }, 60_000);

  it('is not timed where the stand-in would run on one thread', async () => {
    // SGD at 2^17 in f32 moves the bytes of 78,643 Momentum elements, below the 2^17 from which f32 runs are shared.
    const row = await runInProcess({ optimizerId: 'sgd', sizeId: '128K', pathIds: ['zero-copy-f32', 'threads-2-f32', 'bytes-2-f32'], settings: TINY });
    expect(row.problems).toEqual([]);
    expect(row.paths['threads-2-f32']).toBeDefined();
    expect(row.paths['bytes-2-f32']).toBeUndefined();
  }, 60_000);
});

// clipNorm's global norm (issue 15): one order of additions, blocks of 4096 elements of each key in lane order,
// added in order, whatever runs it: the sumsq kernel on one thread, the block sums shared among 2 to 4 threads,
// the copy path and the JS backend. The expected norm is computed here from that definition, not by the library.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Adam, ParamSet } from '../src/index.js';
import { setMemoryOf } from '../src/wasm/setMemory.js';
import { threadTuning } from '../src/threads/tuning.js';
import { planChunks } from '../src/threads/chunkPlan.js';
import type { Entry } from '../src/checkDicts.js';
import { expectSameBits } from './support/bits.js';

type Floats = Float64Array | Float32Array;
type Dtype = 'f64' | 'f32';

// Lengths that are multiples neither of 4096 nor of the lanes (2, 4), and two keys of one block or less.
const SIZES = { a: 9001, W: [37, 129], c: 4099, d: 3, e: 12_289 };
const BLOCK = 4096;

/** The defined order, written out: each key's blocks from its start, lane sums and tail per block, blocks added in order. */
function expectedSumOfSquares(grads: readonly Floats[]): number {
  let total = 0;
  for (const g of grads) {
    const lanes = g instanceof Float32Array ? 4 : 2;
    for (let start = 0; start < g.length; start += BLOCK) {
      const end = Math.min(g.length, start + BLOCK);
      const vectorEnd = end - ((end - start) % lanes);
      const lane = [0, 0, 0, 0];
      let tail = 0;
      for (let i = start; i < vectorEnd; i++) lane[(i - start) % lanes] += g[i] * g[i];
      for (let i = vectorEnd; i < end; i++) tail += g[i] * g[i];
      total += (((lane[0] + lane[1]) + lane[2]) + lane[3]) + tail;
    }
  }
  return total;
}

function filledSet(dtype: Dtype, threads: number) {
  const set = new ParamSet(SIZES, { dtype, threads, stateSlots: 2 });
  set.flatParams.forEach((_, i) => (set.flatParams[i] = Math.sin(i * 0.37)));
  return set;
}
/** Gradients of very different sizes, so the order of additions shows in the last bits. */
function fillGrads(grads: Record<string, Floats>, t: number) {
  Object.values(grads).forEach((g, k) => g.forEach((_, i) => (g[i] = Math.cos(i * 0.11 + t + k) * (1 + (i % 7)) * 10 ** ((i % 13) - 6))));
}
const own = (d: Record<string, Floats>) => Object.fromEntries(Object.entries(d).map(([k, v]) => [k, v.slice()]));

type Contestant = { label: string; params: Record<string, Floats>; grads: Record<string, Floats>; opt: Adam; set?: ParamSet<Dtype> };

async function contestants(dtype: Dtype): Promise<Contestant[]> {
  const out: Contestant[] = [];
  for (const threads of [1, 2, 3, 4]) {
    const set = filledSet(dtype, threads);
    await set.startThreads();
    out.push({ label: `${threads} thread(s)`, params: set.params, grads: set.grads, opt: new Adam({ lr: 0.01, clipNorm: 0.5 }), set });
  }
  const plain = filledSet(dtype, 1);
  out.push({ label: 'copy path', params: own(plain.params), grads: own(plain.grads), opt: new Adam({ lr: 0.01, clipNorm: 0.5 }) });
  const js = filledSet(dtype, 1);
  out.push({ label: 'js backend', params: js.params, grads: js.grads, opt: new Adam({ lr: 0.01, clipNorm: 0.5, backend: 'js' }) });
  return out;
}

describe('the global norm has one order on every path and thread count', () => {
  // Every update shared, in chunks as small as the norm allows (one block), so several threads take part.
  const tuned = { ...threadTuning };
  beforeAll(() => Object.assign(threadTuning, { minChunk: 16, shareAbove: 0, wakeAbove: 0 }));
  afterAll(() => Object.assign(threadTuning, tuned));

  it.each(['f64', 'f32'] as const)('%s: the defined norm, and the same params, on 1 to 4 threads, the copy path and the JS backend', async (dtype) => {
    const all = await contestants(dtype);
    const byWorkers = () => all.slice(1, 4).reduce((n, c) => n + setMemoryOf(c.set!.flatParams.buffer)!.team!.chunksByWorkers, 0);
    // Four steps, and more (every contestant alike) until a worker has taken a chunk: under the full suite's load
    // on two cores, six workers can all be slow to wake for four steps.
    const until = Date.now() + 10_000;
    for (let t = 1; t <= 4 || (byWorkers() === 0 && Date.now() < until); t++) {
      for (const c of all) {
        fillGrads(c.grads, t);
        c.opt.update(c.params, c.grads);
        const want = Math.sqrt(expectedSumOfSquares(Object.values(c.grads)));
        expect(Object.is(c.opt.lastGradNorm, want), `${c.label}, step ${t}: norm ${c.opt.lastGradNorm}, defined ${want}`).toBe(true);
        expect(c.opt.lastGradNorm).toBeGreaterThan(0.5); // the clipping is on
      }
    }
    expect(byWorkers(), 'the workers took part').toBeGreaterThan(0);
    expect(all.map((c) => c.opt.lastPath)).toEqual(['zero-copy', 'zero-copy', 'zero-copy', 'zero-copy', 'copy', 'js']);
    for (const c of all.slice(1)) for (const k of Object.keys(SIZES)) expectSameBits(c.params[k], all[0].params[k], `${c.label}: ${k}`);
  }, 30_000);

  it('workers take chunks of the norm (the sumsqBlocks kernel), not only of the update', async () => {
    const set = filledSet('f64', 2);
    await set.startThreads();
    const team = setMemoryOf(set.flatParams.buffer)!.team!;
    const byKernel = new Map<string, number>();
    const run = team.run.bind(team);
    team.run = (kernel, index, chunks, bytes) => {
      const before = team.chunksByWorkers;
      run(kernel, index, chunks, bytes);
      byKernel.set(team.names[index], (byKernel.get(team.names[index]) ?? 0) + team.chunksByWorkers - before);
    };
    const opt = new Adam({ lr: 0.01, clipNorm: 0.5 });
    const until = Date.now() + 10_000;
    for (let t = 1; !(byKernel.get('sumsqBlocks_f64')! > 0) && Date.now() < until; t++) {
      fillGrads(set.grads, t);
      opt.update(set.params, set.grads);
    }
    expect(byKernel.get('sumsqBlocks_f64'), 'norm chunks run by the worker').toBeGreaterThan(0);
  });

  it('an update with clipNorm is one shareable update to the team: the norm and the run share one decision', async () => {
    const set = filledSet('f64', 2);
    await set.startThreads();
    const team = setMemoryOf(set.flatParams.buffer)!.team!;
    let decided = 0;
    const startsBurst = team.startsBurst.bind(team);
    team.startsBurst = () => {
      decided++;
      return startsBurst();
    };
    const opt = new Adam({ lr: 0.01, clipNorm: 0.5 });
    for (let t = 1; t <= 3; t++) opt.update(set.params, set.grads);
    expect(decided, 'each update is decided once (the norm and its run are one run to the workers)').toBe(3);
  });
});

describe("the norm's chunk plans", () => {
  const entryOf = (n: number, at: number) => ({ p: new Float64Array(new ArrayBuffer(8 * (at + n)), 8 * at, n), g: new Float64Array(new ArrayBuffer(8 * (at + n)), 8 * at, n), shape: { rows: 1, cols: n } }) as unknown as Entry;

  it('cut a key only at multiples of 4096 from its start, each chunk (but the last) at least the chunk size', () => {
    const lengths = [9001, 4773, 4099, 3, 12_289, 20_000];
    const spans = lengths.map((n) => ({ entry: entryOf(n, 0), state: [], from: 0, to: n }));
    const plan = planChunks(spans, 2 * BLOCK, BLOCK);
    let key = 0;
    let into = 0;
    for (const piece of plan.pieces) {
      expect(into % BLOCK, `piece of key ${key} starts at ${into}`).toBe(0);
      into += piece.length;
      if (into === lengths[key]) [key, into] = [key + 1, 0];
    }
    expect(key).toBe(lengths.length);
    expect(plan.pieces.length, 'keys larger than a chunk are cut').toBeGreaterThan(lengths.length);
    const sizes = plan.bounds.slice(1).map((end, k) => plan.pieces.slice(plan.bounds[k], end).reduce((n, p) => n + p.length, 0));
    expect(sizes.slice(0, -1).every((n) => n >= 2 * BLOCK)).toBe(true);
    expect(plan.bounds.length).toBeGreaterThan(4);
  });
});

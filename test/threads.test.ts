// Threads over a shared memory (src/threads/): options, the bits against one thread, the shard API
// (updateRange), worker death, and a script that exits on its own. Speed is the bench's job.
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Adam, AdaGrad, LAMB, ParamSet, RMSProp, SGD, torch } from '../src/index.js';
import { setMemoryOf } from '../src/wasm/setMemory.js';
import { threadTuning } from '../src/threads/tuning.js';
import { CONTROL } from '../src/threads/control.js';
import { pollWindow } from '../src/threads/pollWindow.js';
import { expectSameBits } from './support/bits.js';
// @ts-expect-error: plain .mjs bench modules without types
import { sizeById } from '../bench/suite/sizes.mjs';

type Sizes = Record<string, number | number[]>;
const BIG: Sizes = { W1: [300, 400], b1: 400, W2: [400, 100], b2: 100, W3: 70_001 };
/** Large enough (300,000 elements) that Adam shares the first update after a pause (burstShareAbove). */
const PACED: Sizes = { W: [600, 500] };

/** A set filled with the same deterministic params and gradients whatever its options. */
function filled(sizes: Sizes, options: ConstructorParameters<typeof ParamSet>[1] = {}) {
  const set = new ParamSet(sizes, { stateSlots: 2, ...options });
  set.flatParams.forEach((_, i) => (set.flatParams[i] = Math.sin(i * 0.37)));
  return set;
}
function step(set: ParamSet<'f64' | 'f32'>, t: number) {
  set.flatGrads.forEach((_, i) => (set.flatGrads[i] = Math.cos(i * 0.11 + t) * (1 + (i % 7))));
}
const teamOf = (set: ParamSet<'f64' | 'f32'>) => setMemoryOf(set.flatParams.buffer)!.team;
/** The set's control block (control.ts): its words, and its float64 view (EXPECT, PERIOD). */
function controlOf(set: ParamSet<'f64' | 'f32'>) {
  const at = teamOf(set)!.layout.controlAt;
  return { words: new Int32Array(set.flatParams.buffer, at, CONTROL.WORDS), times: new Float64Array(set.flatParams.buffer, at, CONTROL.WORDS >> 1) };
}

describe('the threads option', () => {
  it('refuses what is not a count from 1 to 64 or auto, naming the option', () => {
    for (const bad of [0, 65, 2.5, -1, '2', null, NaN]) {
      expect(() => new ParamSet({ w: 10 }, { threads: bad as never })).toThrow(/ParamSet: threads must be 'auto' or an integer from 1 to 64/);
    }
  });

  it("'auto' keeps a small set on one thread and an ordinary memory; a large one gets every core and a shared one", () => {
    const small = new ParamSet({ w: 1000 });
    expect(small.threads).toBe(1);
    expect(small.threadsError).toBeNull();
    expect(small.flatParams.buffer).toBeInstanceOf(ArrayBuffer);
    // The bench's small net dict (5,578 elements in 10 keys): the same set as threads: 1, so 'auto ÷ 1' there is the run's noise.
    const net = new ParamSet(sizeById('small').shapes);
    expect(net.size).toBe(5578);
    expect(net.threads).toBe(1);
    expect(net.flatParams.buffer).toBeInstanceOf(ArrayBuffer);
    const large = new ParamSet({ w: 1 << 16 });
    expect(large.threads).toBe(Math.min(64, navigatorCores()));
    if (large.threads > 1) expect(large.flatParams.buffer).toBeInstanceOf(SharedArrayBuffer);
  });

  it('threads: 1 keeps an ordinary memory, threads: 3 a shared one whatever the size', () => {
    expect(new ParamSet({ w: 1 << 17 }, { threads: 1 }).flatParams.buffer).toBeInstanceOf(ArrayBuffer);
    const three = new ParamSet({ w: 10 }, { threads: 3 });
    expect(three.threads).toBe(3);
    expect(three.flatParams.buffer).toBeInstanceOf(SharedArrayBuffer);
  });
});

function navigatorCores(): number {
  return (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator?.hardwareConcurrency ?? (process.report.getReport() as { header: { cpus: unknown[] } }).header.cpus.length;
}

describe('the same bits on any number of threads (default chunk sizes)', () => {
  // Every update shared even when the workers sleep (the default waits for them to be awake below 2^21 elements,
  // which a loaded machine may not give within a few updates) or starts a burst (each step here fills its
  // gradients for milliseconds first): this is about bits, not about when to share.
  const tuned = { ...threadTuning };
  beforeAll(() => Object.assign(threadTuning, { shareAbove: 0, wakeAbove: 0 }));
  afterAll(() => Object.assign(threadTuning, tuned));
  const cases = [
    ['Adam', () => new Adam({ lr: 0.01 })],
    ['AdaGrad, clipNorm', () => new AdaGrad({ lr: 0.1, clipNorm: 1 })],
    ['RMSProp f32', () => new RMSProp({ lr: 0.01 }), 'f32'],
    ['torch.AdamW, groups', () => new torch.AdamW({ lr: 0.01, groups: [{ keys: /^b/, weightDecay: 0 }] })],
    ['LAMB (per key)', () => new LAMB({ lr: 0.01 })],
  ] as const;
  it.each(cases)('%s', async (_, make, dtype = 'f64') => {
    const sets = [1, 2, 4].map((threads) => filled(BIG, { threads, dtype }));
    await Promise.all(sets.map((s) => s.startThreads()));
    const opts = sets.map(() => make());
    for (let t = 1; t <= 6; t++) {
      sets.forEach((s, i) => {
        step(s, t);
        opts[i].update(s.params, s.grads);
      });
    }
    for (const s of sets.slice(1)) expectSameBits(s.flatParams, sets[0].flatParams, `${s.threads} threads`);
    expect(sets.map((s) => s.threads)).toEqual([1, 2, 4]);
    expect(teamOf(sets[1])!.chunksByWorkers + teamOf(sets[2])!.chunksByWorkers, 'the workers took part').toBeGreaterThan(0);
  });
});

describe('updateRange (a shard of the flat buffer)', () => {
  const N = { a: 1000, b: [30, 40], c: 777 };
  const total = 1000 + 1200 + 777;

  it.each([1, 3])('two shards make the full update, bit for bit, and leave the rest untouched (%i threads)', async (threads) => {
    const full = filled(N);
    const sharded = filled(N, { threads });
    await sharded.startThreads();
    const whole = new Adam({ lr: 0.01, clipNorm: 5 });
    const part = new Adam({ lr: 0.01, clipNorm: 5 });
    const cut = 1234; // inside key b
    for (let t = 1; t <= 3; t++) {
      step(full, t);
      step(sharded, t);
      whole.update(full.params, full.grads);
      const before = sharded.flatParams.slice();
      part.updateRange(sharded, 0, cut);
      expectSameBits(sharded.flatParams.subarray(cut), before.subarray(cut), 'beyond the first shard');
      expectSameBits(sharded.flatParams.subarray(0, cut), full.flatParams.subarray(0, cut), 'first shard');
    }
    expect(part.steps).toBe(3);
  });

  it('each shard is the full update restricted to it, including its state', () => {
    const full = filled(N);
    const shards = [filled(N), filled(N)];
    const whole = new RMSProp({ lr: 0.01 });
    const owners = [new RMSProp({ lr: 0.01 }), new RMSProp({ lr: 0.01 })];
    const bounds = [[0, 1500], [1500, total]] as const;
    for (let t = 1; t <= 3; t++) {
      step(full, t);
      whole.update(full.params, full.grads);
      shards.forEach((s, i) => {
        step(s, t);
        owners[i].updateRange(s, bounds[i][0], bounds[i][1]);
      });
    }
    const joined = new Float64Array(total);
    joined.set(shards[0].flatParams.subarray(0, 1500));
    joined.set(shards[1].flatParams.subarray(1500), 1500);
    expectSameBits(joined, full.flatParams, 'joined shards');
    // Key b is cut at element 500: its state in each owner is the full one's on that owner's side.
    expectSameBits(owners[0].stateOf('b')!.h.subarray(0, 500), whole.stateOf('b')!.h.subarray(0, 500), 'state of b, first shard');
    expectSameBits(owners[1].stateOf('b')!.h.subarray(500), whole.stateOf('b')!.h.subarray(500), 'state of b, second shard');
    expect(owners[1].stateOf('a')!.h.every((x) => x === 0), 'a key outside the shard keeps its initial state').toBe(true);
  });

  it('a range over a key larger than a chunk, on one thread, is the full update there (its pieces fit the set\'s table)', () => {
    // One key of 300,000 elements: on one thread the range must stay one piece, as the set's table holds one entry per key.
    const sizes = { w: 300_000, b: 10 };
    const [full, ranged] = [filled(sizes, { threads: 1 }), filled(sizes, { threads: 1 })];
    const [whole, part] = [new Adam({ lr: 0.01 }), new Adam({ lr: 0.01 })];
    for (let t = 1; t <= 2; t++) {
      step(full, t);
      step(ranged, t);
      whole.update(full.params, full.grads);
      part.updateRange(ranged, 0, 300_000);
    }
    expectSameBits(ranged.flatParams.subarray(0, 300_000), full.flatParams.subarray(0, 300_000), 'the range');
    expectSameBits(ranged.flatParams.subarray(300_000), filled(sizes, { threads: 1 }).flatParams.subarray(300_000), 'beyond it, untouched');
  });

  it('runs on the JS backend with the same bits', () => {
    const [a, b] = [filled(N), filled(N)];
    const wasm = new SGD({ lr: 0.1 });
    const js = new SGD({ lr: 0.1, backend: 'js' });
    step(a, 1);
    step(b, 1);
    wasm.updateRange(a, 10, 2000);
    js.updateRange(b, 10, 2000);
    expectSameBits(b.flatParams, a.flatParams, 'js vs wasm');
  });

  it('refuses bad ranges, a non-set, and a cut key for a per-key rule, changing nothing', () => {
    const set = filled(N);
    const before = set.flatParams.slice();
    const opt = new Adam();
    expect(() => opt.updateRange(set, -1, 5)).toThrow(/Adam: updateRange needs integers 0 <= start < end <= 2977/);
    expect(() => opt.updateRange(set, 5, 5)).toThrow(/start 5 and end 5/);
    expect(() => opt.updateRange(set, 0, total + 1)).toThrow(/<= 2977/);
    expect(() => opt.updateRange(set, 0.5, 9)).toThrow(/start 0.5/);
    expect(() => opt.updateRange({ params: set.params } as never, 0, 9)).toThrow(/Adam: updateRange needs a ParamSet, got an object/);
    expect(() => new LAMB().updateRange(set, 0, 1500)).toThrow(/LAMB: updateRange must cover whole keys .* cuts 'b' \(elements 1000 to 2200\)/);
    expectSameBits(set.flatParams, before, 'untouched');
    expect(opt.steps).toBe(0);
    step(set, 1);
    new LAMB().updateRange(set, 1000, 2200);
    expect(set.flatParams.subarray(1000, 2200).some((x, i) => x !== before[1000 + i])).toBe(true);
  });

  it('says what to do when the set has no room for the state', () => {
    const set = filled(N, { stateSlots: 1 });
    expect(() => new Adam().updateRange(set, 0, 10)).toThrow(/Adam: updateRange updates a ParamSet in place.*give it more stateSlots/);
    expectSameBits(set.flatParams, filled(N).flatParams, 'untouched');
  });
});

describe('workers that stop', () => {
  it('a worker that dies: the set says why, goes on on the calling thread, and keeps the bits', async () => {
    const set = filled(BIG, { threads: 2 });
    const ref = filled(BIG, { threads: 1 });
    await set.startThreads();
    const [o, r] = [new Adam(), new Adam()];
    step(set, 1);
    step(ref, 1);
    o.update(set.params, set.grads);
    r.update(ref.params, ref.grads);
    const team = teamOf(set)!;
    const exited = new Promise((done) => (team.workers[1]!.worker as import('node:worker_threads').Worker).once('exit', done));
    await (team.workers[1]!.worker as import('node:worker_threads').Worker).terminate();
    await exited;
    expect(set.threads).toBe(1);
    expect(set.threadsError?.message).toMatch(/this ParamSet's threads stopped \(the worker exited with code 1\); it now updates on the calling thread/);
    for (let t = 2; t <= 3; t++) {
      step(set, t);
      step(ref, t);
      o.update(set.params, set.grads);
      r.update(ref.params, ref.grads);
    }
    expectSameBits(set.flatParams, ref.flatParams, 'after the death');
  });
});

it('the words written during an update each have a cache line of their own, apart from the words every thread reads', () => {
  const set = filled(BIG, { threads: 2 });
  expect(teamOf(set)!.layout.controlAt % 64, 'the control block starts on a line').toBe(0);
  const lineOf = (word: number) => Math.floor((word * 4) / 64);
  const read = [CONTROL.GEN, CONTROL.STOP, CONTROL.KERNEL, CONTROL.TABLE, CONTROL.BOUNDS, CONTROL.CHUNKS, CONTROL.CONSTANTS, CONTROL.CONSTANTS_STRIDE, 2 * CONTROL.EXPECT_F64 + 1, 2 * CONTROL.PERIOD_F64 + 1];
  const written = [CONTROL.DONE, ...Array.from({ length: 64 }, (_, t) => CONTROL.NEXT + CONTROL.LINE * t)];
  const writtenLines = written.map(lineOf);
  expect(new Set(writtenLines).size, 'DONE and the 64 counters on 65 lines').toBe(65);
  for (const word of [...read, CONTROL.SLOTS, CONTROL.SLOTS + 63]) expect(writtenLines, `word ${word}`).not.toContain(lineOf(word));
  expect(CONTROL.NEXT + CONTROL.LINE * 63).toBeLessThan(CONTROL.WORDS);
  expect(CONTROL.SLOTS + 63).toBeLessThan(CONTROL.NEXT);
});

it('a synchronous loop that never yields to the event loop still gets its workers (started synchronously)', () => {
  const set = filled(BIG, { threads: 2 });
  const opt = new Adam();
  const team = teamOf(set)!;
  const until = Date.now() + 10_000;
  // No await anywhere: a worker that needed the event loop to start would never join.
  while (team.chunksByWorkers === 0 && Date.now() < until) opt.update(set.params, set.grads);
  expect(team.chunksByWorkers).toBeGreaterThan(0);
});

it('sleeping workers are not waited for below 2^21 elements: the update runs alone, then wakes them for the next', async () => {
  const set = filled(BIG, { threads: 2 });
  const opt = new Adam();
  await set.startThreads();
  const team = teamOf(set)!;
  await new Promise((done) => setTimeout(done, 50)); // past the 5 ms polling window: the worker sleeps
  expect(team.awake).toBe(0);
  opt.update(set.params, set.grads);
  expect(team.chunksByWorkers, 'the first update ran alone').toBe(0);
  const until = Date.now() + 5_000;
  while (team.chunksByWorkers === 0 && Date.now() < until) opt.update(set.params, set.grads);
  expect(team.chunksByWorkers, 'a later close update was shared').toBeGreaterThan(0);
});

it('a loop of runs just above the sharing size gets its sleeping workers back', async () => {
  // 40,000 elements: above the size from which Adam's runs are shared (16,384), below four times it.
  const set = filled({ w: 40_000 }, { threads: 2 });
  const opt = new Adam();
  await set.startThreads();
  const team = teamOf(set)!;
  await new Promise((done) => setTimeout(done, 50));
  expect(team.awake).toBe(0);
  const until = Date.now() + 5_000;
  while (team.chunksByWorkers === 0 && Date.now() < until) opt.update(set.params, set.grads);
  expect(team.chunksByWorkers, 'a later update was shared').toBeGreaterThan(0);
});

it('a worker woken after a run done alone counts for the very next update, which is shared even before it is back', () => {
  // A stand-in for a sleeping worker, so that none can come back in between: the slot says asleep and no worker
  // exists (a real one wakes within tens of microseconds, a race the caller must not depend on).
  // PACED: large enough that the first update (which starts a burst) is shareable too.
  const set = filled(PACED, { threads: 2 });
  const team = teamOf(set)!;
  controlOf(set).words[CONTROL.SLOTS + 1] = CONTROL.SLEEPING;
  const shared: number[] = [];
  const run = team.run.bind(team);
  team.run = (...args) => {
    shared.push(args[2]);
    run(...args);
  };
  const opt = new Adam();
  const ref = filled(PACED, { threads: 1 });
  const r = new Adam();
  opt.update(set.params, set.grads); // alone; then the nudge
  expect(shared, 'the first update ran alone').toEqual([]);
  expect(team.awake, 'the woken worker counts as awake').toBe(1);
  opt.update(set.params, set.grads);
  expect(shared.length, 'the next update was shared').toBe(1);
  expect(team.chunksByWorkers, 'the caller ran every chunk itself').toBe(0);
  r.update(ref.params, ref.grads);
  r.update(ref.params, ref.grads);
  expectSameBits(set.flatParams, ref.flatParams, 'the same bits');
});

it('the first run after a pause runs alone below burstShareAbove and leaves the workers asleep; the burst’s next run wakes them', () => {
  // BIG: 230,501 elements of Adam, above the sharing size (16,384) but below the burst's (262,144). The sleeping
  // worker is a stand-in (see above), so that the state after each update is the caller's doing alone.
  const set = filled(BIG, { threads: 2 });
  const team = teamOf(set)!;
  const { words: control, times } = controlOf(set);
  control[CONTROL.SLOTS + 1] = CONTROL.SLEEPING;
  const opt = new Adam();
  opt.update(set.params, set.grads); // the first run of a burst (nothing ran before it)
  expect(team.awake, 'no wake-up call').toBe(0);
  expect(times[CONTROL.EXPECT_F64], 'no expected time: the workers need not come back for such a run').toBe(0);
  opt.update(set.params, set.grads); // back to back: the caches are warm now
  expect(team.awake, 'woken for the next').toBe(1);
});

it('a worker asleep by its slot inside the window its set announced is counted on, and the run is shared', () => {
  // On a busy machine a worker's timer can fire while no core is free: asleep by its slot, but it comes. A stand-in
  // (see above) says asleep; the announced window (a 40 ms pace: from 2 ms before the time to 5 ms after) is open, due
  // in 1 ms, or not yet, due in 20. A first update makes the state (the time it takes under load must not close the
  // window), then the slot says asleep again. PACED: above the sharing size, below the wake-up size.
  const sharedWith = (dueInMs: number) => {
    const set = filled(PACED, { threads: 2 });
    const team = teamOf(set)!;
    const { words: control, times } = controlOf(set);
    const opt = new Adam();
    control[CONTROL.SLOTS + 1] = CONTROL.SLEEPING;
    opt.update(set.params, set.grads);
    control[CONTROL.SLOTS + 1] = CONTROL.SLEEPING;
    let shared = 0;
    const run = team.run.bind(team);
    team.run = (...args) => {
      shared++;
      run(...args);
    };
    times[CONTROL.PERIOD_F64] = 40;
    times[CONTROL.EXPECT_F64] = performance.timeOrigin + performance.now() + dueInMs;
    opt.update(set.params, set.grads);
    return shared;
  };
  expect(sharedWith(1), 'inside the window').toBe(1);
  expect(sharedWith(20), 'before the window').toBe(0);
});

it("a set's shared update quiets the calling thread's other sets' workers until their own set shares one; they still take part in it", async () => {
  const [a, b] = [filled(PACED, { threads: 2 }), filled(PACED, { threads: 2 })];
  const [ra, rb] = [filled(PACED, { threads: 1 }), filled(PACED, { threads: 1 })];
  const quiet = () => [a, b].map((set) => controlOf(set).words[CONTROL.QUIET]);
  const [oa, ob, ora, orb] = [new Adam(), new Adam(), new Adam(), new Adam()];
  await Promise.all([a.startThreads(), b.startThreads()]);
  const [ta, tb] = [teamOf(a)!, teamOf(b)!];
  // After each shared update, the QUIET words of both sets.
  const seen: string[] = [];
  for (const [name, team] of [['a', ta], ['b', tb]] as const) {
    const run = team.run.bind(team);
    team.run = (...args) => {
      run(...args);
      seen.push(`${name}: ${quiet()}`);
    };
  }
  const until = Date.now() + 10_000;
  // One set after the other, back to back, until each set's worker has taken chunks of its own set's updates
  // while the other set's updates kept it quiet in between.
  do {
    oa.update(a.params, a.grads);
    ora.update(ra.params, ra.grads);
    ob.update(b.params, b.grads);
    orb.update(rb.params, rb.grads);
  } while ((ta.chunksByWorkers === 0 || tb.chunksByWorkers === 0) && Date.now() < until);
  expect(ta.chunksByWorkers, "a's worker took part").toBeGreaterThan(0);
  expect(tb.chunksByWorkers, "b's worker took part").toBeGreaterThan(0);
  expect(new Set(seen), 'after a shared update of a, b is quiet, and the other way round').toEqual(new Set(['a: 0,1', 'b: 1,0']));
  expectSameBits(a.flatParams, ra.flatParams, 'a: the same bits as one thread');
  expectSameBits(b.flatParams, rb.flatParams, 'b: the same bits as one thread');
}, 30_000);

describe('a loop with pauses longer than the polling window', () => {
  it('the caller tells the workers when its next burst of updates is due, from the starts of its bursts, after the shortest recent period', async () => {
    const set = filled(PACED, { threads: 2 });
    const opt = new Adam();
    const { times } = controlOf(set);
    // A first update, which makes the state (its run starts well after the call): its burst is not one of the four
    // whose periods count at the end.
    opt.update(set.params, set.grads);
    const starts: number[] = [];
    let longest = 0;
    // The last period is the longer: the next burst is expected after the shortest of the last four.
    for (const [t, pause] of [25, 25, 25, 25, 45].entries()) {
      await new Promise((done) => setTimeout(done, pause));
      starts.push(performance.timeOrigin + performance.now());
      // A burst: updates back to back (several param groups, or gradient accumulation), found by the workers awake.
      do opt.update(set.params, set.grads);
      while (performance.timeOrigin + performance.now() - starts[t] < 4);
      longest = Math.max(longest, performance.timeOrigin + performance.now() - starts[t]);
    }
    const period = times[CONTROL.PERIOD_F64];
    // From start to start: counted from the end of the last burst, it would be short by the burst's 4 ms or more.
    const shortest = Math.min(...starts.slice(1).map((at, i) => at - starts[i]));
    expect(Math.abs(period - shortest), `period ${period}, bursts of up to ${longest} ms`).toBeLessThan(1.5);
    expect(starts[4] - starts[3] - period, 'not the last period').toBeGreaterThan(10);
    expect(Math.abs(times[CONTROL.EXPECT_F64] - (starts[4] + period))).toBeLessThan(1.5);
  });

  it('a worker sleeps until shortly before the update is due and polls a little past it; no window without a pace within reach', () => {
    const idle = 5000;
    // 20 ms pace: awake from 2 ms before to 5 ms after; 4 ms pace: 0.5 ms before, 1 ms after.
    expect(pollWindow(1020, 20, 1000, idle)).toEqual({ wakeAt: 1018, pollUntil: 1025 });
    expect(pollWindow(1004, 4, 1000, idle)).toEqual({ wakeAt: 1003.5, pollUntil: 1005 });
    expect(pollWindow(1100, 200, 1000, idle)).toEqual({ wakeAt: 1098, pollUntil: 1105 });
    // Past the expected time, the window stays open until its end.
    expect(pollWindow(998, 20, 1000, idle)).toEqual({ wakeAt: 996, pollUntil: 1003 });
    for (const [expectAt, period] of [
      [1020, 0], // no pace yet
      [990, 20], // its window already over
      [1050, 20], // further off than a period: a torn or stale value
      [9000, 6000], // a pace slower than a worker's idle time
      [NaN, 20],
    ]) expect(pollWindow(expectAt, period, 1000, idle)).toBeNull();
  });

  it('its workers wake on their own when the next update is due, so its updates are shared without a wake-up call', async () => {
    const set = filled(PACED, { threads: 2 });
    const ref = filled(PACED, { threads: 1 });
    const [o, r] = [new Adam(), new Adam()];
    await set.startThreads();
    const team = teamOf(set)!;
    let ran = false;
    const run = team.run.bind(team);
    team.run = (...args) => {
      ran = true;
      run(...args);
    };
    // 20 ms between updates (a training loop's forward and backward pass), four times the 5 ms a worker polls
    // after a share: without the expected time, the worker sleeps through every such update (it is shared only
    // with workers awake below 2^21 elements). A loaded machine may delay a worker's wake-up past an update;
    // the loop goes on until one is shared.
    const shared: boolean[] = [];
    const until = Date.now() + 10_000;
    for (let t = 1; !shared.slice(2).some(Boolean) && Date.now() < until; t++) {
      await new Promise((done) => setTimeout(done, 20));
      step(set, t);
      step(ref, t);
      ran = false;
      o.update(set.params, set.grads);
      r.update(ref.params, ref.grads);
      shared.push(ran);
    }
    expect(shared.slice(2), 'an update after a 20 ms pause was shared').toContain(true);
    expectSameBits(set.flatParams, ref.flatParams, 'the same bits');
  }, 15_000);
});

it('idle workers retire, and the next large update starts them again, with the same bits', async () => {
  const idle = threadTuning.idleMs;
  threadTuning.idleMs = 100;
  try {
    const set = filled(BIG, { threads: 2 });
    const ref = filled(BIG, { threads: 1 });
    const [o, r] = [new Adam(), new Adam()];
    await set.startThreads();
    const team = teamOf(set)!;
    await new Promise((done) => setTimeout(done, 500));
    expect(team.running, 'retired').toBe(0);
    expect(set.threads).toBe(2);
    expect(set.threadsError).toBeNull();
    for (let t = 1; t <= 3; t++) {
      step(set, t);
      step(ref, t);
      o.update(set.params, set.grads);
      r.update(ref.params, ref.grads);
      if (t === 1) await set.startThreads();
      if (t === 1) expect(team.running, 'started again by the update').toBe(1);
    }
    expectSameBits(set.flatParams, ref.flatParams, 'after retiring');
  } finally {
    threadTuning.idleMs = idle;
  }
});

it('a Node script that used threads exits on its own', () => {
  const script = `
    import { ParamSet, Adam } from ${JSON.stringify(new URL('../dist/esm/index.js', import.meta.url).href)};
    const set = new ParamSet({ w: 1 << 18 }, { threads: 2 });
    console.log(await set.startThreads());
    const opt = new Adam();
    for (let i = 0; i < 20; i++) opt.update(set.params, set.grads);
  `;
  const started = Date.now();
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 30_000 });
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  expect(run.stdout.trim()).toBe('2');
  expect(Date.now() - started).toBeLessThan(30_000);
});

it("a per-key rule's one key is not handed to a worker (one chunk has nothing to share); two keys are shared", async () => {
  const one = filled({ W: [512, 256] }, { threads: 2, stateSlots: 3 });
  const two = filled({ A: [512, 256], B: [512, 256] }, { threads: 2, stateSlots: 3 });
  step(one, 1);
  step(two, 1);
  await one.startThreads();
  await two.startThreads();
  const [o1, o2] = [new torch.Adafactor({ lr: 1e-3 }), new torch.Adafactor({ lr: 1e-3 })];
  // Updates back to back, so the workers stay awake (polling) and take a chunk dealt to them.
  const until = Date.now() + 5_000;
  for (let more = 200; more > 0 && Date.now() < until; ) {
    o2.update(two.params, two.grads);
    if (teamOf(two)!.chunksByWorkers > 0) more--;
  }
  for (let i = 0; i < 200; i++) o1.update(one.params, one.grads);
  expect(teamOf(two)!.chunksByWorkers, 'two keys: a worker took one').toBeGreaterThan(0);
  expect(teamOf(one)!.chunksByWorkers, 'one key: the caller ran it').toBe(0);
});

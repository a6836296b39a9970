// The one golden harness: every optimizer of every family, on every path,
// against NumPy, bit for bit at each checkpoint and in the final state, in
// float64 and in float32 on Float32Arrays.
//   the book's (seedGolden*.json, test/golden/makeGolden.py): the book's own classes run by NumPy;
//   the rest (torchGolden*.json, makeTorchGolden.py): PyTorch's documented algorithms, Lion, and
//   the book's with weightDecay and PyTorch's eps convention;
//   the shaped ones (shapedGolden*.json, makeShapedGolden.py): torch.Adafactor and LAMB, whose
//   kernels reduce over each key (each case updates some of the file's keys; shapes from the
//   ParamSet, or from the `shapes` option on the copy and JS paths).
// The files share the gradient stream of test/support/gradStream.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { threadTuning } from '../src/threads/tuning.js';
import { setMemoryOf } from '../src/wasm/setMemory.js';
import * as simd from '../src/index.js';
import { ParamSet } from '../src/index.js';
import { expectSameBits } from './support/bits.js';
import { f32, f64, golden, golden32, type GoldenCase } from './support/golden.js';
import { fillGrad, keyConstants } from './support/gradStream.js';
import type { AnyOptimizer } from './support/optimizers.js';
import { stateNames, torchGolden, torchGolden32, type TorchGoldenCase } from './support/torchGolden.js';
import { shapedGolden, shapedGolden32, type ShapedGoldenCase } from './support/shapedGolden.js';

type Floats = Float64Array | Float32Array;
type Ctor = new (o: Record<string, unknown>) => AnyOptimizer;
type Dtype = 'f64' | 'f32';
type Path = 'zero-copy' | 'copy' | 'js' | 'zero-copy, keys reordered every step' | `zero-copy, ${2 | 3 | 4} threads`;

/** ParamSets shared by 2 to 4 threads, each update cut into chunks of 16 elements (so every golden dict is spread). */
const THREADED: Path[] = ['zero-copy, 2 threads', 'zero-copy, 3 threads', 'zero-copy, 4 threads'];
const threadsOf = (path: Path): number => Number(/(\d) threads/.exec(path)?.[1] ?? 1);

/** One golden case, whichever file it comes from. */
interface Case {
  name: string;
  Cls: Ctor | undefined;
  options: Record<string, unknown>;
  checkpoints: Record<string, Record<string, string>>;
  state: Record<string, Record<string, string>>;
  stateNames: string[];
  /** The keys it updates (all of the family's when not given). */
  keys?: string[];
}

/** One golden file: its shapes, steps, NumPy's inputs and its cases, per dtype. */
interface Family {
  name: string;
  shapes: Record<string, number[]>;
  steps: number;
  paths: readonly Path[];
  /** Keys whose params start at 0, not at the stream's p0. */
  zeroStart?: string[];
  dtypes: { dtype: Dtype; decode: (b64: string) => Floats; Array: typeof Float64Array | typeof Float32Array; initial: Record<string, string>; firstGrads: Record<string, string>; cases: Case[] }[];
}

const book = (c: GoldenCase): Case => ({
  name: `${c.optimizer} ${JSON.stringify(c.options)}`,
  Cls: simd[c.optimizer] as unknown as Ctor,
  options: c.options,
  checkpoints: c.checkpoints,
  state: c.state,
  stateNames: Object.keys(c.state),
});

/** What a case of either generated family file holds alike: its class is `simd.torch.<optimizer>` or top-level. */
const byId = (c: TorchGoldenCase | ShapedGoldenCase): Omit<Case, 'stateNames'> => ({
  name: c.id,
  Cls: ((c.family === 'torch' ? simd.torch : simd) as unknown as Record<string, Ctor | undefined>)[c.optimizer],
  options: c.options,
  checkpoints: c.checkpoints,
  state: c.state,
});

const torchCase = (c: TorchGoldenCase): Case => ({ ...byId(c), stateNames: stateNames(c) });

const shapedCase = (c: ShapedGoldenCase): Case => ({
  ...byId(c),
  stateNames: c.optimizer === 'Adafactor' ? ['row', 'col', 'v'] : ['m', 'v'],
  keys: c.keys,
});

const FAMILIES: Family[] = [
  {
    name: "the book's optimizers (seedGolden)",
    shapes: golden.shapes,
    steps: golden.steps,
    paths: ['zero-copy', 'copy', 'js', 'zero-copy, keys reordered every step', ...THREADED],
    dtypes: [
      { dtype: 'f64', decode: f64, Array: Float64Array, initial: golden.initial, firstGrads: golden.firstGrads, cases: golden.cases.map(book) },
      { dtype: 'f32', decode: f32, Array: Float32Array, initial: golden32.initial, firstGrads: golden32.firstGrads, cases: (golden32.cases as GoldenCase[]).map(book) },
    ],
  },
  {
    name: 'PyTorch-form optimizers (torchGolden)',
    shapes: torchGolden.shapes,
    steps: torchGolden.steps,
    paths: ['zero-copy', 'copy', 'js', ...THREADED],
    dtypes: [
      { dtype: 'f64', decode: f64, Array: Float64Array, initial: torchGolden.initial, firstGrads: torchGolden.inputs.grads['1'], cases: torchGolden.cases.map(torchCase) },
      { dtype: 'f32', decode: f32, Array: Float32Array, initial: torchGolden32.initial, firstGrads: torchGolden32.inputs.grads['1'], cases: torchGolden32.cases.map(torchCase) },
    ],
  },
  {
    name: 'shaped optimizers (shapedGolden)',
    shapes: shapedGolden.shapes,
    steps: shapedGolden.steps,
    paths: ['zero-copy', 'copy', 'js', ...THREADED],
    zeroStart: shapedGolden.zeroStart,
    dtypes: [
      { dtype: 'f64', decode: f64, Array: Float64Array, initial: shapedGolden.initial, firstGrads: shapedGolden.inputs.grads['1'], cases: shapedGolden.cases.map(shapedCase) },
      { dtype: 'f32', decode: f32, Array: Float32Array, initial: shapedGolden32.initial, firstGrads: shapedGolden32.inputs.grads['1'], cases: shapedGolden32.cases.map(shapedCase) },
    ],
  },
];

it('every torch golden case has its class, and the float32 file has the same cases and shapes', () => {
  expect(torchGolden.cases.map(torchCase).filter((c) => !c.Cls).map((c) => c.name)).toEqual([]);
  expect(torchGolden32.cases.map((c) => [c.id, c.options])).toEqual(torchGolden.cases.map((c) => [c.id, c.options]));
  expect(torchGolden32.shapes).toEqual(torchGolden.shapes);
  expect(shapedGolden.cases.map(shapedCase).filter((c) => !c.Cls).map((c) => c.name)).toEqual([]);
  expect(shapedGolden32.cases.map((c) => [c.id, c.options, c.keys])).toEqual(shapedGolden.cases.map((c) => [c.id, c.options, c.keys]));
  expect(shapedGolden32.shapes).toEqual(shapedGolden.shapes);
});

// Every update is shared, in chunks of 16 elements, so the golden dicts (about 1,100 elements) spread over every thread.
const tuned = { ...threadTuning };
beforeAll(() => Object.assign(threadTuning, { minChunk: 16, shareAbove: 0, wakeAbove: 0 }));
afterAll(() => Object.assign(threadTuning, tuned));

const reordered = <T>(d: Record<string, T>, order: string[]): Record<string, T> => Object.fromEntries(order.map((k) => [k, d[k]]));

describe.each(FAMILIES)('$name', ({ shapes, steps, paths, dtypes, zeroStart = [] }) => {
  const all = Object.keys(shapes);
  const sizeOf = (key: string) => shapes[key].reduce((a, b) => a * b, 1);
  const consts = all.map((key, k) => keyConstants(k, sizeOf(key)));
  const p0 = (k: number) => (zeroStart.includes(all[k]) ? new Float64Array(consts[k].p0.length) : consts[k].p0);

  describe.each(dtypes)('$dtype', ({ dtype, decode, Array, initial, firstGrads, cases }) => {
    it("the gradient stream gives NumPy's initial params and first gradients", () => {
      const checked = all.filter((key) => key in initial);
      expect(checked.length).toBeGreaterThan(0);
      for (const key of checked) {
        const k = all.indexOf(key);
        const start = Array.from(p0(k));
        expectSameBits(start, decode(initial[key]), `initial ${key}`);
        const g = new Array(start.length);
        fillGrad(g, start, consts[k], k, 1);
        expectSameBits(g, decode(firstGrads[key]), `first grad ${key}`);
      }
    });

    const byWorkers = { chunks: 0 };
    describe.each(cases)('$name', (c) => {
      it.skipIf(!c.Cls).each(paths)('on the %s path', async (path) => {
        const keys = c.keys ?? all;
        const zeroCopy = path.startsWith('zero-copy');
        // Off a ParamSet, a shaped rule learns each key's shape from the `shapes` option.
        const shaped = !zeroCopy && c.keys ? { shapes: Object.fromEntries(keys.map((k) => [k, shapes[k]])) } : {};
        const opt = new c.Cls!({ ...c.options, ...shaped, backend: path === 'js' ? 'js' : 'wasm' });
        // A new dict object over the set's views: the update must find them in the set all the same.
        const set = new ParamSet(Object.fromEntries(keys.map((k) => [k, shapes[k]])), { dtype, stateSlots: 3, threads: threadsOf(path) });
        expect(await set.startThreads()).toBe(threadsOf(path));
        const fresh = (): Record<string, Floats> => Object.fromEntries(keys.map((k) => [k, new Array(sizeOf(k))]));
        const params = zeroCopy ? { ...set.params } : fresh();
        const grads = zeroCopy ? { ...set.grads } : fresh();
        const index = (key: string) => all.indexOf(key);
        keys.forEach((key) => params[key].set(p0(index(key))));
        const backwards = [...keys].reverse();
        for (let t = 1; t <= steps; t++) {
          keys.forEach((key) => fillGrad(grads[key], params[key], consts[index(key)], index(key), t));
          if (path.endsWith('reordered every step') && t % 2 === 0) opt.update(reordered(params, backwards), reordered(grads, backwards));
          else opt.update(params, grads);
          const expected = c.checkpoints[String(t)];
          if (expected) for (const [key, b64] of Object.entries(expected)) expectSameBits(params[key], decode(b64), `step ${t} ${key}`);
        }
        expect(opt.lastPath).toBe(path === 'js' ? 'js' : path.split(',')[0]);
        if (threadsOf(path) > 1) {
          expect(set.threads, 'threads still in use').toBe(threadsOf(path));
          byWorkers.chunks += setMemoryOf(set.flatParams.buffer)!.team!.chunksByWorkers;
        }
        expect(opt.steps).toBe(steps);
        expect(opt.dtype).toBe(dtype);
        expect([...opt.stateNames].sort()).toEqual([...c.stateNames].sort());
        // A shaped rule keeps some buffers only for some keys (Adafactor: row and col, or v): the others are empty.
        for (const name of c.stateNames) {
          for (const key of keys) {
            const want = c.state[name]?.[key];
            if (want === undefined) expect(opt.stateOf(key)![name].length, `state ${name} ${key}`).toBe(0);
            else expectSameBits(opt.stateOf(key)![name], decode(want), `state ${name} ${key}`);
          }
        }
      });
    });

    it.skipIf(!paths.some((p) => threadsOf(p) > 1))('the workers ran chunks of the threaded cases (not only the calling thread)', () => {
      expect(byWorkers.chunks).toBeGreaterThan(0);
    });
  });
});

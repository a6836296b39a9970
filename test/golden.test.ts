// The one golden harness: every optimizer of every family, on every path,
// against NumPy, bit for bit at each checkpoint and in the final state, in
// float64 and in float32 on Float32Arrays.
//   the book's (seedGolden*.json, test/golden/makeGolden.py): the book's own classes run by NumPy;
//   the rest (torchGolden*.json, makeTorchGolden.py): PyTorch's documented algorithms, Lion, and
//   the book's with weightDecay and PyTorch's eps convention.
// Both files share the gradient stream of test/support/gradStream.ts.
import { describe, expect, it } from 'vitest';
import * as simd from '../src/index.js';
import { ParamSet } from '../src/index.js';
import { expectSameBits } from './support/bits.js';
import { f32, f64, golden, golden32, type GoldenCase } from './support/golden.js';
import { fillGrad, keyConstants } from './support/gradStream.js';
import type { AnyOptimizer } from './support/optimizers.js';
import { stateNames, torchGolden, torchGolden32, type TorchGoldenCase } from './support/torchGolden.js';

type Floats = Float64Array | Float32Array;
type Ctor = new (o: Record<string, unknown>) => AnyOptimizer;
type Dtype = 'f64' | 'f32';
type Path = 'zero-copy' | 'copy' | 'js' | 'zero-copy, keys reordered every step';

/** One golden case, whichever file it comes from. */
interface Case {
  name: string;
  Cls: Ctor | undefined;
  options: Record<string, unknown>;
  checkpoints: Record<string, Record<string, string>>;
  state: Record<string, Record<string, string>>;
  stateNames: string[];
}

/** One golden file: its shapes, steps, NumPy's inputs and its cases, per dtype. */
interface Family {
  name: string;
  shapes: Record<string, number[]>;
  steps: number;
  paths: readonly Path[];
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

const torchCase = (c: TorchGoldenCase): Case => ({
  name: c.id,
  Cls: ((c.family === 'torch' ? simd.torch : simd) as unknown as Record<string, Ctor | undefined>)[c.optimizer],
  options: c.options,
  checkpoints: c.checkpoints,
  state: c.state,
  stateNames: stateNames(c),
});

const FAMILIES: Family[] = [
  {
    name: "the book's optimizers (seedGolden)",
    shapes: golden.shapes,
    steps: golden.steps,
    paths: ['zero-copy', 'copy', 'js', 'zero-copy, keys reordered every step'],
    dtypes: [
      { dtype: 'f64', decode: f64, Array: Float64Array, initial: golden.initial, firstGrads: golden.firstGrads, cases: golden.cases.map(book) },
      { dtype: 'f32', decode: f32, Array: Float32Array, initial: golden32.initial, firstGrads: golden32.firstGrads, cases: (golden32.cases as GoldenCase[]).map(book) },
    ],
  },
  {
    name: 'PyTorch-form optimizers (torchGolden)',
    shapes: torchGolden.shapes,
    steps: torchGolden.steps,
    paths: ['zero-copy', 'copy', 'js'],
    dtypes: [
      { dtype: 'f64', decode: f64, Array: Float64Array, initial: torchGolden.initial, firstGrads: torchGolden.inputs.grads['1'], cases: torchGolden.cases.map(torchCase) },
      { dtype: 'f32', decode: f32, Array: Float32Array, initial: torchGolden32.initial, firstGrads: torchGolden32.inputs.grads['1'], cases: torchGolden32.cases.map(torchCase) },
    ],
  },
];

it('every torch golden case has its class, and the float32 file has the same cases and shapes', () => {
  expect(torchGolden.cases.map(torchCase).filter((c) => !c.Cls).map((c) => c.name)).toEqual([]);
  expect(torchGolden32.cases.map((c) => [c.id, c.options])).toEqual(torchGolden.cases.map((c) => [c.id, c.options]));
  expect(torchGolden32.shapes).toEqual(torchGolden.shapes);
});

const reordered = <T>(d: Record<string, T>, order: string[]): Record<string, T> => Object.fromEntries(order.map((k) => [k, d[k]]));

describe.each(FAMILIES)('$name', ({ shapes, steps, paths, dtypes }) => {
  const keys = Object.keys(shapes);
  const sizeOf = (key: string) => shapes[key].reduce((a, b) => a * b, 1);
  const consts = keys.map((key, k) => keyConstants(k, sizeOf(key)));

  describe.each(dtypes)('$dtype', ({ dtype, decode, Array, initial, firstGrads, cases }) => {
    it("the gradient stream gives NumPy's initial params and first gradients", () => {
      keys.forEach((key, k) => {
        const p0 = Array.from(consts[k].p0);
        expectSameBits(p0, decode(initial[key]), `initial ${key}`);
        const g = new Array(p0.length);
        fillGrad(g, p0, consts[k], k, 1);
        expectSameBits(g, decode(firstGrads[key]), `first grad ${key}`);
      });
    });

    describe.each(cases)('$name', (c) => {
      it.skipIf(!c.Cls).each(paths)('on the %s path', (path) => {
        const opt = new c.Cls!({ ...c.options, backend: path === 'js' ? 'js' : 'wasm' });
        // A new dict object over the set's views: the update must find them in the set all the same.
        const set = new ParamSet(shapes, { dtype, stateSlots: 3 });
        const fresh = (): Record<string, Floats> => Object.fromEntries(keys.map((k) => [k, new Array(sizeOf(k))]));
        const zeroCopy = path.startsWith('zero-copy');
        const params = zeroCopy ? { ...set.params } : fresh();
        const grads = zeroCopy ? { ...set.grads } : fresh();
        keys.forEach((key, k) => params[key].set(consts[k].p0));
        const backwards = [...keys].reverse();
        for (let t = 1; t <= steps; t++) {
          keys.forEach((key, k) => fillGrad(grads[key], params[key], consts[k], k, t));
          if (path.endsWith('reordered every step') && t % 2 === 0) opt.update(reordered(params, backwards), reordered(grads, backwards));
          else opt.update(params, grads);
          const expected = c.checkpoints[String(t)];
          if (expected) for (const [key, b64] of Object.entries(expected)) expectSameBits(params[key], decode(b64), `step ${t} ${key}`);
        }
        expect(opt.lastPath).toBe(path === 'js' ? 'js' : path.split(',')[0]);
        expect(opt.steps).toBe(steps);
        expect(opt.dtype).toBe(dtype);
        expect([...opt.stateNames].sort()).toEqual([...c.stateNames].sort());
        for (const name of c.stateNames) {
          for (const key of keys) expectSameBits(opt.stateOf(key)![name], decode(c.state[name][key]), `state ${name} ${key}`);
        }
      });
    });
  });
});

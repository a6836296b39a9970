// The torch.* options beyond what the golden data pins: the state each option
// set keeps (torch.SGD, RMSprop, Adam/AdamW), torch.SGD's first buffer and its
// nesterov rule, Adagrad's starting accumulator in both dtypes and on every
// path, RAdam's host scalars, Lion's sign at 0, NaN and infinite params, and
// Lion's decay chosen per param group.
import { describe, expect, it } from 'vitest';
import { ParamSet, torch } from '../src/index.js';
import { radamRectification } from '../src/optimizers/torch/radam.js';
import { expectSameBits } from './support/bits.js';
import { f64 } from './support/golden.js';
import type { AnyOptimizer } from './support/optimizers.js';
import { torchGolden } from './support/torchGolden.js';

type Ctor = new (o: Record<string, unknown>) => AnyOptimizer & Record<string, unknown>;
const classes = torch as unknown as Record<string, Ctor>;
const PATHS = ['zero-copy', 'copy', 'js'] as const;
type Path = (typeof PATHS)[number];
const ARRAY = { f64: Float64Array, f32: Float32Array } as const;

/** One key `w` holding `p0`, on the given path, and an optimizer for it. */
function setup(name: string, options: Record<string, unknown>, p0: number[], path: Path, dtype: 'f64' | 'f32' = 'f64') {
  const set = new ParamSet({ w: p0.length }, { dtype, stateSlots: 3 });
  const params = path === 'zero-copy' ? set.params : { w: new ARRAY[dtype](p0.length) };
  const grads = path === 'zero-copy' ? set.grads : { w: new ARRAY[dtype](p0.length) };
  params.w.set(p0);
  const opt = new classes[name]({ ...options, backend: path === 'js' ? 'js' : 'wasm' });
  const step = (g: number[]) => {
    grads.w.set(g);
    opt.update(params, grads);
  };
  return { opt, p: params.w, step };
}

describe('torch.RMSprop', () => {
  it.each([
    [{}, ['squareAvg']],
    [{ centered: true }, ['squareAvg', 'gradAvg']],
    [{ momentum: 0.5 }, ['squareAvg', 'momentumBuffer']],
    [{ centered: true, momentum: 0.5 }, ['squareAvg', 'gradAvg', 'momentumBuffer']],
  ])('%j keeps %j', (options, names) => {
    const { opt, step } = setup('RMSprop', options, [1, 2, 3], 'zero-copy');
    step([0.1, -0.2, 0.3]);
    expect(opt.stateNames).toEqual(names);
    expect(Object.keys(opt.stateOf('w')!)).toEqual(names);
  });

  it('fixes centered and momentum when made; alpha and eps stay settable', () => {
    const opt = new classes.RMSprop({ centered: true });
    expect(() => (opt.centered = false)).toThrow(/torch\.RMSprop: centered is fixed when the optimizer is made/);
    expect(() => (opt.momentum = 0.9)).toThrow(/torch\.RMSprop: momentum is fixed/);
    opt.alpha = 0.9;
    expect(opt.alpha).toBe(0.9);
    expect(() => new classes.RMSprop({ alpha: 1 })).toThrow(/torch\.RMSprop: alpha must be a number in \[0, 1\), got 1/);
  });
});

describe('torch.Adagrad', () => {
  it.each(PATHS.flatMap((path) => (['f64', 'f32'] as const).map((dtype) => [path, dtype] as const)))(
    'on the %s path in %s, sum starts at initialAccumulatorValue (rounded to the dtype), also after reset()',
    (path, dtype) => {
      const { opt, step } = setup('Adagrad', { initialAccumulatorValue: 0.1 }, [1, 2, 3, 4, 5], path, dtype);
      const start = new ARRAY[dtype](5).fill(0.1);
      for (let round = 0; round < 2; round++) {
        step([0, 0, 0, 0, 0]);
        expectSameBits(opt.stateOf('w')!.sum, start, `round ${round}`);
        step([1, 1, 1, 1, 1]);
        opt.reset();
      }
    },
  );

  it('fixes initialAccumulatorValue when made, and takes no schedule for lrDecay', () => {
    const opt = new classes.Adagrad({ initialAccumulatorValue: 0.5 });
    expect(() => (opt.initialAccumulatorValue = 0)).toThrow(/torch\.Adagrad: initialAccumulatorValue is fixed/);
    expect(() => new classes.Adagrad({ lrDecay: () => 0.1 })).toThrow(/torch\.Adagrad: lrDecay must be/);
    expect(() => new classes.Adagrad({ initialAccumulatorValue: -1 })).toThrow(/must be a finite number ≥ 0, got -1/);
  });
});

describe('torch.RAdam host scalars', () => {
  it.each(torchGolden.radam)('beta2 $beta2: rho_t and r_t as the golden script computes them', ({ beta2, rhoT, r, firstRectified }) => {
    const rho = f64(rhoT);
    const rect = f64(r);
    rho.forEach((want, i) => {
      const got = radamRectification(beta2, i + 1);
      expect(got.rhoT, `rho_${i + 1}`).toBe(want);
      expect(got.r ?? 0, `r_${i + 1}`).toBe(rect[i]);
      expect(got.r === null, `rectified at ${i + 1}`).toBe(i + 1 < firstRectified);
    });
  });
});

describe('torch.Lion', () => {
  it.each(PATHS)('on the %s path: sign(±0) is 0, a NaN direction gives NaN, an infinite param stays infinite without decay', (path) => {
    const { opt, p, step } = setup('Lion', {}, [-0, 0, 1, Infinity, -Infinity, 2], path);
    step([-0, 0, NaN, 1, -1, 0]);
    expectSameBits(p, new Float64Array([-0, 0, NaN, Infinity, -Infinity, 2]), 'params');
    const m = opt.stateOf('w')!.expAvg;
    expectSameBits(m.subarray(0, 2), new Float64Array([0, 0]), 'expAvg at the zeros');
    expect(Number.isNaN(m[2])).toBe(true);
  });

  it.each(PATHS)('on the %s path: the step is lr·sign and decay adds wd·p before the step', (path) => {
    const lr = 0.5;
    const wd = 0.25;
    const { p, step } = setup('Lion', { lr, weightDecay: wd }, [4, -4, 8], path);
    step([3, -1e-300, 0]);
    expectSameBits(p, new Float64Array([4 - lr * (1 + wd * 4), -4 - lr * (-1 + wd * -4), 8 - lr * (0 + wd * 8)]), 'params');
  });

  it('runs the decay per param group: a group with weightDecay 0 matches a Lion without decay', () => {
    const sizes = { a: 5, b: 3 };
    const grouped = new classes.Lion({ weightDecay: 0.1, groups: [{ keys: ['b'], weightDecay: 0 }] });
    const [withDecay, without] = [new classes.Lion({ weightDecay: 0.1 }), new classes.Lion({})];
    const set = new ParamSet(sizes);
    const solo = { a: new Float64Array(5), b: new Float64Array(3) };
    const soloGrads = { a: new Float64Array(5), b: new Float64Array(3) };
    for (const k of ['a', 'b'] as const) {
      set.params[k].forEach((_, i) => (set.params[k][i] = solo[k][i] = Math.sin(i + 1)));
    }
    for (let t = 1; t <= 5; t++) {
      for (const k of ['a', 'b'] as const) {
        set.grads[k].forEach((_, i) => (set.grads[k][i] = soloGrads[k][i] = Math.cos(t + i)));
      }
      grouped.update(set.params, set.grads);
      withDecay.update({ a: solo.a }, { a: soloGrads.a });
      without.update({ b: solo.b }, { b: soloGrads.b });
    }
    expectSameBits(set.params.a, solo.a, 'a');
    expectSameBits(set.params.b, solo.b, 'b');
  });
});

describe('torch.SGD options', () => {
  it('keeps no state without momentum, a momentumBuffer with it', () => {
    expect(new torch.SGD().stateNames).toEqual([]);
    expect(new torch.SGD({ momentum: 0.9 }).stateNames).toEqual(['momentumBuffer']);
  });

  it('starts the buffer at the first gradient (bit for bit, -0 included) on every path', () => {
    for (const backend of ['wasm', 'js'] as const) {
      const opt = new torch.SGD({ momentum: 0.9, dampening: 0.5, backend });
      const g = new Float64Array([-0, 1e-300, -3.5, 7, 0.1]);
      opt.update({ w: new Float64Array(5).fill(1) }, { w: g });
      expectSameBits(opt.stateOf('w')!.momentumBuffer, g, `${backend} buffer`);
    }
  });

  it('refuses nesterov without momentum or with dampening, as PyTorch does, and changes nothing', () => {
    expect(() => new torch.SGD({ nesterov: true })).toThrow(/nesterov needs momentum > 0 and dampening 0/);
    expect(() => new torch.SGD({ nesterov: true, momentum: 0.9, dampening: 0.1 })).toThrow(/nesterov/);
    const opt = new torch.SGD({ nesterov: true, momentum: 0.9 });
    const p = new Float64Array([1, 2]);
    opt.dampening = 0.5;
    expect(() => opt.update({ w: p }, { w: new Float64Array([1, 1]) })).toThrow(/nesterov/);
    expect([...p]).toEqual([1, 2]);
    expect(opt.steps).toBe(0);
  });

  it('fixes momentum, and Adam/AdamW fix amsgrad, when made', () => {
    expect(() => ((new torch.SGD() as unknown as { momentum: number }).momentum = 0.9)).toThrow(/fixed/);
    expect(new torch.AdamW({ amsgrad: true }).stateNames).toEqual(['expAvg', 'expAvgSq', 'maxExpAvgSq']);
    expect(() => ((new torch.Adam() as unknown as { amsgrad: boolean }).amsgrad = true)).toThrow(/fixed/);
  });
});

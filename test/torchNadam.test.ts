// torch.NAdam beyond the golden harness: its correctly rounded power, its
// running product of mu, and that a snapshot restores it.
import { describe, expect, it } from 'vitest';
import { ParamSet, torch } from '../src/index.js';
import { powReal, scaledPowBig } from '../src/realPow.js';
import { RECOMPUTE_LIMIT, nadamMu, recomputeMuProduct } from '../src/optimizers/torch/nadam.js';
import { expectSameBits } from './support/bits.js';
import { f64 } from './support/golden.js';
import { fillGrad, keyConstants } from './support/gradStream.js';
import { caseById, torchGolden as golden } from './support/torchGolden.js';

describe('powReal, for NAdam’s 0.96^(t·ψ)', () => {
  it.each(golden.nadam)('matches NumPy’s table and mu for β1 $beta1, ψ $momentumDecay, t = 1..301', ({ beta1, momentumDecay, pow, mu }) => {
    const ts = Array.from({ length: golden.steps + 1 }, (_, i) => i + 1);
    expectSameBits(Float64Array.from(ts, (t) => powReal(0.96, t * momentumDecay)), f64(pow), 'pow');
    expectSameBits(Float64Array.from(ts, (t) => nadamMu(beta1, momentumDecay, t)), f64(mu), 'mu');
  });

  it('agrees with the 300-bit BigInt evaluation over many steps and decays, where Math.pow often does not', () => {
    let mathPowOff = 0;
    for (let i = 0; i < 1500; i++) {
      const psi = [4e-3, 8e-3, 1e-3, 0.0123][i % 4];
      const t = 1 + ((i * 7919) % 200000);
      const y = t * psi;
      const k = Math.round((y * Math.log(0.96)) / Math.LN2);
      const exact = scaledPowBig(0.96, y, k) * 2 ** k;
      expect(powReal(0.96, y), `t ${t}, ψ ${psi}`).toBe(exact);
      if (Math.pow(0.96, y) !== exact) mathPowOff++;
    }
    expect(mathPowOff).toBeGreaterThan(0); // why it exists
  });

  it('handles the edges: y = 0, x = 1, general x and negative y', () => {
    expect(powReal(0.96, 0)).toBe(1);
    expect(powReal(1, 123.4)).toBe(1);
    for (const [x, y] of [[2.5, -3.7], [0.01, 40.25], [1e5, 0.3], [3, 0.5]]) {
      const k = Math.round(y * Math.log2(x));
      expect(powReal(x, y), `${x}^${y}`).toBe(scaledPowBig(x, y, k) * 2 ** k);
    }
  });
});

describe('NAdam’s running product of mu', () => {
  it.each(['torch/NAdam/defaults', 'torch/NAdam/wd+momentumDecay'])('is carried to NumPy’s muProduct, bit for bit, and saved by state() (%s)', (id) => {
    const c = caseById(id);
    const params = Object.fromEntries(keys.map((k, i) => [k, consts[i].p0.slice()]));
    const grads = Object.fromEntries(keys.map((k) => [k, new Float64Array(sizeOf(k))]));
    const opt = new torch.NAdam(c.options);
    steps(opt, params, grads, 1, golden.steps);
    expect(opt.state().scalars).toEqual({ muProduct: c.scalarState!.muProduct });
  });

  it('recomputed for an old snapshot: the product in PyTorch’s order, stopping only where 1 − Π is exactly 1', () => {
    let p = 1;
    for (let t = 1; t <= 1000; t++) {
      p *= nadamMu(0.9, 4e-3, t);
      const again = recomputeMuProduct(0.9, 4e-3, t)!;
      if (p > 2 ** -54) expect(again, `t ${t}`).toBe(p);
      else {
        expect(again).toBeLessThanOrEqual(2 ** -54);
        expect([1 - again, 1 - again * nadamMu(0.9, 4e-3, t + 1)]).toEqual([1, 1]);
      }
    }
    expect(recomputeMuProduct(0.999999999, 1, RECOMPUTE_LIMIT)).not.toBeNull();
    expect(recomputeMuProduct(0.999999999, 1, RECOMPUTE_LIMIT + 1)).toBeNull();
  });
});

// Runs a golden case's gradient stream from step `from` to `to` on `opt` (params from `params`).
const keys = Object.keys(golden.shapes);
const sizeOf = (key: string) => golden.shapes[key].reduce((a, b) => a * b, 1);
const consts = keys.map((key, k) => keyConstants(k, sizeOf(key)));
type Opt = InstanceType<(typeof torch)['NAdam']>;
function steps(opt: Opt, params: Record<string, Float64Array>, grads: Record<string, Float64Array>, from: number, to: number) {
  for (let t = from; t <= to; t++) {
    keys.forEach((key, k) => fillGrad(grads[key], params[key], consts[k], k, t));
    opt.update(params, grads);
  }
}

describe('NAdam state snapshots', () => {
  it.each([
    ['zero-copy', 'js', 'with'],
    ['js', 'copy', 'with'],
    ['copy', 'zero-copy', 'without'],
  ] as const)('stopped halfway on the %s path, restored on the %s path %s muProduct, finishes on NumPy’s bits', (before, after, product) => {
    const c = caseById('torch/NAdam/wd+momentumDecay');
    const arrays = (path: string) => {
      const set = new ParamSet(golden.shapes, { stateSlots: 3 });
      const fresh = () => Object.fromEntries(keys.map((k) => [k, new Float64Array(sizeOf(k))]));
      return path === 'zero-copy' ? { params: set.params, grads: set.grads } : { params: fresh(), grads: fresh() };
    };
    const backend = (path: string) => (path === 'js' ? 'js' : 'wasm');
    const a = arrays(before);
    keys.forEach((key, k) => a.params[key].set(consts[k].p0));
    const first = new torch.NAdam({ ...c.options, backend: backend(before) });
    steps(first, a.params, a.grads, 1, 150);
    const snapshot = structuredClone(first.state());
    if (product === 'without') delete snapshot.scalars; // as made before state() saved it: recomputed
    const b = arrays(after);
    keys.forEach((key) => b.params[key].set(a.params[key]));
    const second = new torch.NAdam({ ...c.options, backend: backend(after) });
    second.loadState(snapshot);
    steps(second, b.params, b.grads, 151, golden.steps);
    expect(second.lastPath).toBe(after);
    for (const [key, p] of Object.entries(c.checkpoints[String(golden.steps)])) expectSameBits(b.params[key], f64(p), `step 300 ${key}`);
  });

  it('a snapshot at step 1e9 with β1 near 1 loads and updates at once, on every backend alike', () => {
    const beta1 = 0.999999999; // Π_t stays above 2^-54 for some 3.7e10 steps
    const results = (['wasm', 'js'] as const).map((backend) => {
      const opt = new torch.NAdam({ beta1, momentumDecay: 1, backend });
      const p = { w: new Float64Array([1, 2, 3]) };
      const g = { w: new Float64Array([0.5, -1, 2]) };
      opt.update(p, g);
      const snap = { ...opt.state(), step: 1e9, scalars: { muProduct: 0.25 } };
      const start = performance.now();
      opt.loadState(snap);
      opt.update(p, g);
      expect(performance.now() - start, backend).toBeLessThan(2000);
      expect(opt.steps).toBe(1e9 + 1);
      expect(opt.state().scalars!.muProduct).toBe(0.25 * nadamMu(beta1, 1, 1e9 + 1));
      return p.w;
    });
    expectSameBits(results[0], results[1], 'wasm vs js');
  });

  it('without muProduct (an old snapshot), a step too far to recompute is a clear error that changes nothing', () => {
    const opt = new torch.NAdam({ beta1: 0.999999999, momentumDecay: 1 });
    opt.update({ w: new Float64Array([1, 2]) }, { w: new Float64Array([0.5, -1]) });
    const { scalars: _, ...old } = { ...opt.state(), step: 1e9 };
    expect(() => opt.loadState(old)).toThrow(/torch\.NAdam\.loadState: the snapshot has no scalars\.muProduct .* recomputing it for step 1000000000 would take too long/);
    expect(opt.steps).toBe(1);
  });

  it.each([2, -0.5, NaN, '0.5'])('refuses a muProduct of %s', (muProduct) => {
    const opt = new torch.NAdam();
    opt.update({ w: new Float64Array([1, 2]) }, { w: new Float64Array([0.5, -1]) });
    expect(() => opt.loadState({ ...opt.state(), scalars: { muProduct } as never })).toThrow(/scalars\.muProduct must be a number in \[0, 1\]/);
  });

  it('refuses a snapshot made with another beta1 or momentumDecay, which decide the product', () => {
    const opt = new torch.NAdam();
    opt.update({ w: new Float64Array([1, 2]) }, { w: new Float64Array([0.5, -1]) });
    const snapshot = opt.state();
    expect(() => new torch.NAdam({ beta1: 0.8 }).loadState(snapshot)).toThrow(/beta1/);
    expect(() => new torch.NAdam({ momentumDecay: 0.01 }).loadState(snapshot)).toThrow(/momentumDecay/);
    expect(() => ((opt as unknown as { beta1: number }).beta1 = 0.8)).toThrow(/fixed/);
  });
});

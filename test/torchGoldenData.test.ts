// The golden data (test/golden/torchGolden.json) against the JS side, before
// any kernel uses it: the JS gradient stream reproduces NumPy's inputs, option
// names are the API's, the host scalars agree with JS arithmetic and powInt,
// and the first step of the simplest rules, recomputed here from the documented
// formulas, matches. (How the file is encoded is pinned by its generator and
// CI's regeneration, not tested here.)
import { describe, expect, it } from 'vitest';
import { powInt } from '../src/exactPow.js';
import { expectSameBits } from './support/bits.js';
import { f64 } from './support/golden.js';
import { fillGrad, keyConstants } from './support/gradStream.js';
import {
  caseById, SEED_OPTIONS, TORCH_DEFAULTS, torchGolden as golden,
  type SeedName, type TorchGoldenCase, type TorchName,
} from './support/torchGolden.js';

const keys = Object.keys(golden.shapes);
const sizeOf = (key: string) => golden.shapes[key].reduce((a, b) => a * b, 1);
const consts = keys.map((key, k) => keyConstants(k, sizeOf(key)));
const decode = (d: Record<string, string>) => Object.fromEntries(Object.entries(d).map(([k, v]) => [k, f64(v)]));
const last = String(golden.steps);

describe('the gradient stream', () => {
  it('reproduces the initial params NumPy started from', () => {
    keys.forEach((key, k) => expectSameBits(consts[k].p0, f64(golden.initial[key]), `initial ${key}`));
  });

  it(`reproduces the gradients stored for ${golden.inputs.case}, from the params before each step`, () => {
    const c = caseById(golden.inputs.case);
    const before: Record<string, Record<string, string>> = { '1': golden.initial };
    for (const t of golden.checkpoints) before[String(t + 1)] = c.checkpoints[String(t)];
    let compared = 0;
    for (const [step, byKey] of Object.entries(golden.inputs.grads)) {
      keys.forEach((key, k) => {
        const p = before[step]?.[key];
        if (!p) return; // the long key is not stored between the first and the last step
        const g = new Float64Array(sizeOf(key));
        fillGrad(g, f64(p), consts[k], k, Number(step));
        expectSameBits(g, f64(byKey[key]), `grad at step ${step}, ${key}`);
        compared++;
      });
    }
    expect(compared).toBeGreaterThanOrEqual(2 * keys.length + keys.length - 1);
  });
});

describe.each(golden.cases)('$id', (c: TorchGoldenCase) => {
  it('names every hyperparameter as the JS API does, defaults where it says so', () => {
    const names = c.family === 'torch' ? Object.keys(TORCH_DEFAULTS[c.optimizer as TorchName]) : SEED_OPTIONS[c.optimizer as SeedName];
    expect(Object.keys(c.options).sort()).toEqual([...names].sort());
    if (c.defaults) expect(c.options).toEqual(TORCH_DEFAULTS[c.optimizer as TorchName]);
    expect(c.id.startsWith(`${c.family}/${c.optimizer}/`)).toBe(true);
  });
});

describe('the cases differ where their options do', () => {
  const finalOf = (c: TorchGoldenCase) => c.checkpoints[last].b;

  it('no two cases end with the same params', () => {
    const seen = new Map<string, string>();
    for (const c of golden.cases) {
      expect(seen.get(finalOf(c)), `${c.id} equals ${seen.get(finalOf(c))}`).toBeUndefined();
      seen.set(finalOf(c), c.id);
    }
  });

  it('each torch algorithm has exactly one defaults case, and a case with other options', () => {
    for (const name of Object.keys(TORCH_DEFAULTS)) {
      const mine = golden.cases.filter((c) => c.family === 'torch' && c.optimizer === name);
      expect(mine.filter((c) => c.defaults), name).toHaveLength(1);
      expect(mine.length, name).toBeGreaterThan(1);
    }
  });
});

describe('host scalars', () => {
  it.each(golden.nadam)('NAdam beta1 $beta1, momentumDecay $momentumDecay: mu_t from the stored 0.96^(t·psi), which is within an ulp of Math.pow', ({ beta1, momentumDecay, pow, mu }) => {
    const p = f64(pow);
    const m = f64(mu);
    expect(p.length).toBe(golden.steps + 1);
    p.forEach((x, i) => {
      const t = i + 1;
      const approx = Math.pow(0.96, t * momentumDecay);
      expect(Math.abs(x - approx), `t=${t}`).toBeLessThanOrEqual(Number.EPSILON * approx);
      expect(beta1 * (1 - 0.5 * x), `mu_${t}`).toBe(m[i]);
    });
  });

  it.each(golden.radam)('RAdam beta2 $beta2: rho_t and r_t from powInt in the documented order', ({ beta2, rhoInf, rhoT, r, firstRectified }) => {
    expect(2 / (1 - beta2) - 1).toBe(rhoInf);
    const rho = f64(rhoT);
    const rect = f64(r);
    rho.forEach((want, i) => {
      const t = i + 1;
      const b2t = powInt(beta2, t);
      const rhoGot = rhoInf - ((2 * t) * b2t) / (1 - b2t);
      expect(rhoGot, `rho_${t}`).toBe(want);
      const rGot = rhoGot > 5 ? Math.sqrt(((rhoGot - 4) * (rhoGot - 2) * rhoInf) / ((rhoInf - 4) * (rhoInf - 2) * rhoGot)) : 0;
      expect(rGot, `r_${t}`).toBe(rect[i]);
    });
    expect(rho.findIndex((x) => x > 5) + 1).toBe(firstRectified);
  });
});

// Step 1 recomputed from the documented formulas (m and v start at 0, so beta*0 + x = x exactly).
describe('step 1, recomputed in JS from the documented formulas', () => {
  const g1 = decode(golden.inputs.grads['1']);
  const p0 = decode(golden.initial);
  const check = (id: string, rule: (p: number, g: number, o: Record<string, number>) => number) => {
    const c = caseById(id);
    const o = c.options as Record<string, number>;
    const got = decode(c.checkpoints['1']);
    for (const key of keys) {
      const want = p0[key].map((p, i) => rule(p, g1[key][i], o));
      expectSameBits(got[key], want, `${id} step 1 ${key}`);
    }
  };

  it('torch SGD: p - lr·g', () => check('torch/SGD/defaults', (p, g, o) => p - o.lr * g));
  it('seed SGD with weightDecay: p - lr·(g + wd·p)', () => check('seed/SGD/wd', (p, g, o) => p - o.lr * (g + o.weightDecay * p)));
  it('torch Adam: p - lr·m̂/(√v̂ + eps)', () =>
    check('torch/Adam/defaults', (p, g, o) => {
      const mHat = ((1 - o.beta1) * g) / (1 - o.beta1);
      const vHat = ((1 - o.beta2) * (g * g)) / (1 - o.beta2);
      return p - (o.lr * mHat) / (Math.sqrt(vHat) + o.eps);
    }));
  it('torch RAdam, unrectified: p - lr·m̂', () => check('torch/RAdam/defaults', (p, g, o) => p - o.lr * (((1 - o.beta1) * g) / (1 - o.beta1))));
  it('Lion: p - lr·sign((1-beta1)·g)', () => check('torch/Lion/defaults', (p, g, o) => p - o.lr * Math.sign((1 - o.beta1) * g)));
});

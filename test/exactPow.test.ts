// β^t for Adam's bias correction. The seed's Python computes `beta ** t` with
// glibc's pow, which is within about half an ulp but not always correctly
// rounded; Math.pow is off far more often. powInt is correctly rounded, so it
// equals glibc wherever glibc is, and lr_t equals the seed's at every step
// where both powers are.
import { describe, expect, it } from 'vitest';
import { powDD, powInt } from '../src/exactPow.js';
import { adamRule } from '../src/optimizers/adam.js';
import { f64, golden } from './support/golden.js';

const { bases, exponents } = golden.pow;
const cPow = golden.pow.values.map(f64);
const exact = golden.pow.exact.map(f64);
const NORMAL = 1e-290; // below this powInt's split loses bits (and 1 - β^t is 1 anyway)

describe('powInt', () => {
  it.each(bases.map((b, i) => [b, i] as const))('is correctly rounded for base %d', (base, i) => {
    exponents.forEach((t, j) => {
      const got = powInt(base, t);
      if (exact[i][j] > NORMAL) expect(got, `${base}^${t}`).toBe(exact[i][j]);
      expect(1 - got, `1 - ${base}^${t}`).toBe(1 - exact[i][j]);
    });
  });

  it('equals Python (C pow) wherever C pow is correctly rounded, and almost everywhere', () => {
    let glibcOff = 0;
    let mathPowOff = 0;
    let total = 0;
    bases.forEach((base, i) =>
      exponents.forEach((t, j) => {
        if (exact[i][j] <= NORMAL) return;
        total++;
        if (cPow[i][j] !== exact[i][j]) glibcOff++;
        else expect(powInt(base, t), `${base}^${t}`).toBe(cPow[i][j]);
        if (Math.pow(base, t) !== cPow[i][j]) mathPowOff++;
      }),
    );
    expect(glibcOff / total).toBeLessThan(0.002);
    expect(mathPowOff / total).toBeGreaterThan(0.05); // why powInt exists
  });
});

describe("Adam's lr_t equals the seed's", () => {
  it.each(golden.lrT)('lr $lr, beta1 $beta1, beta2 $beta2, steps 1..3000', ({ lr, beta1, beta2, values }) => {
    const expected = f64(values);
    const glibcExact = (b: number, t: number) => {
      const i = bases.indexOf(b);
      return i < 0 || cPow[i][exponents.indexOf(t)] === exact[i][exponents.indexOf(t)];
    };
    let compared = 0;
    expected.forEach((want, k) => {
      const t = k + 1;
      if (!glibcExact(beta1, t) || !glibcExact(beta2, t)) return;
      compared++;
      expect(adamRule.constants({ lr, beta1, beta2, eps: 1e-7, epsConvention: 'book' }, t, 0).lrT, `t=${t}`).toBe(want);
    });
    expect(compared).toBeGreaterThan(2990);
  });
});

describe('the running power (one multiplication per step) gives what squaring afresh gives', () => {
  it.each([0.9, 0.999, 0.9999, 0.99, 0.123456789])('β = %d, t = 1 … 200000 in order', (b) => {
    let mismatches = 0;
    for (let t = 1; t <= 200_000; t++) if (powInt(b, t) !== powDD(b, t)) mismatches++;
    expect(mismatches).toBe(0);
  });
});

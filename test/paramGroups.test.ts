// Param groups: per-key options equal separate optimizers over the keys of
// each group, bit for bit; bad groups are errors naming the group and option.
import { describe, expect, it } from 'vitest';
import { Adam, ParamSet, stepDecay } from '../src/index.js';
import { expectSameBits } from './support/bits.js';

const SIZES = { W1: 30, b1: 5, W2: 12, b2: 3 };
function fill(set: ParamSet, t: number) {
  set.flatGrads.forEach((_, i) => (set.flatGrads[i] = Math.cos(i * 0.3 + t)));
}

describe('param groups', () => {
  it('no weight decay on biases and another lr for W2 equal three optimizers over the three parts', () => {
    const whole = new ParamSet(SIZES);
    whole.flatParams.forEach((_, i) => (whole.flatParams[i] = Math.sin(i)));
    const grouped = new Adam({
      lr: 0.01,
      weightDecay: 0.1,
      groups: [{ keys: /^b/, weightDecay: 0 }, { keys: ['W2'], lr: stepDecay({ lr: 0.02, stepSize: 2 }) }],
    });
    const parts = {
      biases: { keys: ['b1', 'b2'], opt: new Adam({ lr: 0.01 }) },
      w2: { keys: ['W2'], opt: new Adam({ lr: stepDecay({ lr: 0.02, stepSize: 2 }), weightDecay: 0.1 }) },
      rest: { keys: ['W1'], opt: new Adam({ lr: 0.01, weightDecay: 0.1 }) },
    };
    const split = new ParamSet(SIZES, { stateSlots: 6 });
    split.flatParams.set(whole.flatParams);
    const pick = (d: Readonly<Record<string, Float64Array>>, keys: string[]) => Object.fromEntries(keys.map((k) => [k, d[k]]));
    for (let t = 1; t <= 5; t++) {
      fill(whole, t);
      fill(split, t);
      grouped.update(whole.params, whole.grads);
      for (const { keys, opt } of Object.values(parts)) opt.update(pick(split.params, keys), pick(split.grads, keys));
    }
    expect(grouped.lastPath).toBe('zero-copy');
    for (const k of Object.keys(SIZES)) expectSameBits(whole.params[k], split.params[k], k);
  });

  it.each([
    ['groups not an array', { groups: {} }, /Adam: groups must be an array/],
    ['bad keys', { groups: [{ keys: 3 }] }, /Adam: groups\[0\].keys must be an array of key names, a RegExp or a function/],
    ['an unknown option', { groups: [{ keys: ['b'], learningRate: 1 }] }, /Adam: groups\[0\]: unknown option 'learningRate'/],
    ['a bad value', { groups: [{ keys: ['b'] }, { keys: ['W'], beta2: 1 }] }, /Adam: groups\[1\]: beta2 must be a number in \[0, 1\), got 1/],
    ['clipNorm per group', { groups: [{ keys: ['b'], clipNorm: 1 }] }, /clipNorm is over the whole update/],
  ])('%s', (_what, options, message) => {
    expect(() => new Adam(options as never)).toThrow(message);
  });
});

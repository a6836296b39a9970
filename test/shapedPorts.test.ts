// The bench's plain-JS baselines of torch.Adafactor and LAMB (bench/torchPort.mjs)
// must do the work the package does, or their rows compare unlike things. They
// are held to NumPy's golden data (test/golden/makeShapedGolden.py) in float64
// after 1 and after 100 steps. A port sums plainly, not in the package's fixed
// chunked order, so it is held to a relative error, not to the bit: relative to
// the key's largest value, since an element that a step carries across zero
// (0.88 → −0.0009 at lr 0.3) keeps the absolute error of its operands, not a
// relative one (elementwise, a correct port is off by up to 4e-12 there;
// key-wise, by at most 2e-15).
import { describe, expect, it } from 'vitest';
import { f64 } from './support/golden.js';
import { fillGrad, keyConstants } from './support/gradStream.js';
import { shapedGolden } from './support/shapedGolden.js';
// @ts-expect-error: plain .mjs bench module without types
import * as port from '../bench/torchPort.mjs';
// @ts-expect-error: plain .mjs bench module without types
import { optimizerById } from '../bench/suite/optimizers.mjs';
// @ts-expect-error: plain .mjs bench module without types
import { makeData } from '../bench/suite/data.mjs';
// @ts-expect-error: plain .mjs bench module without types
import { sizeById, sizeFor } from '../bench/suite/sizes.mjs';

const TOLERANCE = 1e-12;
const { shapes } = shapedGolden;
const keyIndex = (key: string): number => Object.keys(shapes).indexOf(key);
const sizeOf = (key: string): number => shapes[key].reduce((a, b) => a * b, 1);

/** max |actual − expected| / max |expected| over the key. */
function keyRelativeError(actual: Float64Array, expected: Float64Array): number {
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < expected.length; i++) {
    diff = Math.max(diff, Math.abs(actual[i] - expected[i]));
    scale = Math.max(scale, Math.abs(expected[i]));
  }
  return diff / scale;
}

describe('the plain-JS ports of torch.Adafactor and LAMB (the bench baseline)', () => {
  for (const c of shapedGolden.cases) {
    it(`follow NumPy's ${c.id} at steps 1 and 100 to ${TOLERANCE} (f64)`, () => {
      const consts = Object.fromEntries(c.keys.map((key) => [key, keyConstants(keyIndex(key), sizeOf(key))]));
      const params = Object.fromEntries(c.keys.map((key) => [key, shapedGolden.zeroStart.includes(key) ? new Float64Array(sizeOf(key)) : consts[key].p0.slice()]));
      const grads = Object.fromEntries(c.keys.map((key) => [key, new Float64Array(sizeOf(key))]));
      const opt = c.optimizer === 'Adafactor' ? new port.Adafactor({ ...c.options, shapes }) : new port.LAMB(c.options);
      let compared = 0;
      for (let t = 1; t <= shapedGolden.steps; t++) {
        for (const key of c.keys) fillGrad(grads[key], params[key], consts[key], keyIndex(key), t);
        opt.update(params, grads);
        if (t !== 1 && t !== shapedGolden.steps) continue;
        for (const [key, b64] of Object.entries(c.checkpoints[String(t)])) {
          const error = keyRelativeError(params[key], f64(b64));
          expect(error, `step ${t} ${key}: relative error`).toBeLessThanOrEqual(TOLERANCE);
          compared++;
        }
      }
      // Every key with a checkpoint was compared: the 2-D, 3-D, vector and one-element keys at both steps.
      expect(compared).toBe(Object.keys(c.checkpoints['1']).length + Object.keys(c.checkpoints[String(shapedGolden.steps)]).length);
    });
  }
});

describe('the torch.Adafactor bench row', () => {
  it('runs its port on the case as matrices: factors of R + C numbers, a full second moment only for 1-D keys', () => {
    const row = optimizerById('torch-adafactor');
    const factorLengths = (sizeId: string): Record<string, number[]> => {
      const size = sizeFor(row, sizeById(sizeId));
      const { params, grads } = makeData(size.shapes);
      const opt = row.port(port, size);
      opt.update(params, grads);
      return Object.fromEntries(Object.entries(opt.state as Record<string, Record<string, Float64Array>>).map(([key, s]) => [key, Object.values(s).map((a) => a.length)]));
    };
    expect(factorLengths('128K')).toEqual({ w: [512, 256] });
    const mnist = factorLengths('MNIST');
    expect(mnist.W1).toEqual([784, 100]);
    expect(mnist.b1).toEqual([100]);
  });
});

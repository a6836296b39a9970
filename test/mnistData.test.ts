// The MNIST example's loader, on the real digits the `mnist` package ships.
import { createRequire } from 'node:module';
import { beforeAll, describe, expect, it } from 'vitest';
import { PIXELS, loadMnist, type Digits, type MnistSplit } from '../examples/mnist/data.js';

interface PackageDigit {
  length: number;
  get(which: number): number[];
}
const mnist = createRequire(import.meta.url)('mnist') as PackageDigit[];

let split: MnistSplit;
beforeAll(() => {
  split = loadMnist({ seed: 1 });
});

/** Element-wise equality; vitest's toEqual is far too slow on millions of pixels. */
function identical(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}

const rowKey = (d: Digits, r: number) => d.images.subarray(r * PIXELS, (r + 1) * PIXELS).join(',');

describe('loadMnist on the package data', () => {
  it('splits all 10,000 digits: 8000 to train, 2000 held out, shapes consistent', () => {
    const total = mnist.reduce((s, d) => s + d.length, 0);
    expect(total).toBe(10000);
    const { train, test } = split;
    expect([train.count, test.count]).toEqual([8000, 2000]);
    for (const d of [train, test]) {
      expect(d.images).toBeInstanceOf(Float64Array);
      expect(d.images.length).toBe(d.count * PIXELS);
      expect(d.labels.length).toBe(d.count);
      expect(d.sourceIndex.length).toBe(d.count);
    }
  });

  it('pixels lie in [0, 1], with blank background and full ink', () => {
    for (const d of [split.train, split.test]) {
      let min = Infinity, max = -Infinity, zeros = 0;
      for (const v of d.images) {
        if (v < min) min = v;
        if (v > max) max = v;
        if (v === 0) zeros++;
      }
      expect(min).toBe(0);
      expect(max).toBe(1);
      // MNIST digits are mostly background.
      expect(zeros / d.images.length).toBeGreaterThan(0.5);
      expect(zeros / d.images.length).toBeLessThan(0.95);
    }
  });

  it('labels are 0-9, every class in both sets, in about the package\'s proportions', () => {
    for (const d of [split.train, split.test]) {
      const counts = new Array(10).fill(0);
      for (const l of d.labels) counts[l]++;
      expect(counts.reduce((a, b) => a + b, 0)).toBe(d.count);
      counts.forEach((c, digit) => {
        const share = mnist[digit].length / 10000;
        expect(Math.abs(c / d.count - share), `class ${digit}`).toBeLessThan(0.03);
      });
    }
  });

  it('each image is the package\'s image of its label', () => {
    const first = [0];
    for (let d = 0; d < 9; d++) first.push(first[d] + mnist[d].length);
    for (const d of [split.train, split.test]) {
      for (let r = 0; r < d.count; r += 97) {
        const label = d.labels[r];
        const within = d.sourceIndex[r] - first[label];
        expect(within).toBeGreaterThanOrEqual(0);
        expect(within).toBeLessThan(mnist[label].length);
        expect(Array.from(d.images.subarray(r * PIXELS, (r + 1) * PIXELS))).toEqual(mnist[label].get(within));
      }
    }
  });

  it('train and test are disjoint, by source index and by content, and cover every digit', () => {
    const trainIdx = new Set(split.train.sourceIndex);
    const testIdx = new Set(split.test.sourceIndex);
    expect(trainIdx.size).toBe(8000);
    expect(testIdx.size).toBe(2000);
    for (const i of testIdx) expect(trainIdx.has(i)).toBe(false);
    expect([...trainIdx, ...testIdx].every((i) => i < 10000)).toBe(true);
    const trainRows = new Set(Array.from({ length: split.train.count }, (_, r) => rowKey(split.train, r)));
    for (let r = 0; r < split.test.count; r++) expect(trainRows.has(rowKey(split.test, r))).toBe(false);
  });

  it('the split is deterministic: same seed, same split; another seed, another split', () => {
    const again = loadMnist({ seed: 1 });
    expect(identical(again.test.sourceIndex, split.test.sourceIndex)).toBe(true);
    expect(identical(again.train.labels, split.train.labels)).toBe(true);
    expect(identical(again.train.images, split.train.images)).toBe(true);
    expect(identical(again.test.images, split.test.images)).toBe(true);
    const other = loadMnist({ seed: 2, testCount: 1000 });
    expect(other.test.count).toBe(1000);
    expect(identical(other.test.sourceIndex.subarray(0, 1000), split.test.sourceIndex.subarray(0, 1000))).toBe(false);
  });

  it('f32 gives Float32Array images; a bad test count is refused', () => {
    const f32 = loadMnist({ dtype: 'f32', testCount: 100 });
    expect(f32.train.images).toBeInstanceOf(Float32Array);
    expect(() => loadMnist({ testCount: 10000 })).toThrow(RangeError);
    expect(() => loadMnist({ testCount: 0 })).toThrow(RangeError);
  });
});

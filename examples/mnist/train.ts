// One training run of the book's loop: sample a mini-batch, forward and
// backward into the grads, one optimizer update (timed), record the batch loss.
import type { Digits } from './data.js';
import type { Dict, Dtype } from './floatArray.js';
import { ARRAY_CLASS } from './floatArray.js';
import { Mlp, heInit } from './net.js';
import { below, makeRng } from './random.js';

/** What the loop needs of an optimizer: simd-optim's classes and its pure-JS ones both fit. */
export interface Updater {
  update(params: Dict, grads: Dict): void;
  readonly lastPath: string | null;
}

export interface RunSpec {
  sizes: readonly number[];
  /** Where params and grads live (e.g. a ParamSet); called once per run. */
  params: Dict;
  grads: Dict;
  optimizer: Updater;
  /** The update path the first update must take ('zero-copy' for a ParamSet on the wasm backend). */
  expectPath: string;
  train: Digits;
  test: Digits;
  iters: number;
  batch: number;
  /** Seeds the He init and the batch draws: the same seed gives every optimizer the same start and batches. */
  seed: number;
  dtype: Dtype;
  onIteration?: (done: number, loss: number) => void;
}

export interface RunResult {
  /** Batch loss before each update. */
  losses: Float64Array;
  /** Total wall time inside optimizer.update, ms. */
  updateMs: number;
  /** Median time of one update, ms: robust to the odd pause on a shared machine. */
  updateMedianMs: number;
  /** Wall time of the whole loop, ms. */
  loopMs: number;
  /** Accuracy on the held-out digits after the last update. */
  testAccuracy: number;
}

export function train(spec: RunSpec): RunResult {
  const { sizes, params, grads, optimizer, train: data, batch, iters } = spec;
  const inputs = sizes[0];
  const rng = makeRng(spec.seed);
  heInit(params, sizes, rng);
  const net = new Mlp(sizes, Math.max(batch, 500), spec.dtype);
  const x = new ARRAY_CLASS[spec.dtype](batch * inputs);
  const labels = new Uint8Array(batch);
  const losses = new Float64Array(iters);
  const updateTimes = new Float64Array(iters);
  const start = performance.now();
  for (let it = 0; it < iters; it++) {
    // Drawn with replacement, as the book's np.random.choice(train_size, batch_size).
    for (let r = 0; r < batch; r++) {
      const i = below(rng, data.count);
      x.set(data.images.subarray(i * inputs, (i + 1) * inputs), r * inputs);
      labels[r] = data.labels[i];
    }
    losses[it] = net.lossAndGrads(params, grads, x, labels, batch);
    const t0 = performance.now();
    optimizer.update(params, grads);
    updateTimes[it] = performance.now() - t0;
    if (it === 0 && optimizer.lastPath !== spec.expectPath) {
      throw new Error(`expected the update to take the '${spec.expectPath}' path, it took '${String(optimizer.lastPath)}'`);
    }
    spec.onIteration?.(it + 1, losses[it]);
  }
  const loopMs = performance.now() - start;
  const testAccuracy = net.accuracy(params, spec.test.images, spec.test.labels, spec.test.count);
  const updateMs = updateTimes.reduce((a, b) => a + b, 0);
  const updateMedianMs = updateTimes.slice().sort()[iters >> 1];
  return { losses, updateMs, updateMedianMs, loopMs, testAccuracy };
}

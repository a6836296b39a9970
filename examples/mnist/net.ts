// The book's MultiLayerNet (ch. 6): fully connected layers with ReLU between
// them and softmax cross-entropy on top, forward and backward by hand.
// Params and grads are dicts (W1, b1, ..., WL, bL) passed in on every call, so
// they can live anywhere, e.g. in a ParamSet, where the optimizer updates them
// with no copy. W_l is in×out, row-major (x · W + b, as in the book).
import { ARRAY_CLASS, type Dict, type Dtype, type FloatArray } from './floatArray.js';
import { affine, affineParamGrads, reluInputGrads } from './matmul.js';
import { normal, type Rng } from './random.js';

/** The net of the book's optimizer_compare_mnist.py. */
export const BOOK_SIZES: readonly number[] = [784, 100, 100, 100, 100, 10];

/** ParamSet sizes for layer sizes [in, h1, ..., out]: { W1: [in, h1], b1: h1, ... }. */
export function paramShapes(sizes: readonly number[]): Record<string, number | number[]> {
  const shapes: Record<string, number | number[]> = {};
  for (let l = 1; l < sizes.length; l++) {
    shapes[`W${l}`] = [sizes[l - 1], sizes[l]];
    shapes[`b${l}`] = sizes[l];
  }
  return shapes;
}

/** He initialisation (the book's weight_init_std='relu'): W ~ N(0, 2 / fan_in), b = 0. */
export function heInit(params: Dict, sizes: readonly number[], rng: Rng): void {
  for (let l = 1; l < sizes.length; l++) {
    const W = params[`W${l}`];
    const std = Math.sqrt(2 / sizes[l - 1]);
    for (let i = 0; i < W.length; i++) W[i] = std * normal(rng);
    params[`b${l}`].fill(0);
  }
}

export class Mlp {
  readonly sizes: readonly number[];
  readonly maxBatch: number;
  /** outs[l]: layer l's output for the current batch (ReLU applied except on the last). */
  private readonly outs: FloatArray[];
  /** deltas[l]: gradient of the loss w.r.t. layer l's pre-activation. */
  private readonly deltas: FloatArray[];

  constructor(sizes: readonly number[], maxBatch: number, dtype: Dtype = 'f64') {
    if (sizes.length < 2) throw new RangeError('Mlp: needs at least an input and an output size');
    this.sizes = sizes;
    this.maxBatch = maxBatch;
    const A = ARRAY_CLASS[dtype];
    this.outs = sizes.map((s, l) => new A(l === 0 ? 0 : maxBatch * s));
    this.deltas = sizes.map((s, l) => new A(l === 0 ? 0 : maxBatch * s));
  }

  /** The class scores (pre-softmax) of the first n rows of x; a view valid until the next call. */
  forward(params: Dict, x: FloatArray, n: number): FloatArray {
    this.checkBatch(n);
    const { sizes, outs } = this;
    const last = sizes.length - 1;
    let input = x;
    for (let l = 1; l <= last; l++) {
      const out = outs[l];
      affine(input, params[`W${l}`], params[`b${l}`], out, n, sizes[l - 1], sizes[l]);
      if (l < last) for (let i = 0, len = n * sizes[l]; i < len; i++) if (!(out[i] > 0)) out[i] = 0;
      input = out;
    }
    return outs[last];
  }

  /**
   * Mean cross-entropy of softmax(scores) over the first n rows of x against
   * labels, with the gradient of every param written into grads (overwritten).
   * The loss is log-sum-exp exact; the book adds 1e-7 inside its log, which
   * moves the value by at most ~1e-7 and is not what its backward pass differentiates.
   */
  lossAndGrads(params: Dict, grads: Dict, x: FloatArray, labels: ArrayLike<number>, n: number): number {
    const scores = this.forward(params, x, n);
    const { sizes, outs, deltas } = this;
    const last = sizes.length - 1;
    const classes = sizes[last];
    const top = deltas[last];
    let loss = 0;
    for (let i = 0; i < n; i++) {
      const r = i * classes;
      let max = -Infinity;
      for (let c = 0; c < classes; c++) if (scores[r + c] > max) max = scores[r + c];
      let sum = 0;
      for (let c = 0; c < classes; c++) sum += Math.exp(scores[r + c] - max);
      loss += Math.log(sum) - (scores[r + labels[i]] - max);
      // d loss / d score = (softmax − one-hot) / n
      for (let c = 0; c < classes; c++) top[r + c] = Math.exp(scores[r + c] - max) / sum / n;
      top[r + labels[i]] -= 1 / n;
    }
    for (let l = last; l >= 1; l--) {
      const input = l === 1 ? x : outs[l - 1];
      affineParamGrads(input, deltas[l], grads[`W${l}`], grads[`b${l}`], n, sizes[l - 1], sizes[l]);
      if (l > 1) reluInputGrads(deltas[l], params[`W${l}`], input, deltas[l - 1], n, sizes[l - 1], sizes[l]);
    }
    return loss / n;
  }

  /** Fraction of the count images whose highest score is their label, in batches of maxBatch. */
  accuracy(params: Dict, images: FloatArray, labels: ArrayLike<number>, count: number): number {
    const inputs = this.sizes[0];
    const classes = this.sizes[this.sizes.length - 1];
    let right = 0;
    for (let start = 0; start < count; start += this.maxBatch) {
      const n = Math.min(this.maxBatch, count - start);
      const scores = this.forward(params, images.subarray(start * inputs, (start + n) * inputs), n);
      for (let i = 0; i < n; i++) {
        let best = 0;
        for (let c = 1; c < classes; c++) if (scores[i * classes + c] > scores[i * classes + best]) best = c;
        if (best === labels[start + i]) right++;
      }
    }
    return right / count;
  }

  private checkBatch(n: number): void {
    if (!Number.isInteger(n) || n < 1 || n > this.maxBatch) {
      throw new RangeError(`Mlp: batch size must be from 1 to ${this.maxBatch}, got ${n}`);
    }
  }
}

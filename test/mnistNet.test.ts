// The MNIST example's network: its forward pass against a textbook reference,
// its backward pass against central differences of its own loss.
import { describe, expect, it } from 'vitest';
import type { Dict } from '../examples/mnist/floatArray.js';
import { BOOK_SIZES, Mlp, heInit, paramShapes } from '../examples/mnist/net.js';
import { makeRng, normal } from '../examples/mnist/random.js';

function zeros(sizes: readonly number[], A: Float64ArrayConstructor | Float32ArrayConstructor = Float64Array): Dict {
  const shapes = paramShapes(sizes);
  return Object.fromEntries(Object.entries(shapes).map(([k, s]) => [k, new A(Array.isArray(s) ? s[0] * s[1] : s)]));
}

/** A small problem: He-initialised params with nonzero biases, inputs with exact zeros (like blank pixels). */
function problem(sizes: readonly number[], n: number, seed: number) {
  const rng = makeRng(seed);
  const params = zeros(sizes);
  heInit(params, sizes, rng);
  for (let l = 1; l < sizes.length; l++) params[`b${l}`].forEach((_, i, b) => (b[i] = 0.1 * normal(rng)));
  const x = Float64Array.from({ length: n * sizes[0] }, () => (rng() < 0.3 ? 0 : rng()));
  const labels = Uint8Array.from({ length: n }, () => Math.floor(rng() * sizes[sizes.length - 1]));
  return { params, x, labels };
}

/** Forward pass and loss written the plain way: triple loops, ReLU, −mean log softmax. */
function referenceLoss(params: Dict, sizes: readonly number[], x: Float64Array, labels: Uint8Array, n: number): number {
  let a = Array.from({ length: n }, (_, i) => Array.from(x.subarray(i * sizes[0], (i + 1) * sizes[0])));
  for (let l = 1; l < sizes.length; l++) {
    const W = params[`W${l}`];
    const b = params[`b${l}`];
    a = a.map((row) =>
      Array.from({ length: sizes[l] }, (_, j) => {
        let z = b[j];
        for (let p = 0; p < sizes[l - 1]; p++) z += row[p] * W[p * sizes[l] + j];
        return l < sizes.length - 1 ? Math.max(0, z) : z;
      }),
    );
  }
  let loss = 0;
  a.forEach((scores, i) => {
    const sum = scores.reduce((s, z) => s + Math.exp(z), 0);
    loss -= Math.log(Math.exp(scores[labels[i]]) / sum);
  });
  return loss / n;
}

const NETS = [
  { sizes: [4, 5, 3], n: 6 },
  { sizes: [9, 7, 6, 3], n: 11 },
] as const;

describe('forward pass', () => {
  it.each(NETS)('loss of $sizes matches the textbook computation', ({ sizes, n }) => {
    const { params, x, labels } = problem(sizes, n, 7);
    const net = new Mlp(sizes, n);
    const loss = net.lossAndGrads(params, zeros(sizes), x, labels, n);
    expect(loss).toBeGreaterThan(0);
    expect(Math.abs(loss - referenceLoss(params, sizes, x, labels, n))).toBeLessThan(1e-12 * loss);
  });

  it('accuracy in chunks smaller than the set agrees with one forward pass per image', () => {
    const sizes = [9, 7, 6, 3];
    const { params, x, labels } = problem(sizes, 23, 3);
    const one = new Mlp(sizes, 1);
    let right = 0;
    for (let i = 0; i < 23; i++) {
      const s = one.forward(params, x.subarray(i * 9, (i + 1) * 9), 1);
      const best = s.indexOf(Math.max(...s));
      if (best === labels[i]) right++;
    }
    expect(right).toBeGreaterThan(0);
    expect(new Mlp(sizes, 5).accuracy(params, x, labels, 23)).toBe(right / 23);
  });
});

describe('backward pass against central differences', () => {
  it.each(NETS)('every gradient of $sizes', ({ sizes, n }) => {
    const { params, x, labels } = problem(sizes, n, 11);
    const net = new Mlp(sizes, n);
    const grads = zeros(sizes);
    // Stale values in grads must not leak into the result: it is overwritten.
    for (const g of Object.values(grads)) g.fill(123);
    net.lossAndGrads(params, grads, x, labels, n);
    const scratch = zeros(sizes);
    const h = 1e-5;
    let checked = 0;
    for (const key of Object.keys(params)) {
      const p = params[key];
      for (let i = 0; i < p.length; i++) {
        const keep = p[i];
        p[i] = keep + h;
        const up = net.lossAndGrads(params, scratch, x, labels, n);
        p[i] = keep - h;
        const down = net.lossAndGrads(params, scratch, x, labels, n);
        p[i] = keep;
        const numeric = (up - down) / (2 * h);
        const analytic = grads[key][i];
        const rel = Math.abs(numeric - analytic) / Math.max(Math.abs(numeric) + Math.abs(analytic), 1e-8);
        expect(rel, `${key}[${i}]: analytic ${analytic}, numeric ${numeric}`).toBeLessThan(1e-6);
        if (analytic !== 0) checked++;
      }
    }
    // Most gradients are nonzero, so the comparison above is not vacuous.
    const total = Object.values(params).reduce((s, p) => s + p.length, 0);
    expect(checked).toBeGreaterThan(total / 2);
  });
});

describe('the book net', () => {
  it('He init: W std ≈ sqrt(2 / fan_in), b = 0, the same for the same seed', () => {
    const a = zeros(BOOK_SIZES);
    const b = zeros(BOOK_SIZES);
    heInit(a, BOOK_SIZES, makeRng(5));
    heInit(b, BOOK_SIZES, makeRng(5));
    expect(a.W1).toEqual(b.W1);
    for (let l = 1; l < BOOK_SIZES.length; l++) {
      const W = a[`W${l}`];
      const mean = W.reduce((s, v) => s + v, 0) / W.length;
      const std = Math.sqrt(W.reduce((s, v) => s + (v - mean) ** 2, 0) / W.length);
      const want = Math.sqrt(2 / BOOK_SIZES[l - 1]);
      expect(Math.abs(std - want) / want, `W${l}`).toBeLessThan(l === 5 ? 0.1 : 0.03);
      expect(a[`b${l}`].every((v) => v === 0)).toBe(true);
    }
    expect(Object.keys(a)).toEqual(['W1', 'b1', 'W2', 'b2', 'W3', 'b3', 'W4', 'b4', 'W5', 'b5']);
  });

  it('runs in float32 too, close to float64', () => {
    const sizes = [9, 7, 6, 3];
    const { params, x, labels } = problem(sizes, 11, 2);
    const p32 = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, Float32Array.from(v)]));
    const g32 = zeros(sizes, Float32Array);
    const l64 = new Mlp(sizes, 11).lossAndGrads(params, zeros(sizes), x, labels, 11);
    const l32 = new Mlp(sizes, 11, 'f32').lossAndGrads(p32, g32, Float32Array.from(x), labels, 11);
    expect(g32.W1).toBeInstanceOf(Float32Array);
    expect(Math.abs(l32 - l64) / l64).toBeLessThan(1e-5);
  });
});

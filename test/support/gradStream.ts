// The twin of gradient_stream in test/golden/makeGolden.py: the same integer
// hash and the same float64 operations, so JS feeds the optimizers exactly the
// gradients NumPy fed the seed's classes.

function mix(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d) >>> 0;
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b) >>> 0;
  x ^= x >>> 16;
  return x >>> 0;
}

function hash3(k: number, t: number, i: number): number {
  return mix((Math.imul(k + 1, 0x9e3779b1) ^ Math.imul(t, 0x85ebca77) ^ Math.imul(i + 1, 0xc2b2ae3d)) >>> 0);
}

const unit = (h: number): number => (h >>> 8) / 16777216.0 - 0.5;

export interface KeyConstants {
  w: Float64Array;
  c: Float64Array;
  p0: Float64Array;
}

export function keyConstants(k: number, n: number): KeyConstants {
  const w = new Float64Array(n);
  const c = new Float64Array(n);
  const p0 = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const h = hash3(k, 0, i);
    w[i] = 2.0 ** ((h % 6) - 3);
    c[i] = unit(mix((h ^ 0x5bd1e995) >>> 0)) * 4.0;
    p0[i] = unit(h) * 4.0;
  }
  return { w, c, p0 };
}

/**
 * g = w*(p - c) + noise_t, written into `g`. For Float32Arrays every operation
 * is rounded to float32, as NumPy computes the float32 stream (w, c and the
 * noise are exact in float32, so only the operations round).
 */
export function fillGrad(g: Float64Array | Float32Array, p: Float64Array | Float32Array, kc: KeyConstants, k: number, t: number): void {
  const r = g instanceof Float32Array ? Math.fround : (x: number) => x;
  for (let i = 0; i < g.length; i++) {
    const h1 = hash3(k, t, i);
    const h2 = mix((h1 ^ 0x5bd1e995) >>> 0);
    const noise = h2 % 97 === 0 ? 0.0 : unit(h1) * 2.0 ** ((h2 % 24) - 12);
    g[i] = r(r(kc.w[i] * r(p[i] - kc.c[i])) + noise);
  }
}

// The arrays every path starts from: the same values for every path of a
// case, made by a seeded generator so runs are comparable. Gradients are kept
// away from 0 and from subnormals (which would slow sqrt/div on some CPUs and
// so measure the data, not the code).

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** { params, grads }: one Float64Array per key of `shapes`, params in ±0.1, |grad| in [1e-3, 1e-2]. */
export function makeData(shapes, seed = 20240611) {
  const rand = mulberry32(seed);
  const params = {};
  const grads = {};
  for (const [key, shape] of Object.entries(shapes)) {
    const n = shape.reduce((a, b) => a * b, 1);
    const p = new Float64Array(n);
    const g = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      p[i] = (rand() - 0.5) * 0.2;
      const mag = 1e-3 + rand() * 9e-3;
      g[i] = rand() < 0.5 ? -mag : mag;
    }
    params[key] = p;
    grads[key] = g;
  }
  return { params, grads };
}

export const ARRAY_OF = { f64: Float64Array, f32: Float32Array };
export const BYTES_OF = { f64: 8, f32: 4 };

/** Fresh copies of a dict in `dtype` (f64 or f32), so each path updates its own arrays. */
export const copyDict = (dict, dtype = 'f64') =>
  Object.fromEntries(Object.entries(dict).map(([k, v]) => [k, new ARRAY_OF[dtype](v)]));

// Seeded randomness, so two runs with the same seed draw the same weights and
// the same batches (and the simd-optim and pure-JS runs see identical inputs).

/** A uniform generator on [0, 1): mulberry32, 32 bits of state, plenty for shuffles and init. */
export type Rng = () => number;

export function makeRng(seed: number): Rng {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A standard normal draw (Box–Muller; one of the pair is dropped to keep the generator stateless). */
export function normal(rng: Rng): number {
  // 1 - u keeps the log's argument in (0, 1].
  const u = 1 - rng();
  const v = rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** An integer in [0, n). */
export function below(rng: Rng, n: number): number {
  return Math.floor(rng() * n);
}

/** 0..n-1 in a seeded random order (Fisher–Yates). */
export function permutation(rng: Rng, n: number): Uint32Array {
  const p = new Uint32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = below(rng, i + 1);
    const t = p[i];
    p[i] = p[j];
    p[j] = t;
  }
  return p;
}

// The in-page benchmark: one Adam update by the plain-JS port of the seed
// (bench/seedPort.mjs, the project's baseline) against simd-optim's Adam on a
// ParamSet (zero-copy, on as many threads as the set's default gives it here), on the same numbers. Rounds alternate the two
// (A B A B ...), so a slow spell of the machine hits both alike; the page shows
// medians per update and the median of the per-round ratios.
import { Adam, ParamSet } from 'simd-optim';
import { Adam as SeedAdam } from '../../bench/seedPort.mjs';

export const SIZES = [
  { label: 'one key of 1,000', sizes: { w: 1000 } },
  {
    label: 'MNIST net, 10 keys, 109,810',
    sizes: { W1: [784, 100], b1: 100, W2: [100, 100], b2: 100, W3: [100, 100], b3: 100, W4: [100, 100], b4: 100, W5: [100, 10], b5: 10 },
  },
  { label: 'one key of 2²⁰', sizes: { w: 1 << 20 } },
];

/** Reproducible numbers in [-1, 1) (xorshift32): both contestants see the same ones. */
function fillRandom(a, seed) {
  let s = seed;
  for (let i = 0; i < a.length; i++) {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    a[i] = ((s >>> 0) / 4294967296 - 0.5) * 2;
  }
}

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

async function contestants(sizes) {
  // threads: 'auto', the default: every core for a large set on a cross-origin isolated page, else one.
  const set = new ParamSet(sizes);
  await set.startThreads();
  fillRandom(set.flatParams, 1);
  fillRandom(set.flatGrads, 2);
  const copy = (d) => Object.fromEntries(Object.entries(d).map(([k, v]) => [k, v.slice()]));
  const seedParams = copy(set.params);
  const seedGrads = copy(set.grads);
  const seed = new SeedAdam(0.001);
  const fast = new Adam({ lr: 0.001 });
  return {
    seed: () => seed.update(seedParams, seedGrads),
    fast: () => fast.update(set.params, set.grads),
    path: () => fast.lastPath,
    threads: () => set.threads,
  };
}

/** Milliseconds per call, over a batch of `n` calls. */
function timeBatch(run, n) {
  const t0 = performance.now();
  for (let i = 0; i < n; i++) run();
  return (performance.now() - t0) / n;
}

const nextTask = () => new Promise((ok) => setTimeout(ok, 0));

/**
 * Runs every size; `onProgress(text)` hears about each round. Each batch lasts
 * about `batchMs`, long enough for the browser's coarse clock.
 */
export async function runBenchmark({ rounds = 15, warmup = 3, batchMs = 20, onProgress = () => {} } = {}) {
  const rows = [];
  for (const { label, sizes } of SIZES) {
    const c = await contestants(sizes);
    const batch = (run) => Math.max(1, Math.round(batchMs / Math.max(timeBatch(run, 2), 1e-3)));
    const n = { seed: batch(c.seed), fast: batch(c.fast) };
    const seedMs = [];
    const fastMs = [];
    for (let r = 0; r < warmup + rounds; r++) {
      const s = timeBatch(c.seed, n.seed);
      const f = timeBatch(c.fast, n.fast);
      if (r >= warmup) {
        seedMs.push(s);
        fastMs.push(f);
      }
      onProgress(`${label}: round ${r + 1} of ${warmup + rounds}`);
      await nextTask(); // let the page repaint between rounds
    }
    rows.push({
      label,
      seedUs: median(seedMs) * 1000,
      fastUs: median(fastMs) * 1000,
      speedup: median(seedMs.map((s, i) => s / fastMs[i])),
      path: c.path(),
      threads: c.threads(),
    });
  }
  return rows;
}

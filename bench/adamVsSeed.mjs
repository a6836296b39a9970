// Issue 2's benchmark: one Adam update through simd-optim against the plain-JS
// port of the seed (bench/seedPort.mjs), in one process, rounds interleaved.
//
//   npm run bench:adam            (builds first)
//   node bench/adamVsSeed.mjs --rounds 30
//
// Each round times a batch of updates per path (A B C A B C ...); the table
// gives the median time per update and the median of the per-round ratios.
import os from 'node:os';
import { Adam, ParamSet } from 'simd-optim';
import { Adam as SeedAdam } from './seedPort.mjs';

const ROUNDS = Number(process.argv[process.argv.indexOf('--rounds') + 1]) || 25;
const WARMUP = 5;
const TARGET_MS = 25; // batch length per path per round

const MNIST_NET = { W1: [784, 100], b1: 100, W2: [100, 100], b2: 100, W3: [100, 100], b3: 100, W4: [100, 100], b4: 100, W5: [100, 10], b5: 10 };
const ONE_KEY = { w: 1 << 20 };

function fillRandom(a, seed) {
  let x = seed >>> 0 || 1;
  for (let i = 0; i < a.length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    a[i] = ((x >>> 0) / 4294967296 - 0.5) * 2;
  }
}

/** The three contestants on the same sizes and the same numbers. */
function contestants(sizes) {
  const set = new ParamSet(sizes);
  fillRandom(set.flatParams, 1);
  fillRandom(set.flatGrads, 2);
  const plain = () => ({
    params: Object.fromEntries(Object.entries(set.params).map(([k, v]) => [k, v.slice()])),
    grads: Object.fromEntries(Object.entries(set.grads).map(([k, v]) => [k, v.slice()])),
  });
  const seedDicts = plain();
  const copyDicts = plain();
  const seed = new SeedAdam(0.001);
  const zero = new Adam({ lr: 0.001 });
  const copy = new Adam({ lr: 0.001 });
  return [
    { name: 'plain-JS port of the book’s Adam', run: () => seed.update(seedDicts.params, seedDicts.grads) },
    { name: 'simd-optim, ParamSet (zero-copy)', run: () => zero.update(set.params, set.grads), path: () => zero.lastPath },
    { name: 'simd-optim, plain arrays (copy)', run: () => copy.update(copyDicts.params, copyDicts.grads), path: () => copy.lastPath },
  ];
}

function timeBatch(run, n) {
  const t0 = performance.now();
  for (let i = 0; i < n; i++) run();
  return (performance.now() - t0) / n;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

function bench(label, sizes) {
  const cs = contestants(sizes);
  // batch size per contestant from a short calibration, so each batch lasts ~TARGET_MS
  const batch = cs.map((c) => Math.max(1, Math.round(TARGET_MS / Math.max(timeBatch(c.run, 3), 1e-3))));
  const times = cs.map(() => []);
  for (let r = 0; r < WARMUP + ROUNDS; r++) {
    cs.forEach((c, i) => {
      const t = timeBatch(c.run, batch[i]);
      if (r >= WARMUP) times[i].push(t);
    });
    process.stderr.write(`\r${label}: round ${r + 1}/${WARMUP + ROUNDS}`);
  }
  process.stderr.write('\n');
  for (const c of cs) if (c.path) console.assert(c.path() === (c.name.includes('(copy)') ? 'copy' : 'zero-copy'), `${c.name} ran on ${c.path()}`);
  const base = times[0];
  return cs.map((c, i) => ({
    case: label,
    path: c.name,
    medianUs: median(times[i]) * 1000,
    speedup: i === 0 ? 1 : median(times[i].map((t, r) => base[r] / t)),
  }));
}

const n = (sizes) => Object.values(sizes).reduce((s, d) => s + (Array.isArray(d) ? d.reduce((a, b) => a * b) : d), 0);
const rows = [
  ...bench(`MNIST net, 10 keys, ${n(MNIST_NET)} params`, MNIST_NET),
  ...bench('one key of 2^20', ONE_KEY),
];

console.log(`\nAdam update, median of ${ROUNDS} interleaved rounds after ${WARMUP} warm-up (${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version})\n`);
console.log('| case | path | median per update | speed-up vs the plain-JS port |');
console.log('| --- | --- | ---: | ---: |');
for (const r of rows) console.log(`| ${r.case} | ${r.path} | ${r.medianUs.toFixed(1)} µs | ${r.speedup.toFixed(2)}× |`);

const targets = [
  ['MNIST net on a ParamSet ≥ 2.5×', rows[1].speedup >= 2.5],
  ['one key of 2^20 on a ParamSet ≥ 2.5×', rows[4].speedup >= 2.5],
  ['copy path ≥ 1.5× (MNIST net)', rows[2].speedup >= 1.5],
  ['copy path ≥ 1.5× (2^20)', rows[5].speedup >= 1.5],
];
console.log('\nIssue 2 targets in this run:');
for (const [what, ok] of targets) console.log(`  ${ok ? 'met   ' : 'MISSED'}  ${what}`);

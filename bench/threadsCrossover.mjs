// Where does a second thread start to pay? For each rule and dtype, one key of
// n elements on a ParamSet with threads: 1 and with threads: N (default 2),
// timed in interleaved rounds (A B A B ...), median of per-round ratios. The
// sizes from which the ratio stays above 1 set src/threads/shareAbove.ts.
//   node bench/threadsCrossover.mjs [--threads 2] [--sizes 8K,16K,32K,64K,128K] [--only adam,sgd] [--dtypes f64,f32] [--gap-ms 5]
// With --gap-ms, each timed update comes after a pause (a training loop's forward and backward pass), so the
// workers have gone to sleep and every update pays their wake-up; without it, updates follow each other.
import { parseArgs } from 'node:util';
import { classById } from './suite/optimizers.mjs';
import { elementsOfLabel } from './suite/sizes.mjs';

const { values } = parseArgs({
  options: {
    threads: { type: 'string', default: '2' },
    sizes: { type: 'string', default: '4K,8K,16K,32K,64K,128K' },
    only: { type: 'string', default: 'sgd,momentum,adagrad,rmsprop,adam' },
    dtypes: { type: 'string', default: 'f64,f32' },
    rounds: { type: 'string', default: '21' },
    dist: { type: 'string', default: '../dist/esm/index.js' },
    'gap-ms': { type: 'string', default: '0' },
    'spin-ms': { type: 'string' },
    'default-policy': { type: 'boolean', default: false },
  },
});
const simd = await import(new URL(values.dist, import.meta.url).href);
// Share every update, whatever its size and whether the workers sleep, to see where sharing starts to pay (the same
// module instance as the entry's); --default-policy keeps the package's own choice, to check it.
const { threadTuning } = await import(new URL(values.dist.replace(/index\.js$/, 'threads/tuning.js'), import.meta.url).href);
if (!values['default-policy']) Object.assign(threadTuning, { shareAbove: 0, wakeAbove: 0 });
if (values['spin-ms'] !== undefined) threadTuning.spinMs = Number(values['spin-ms']);
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const threads = Number(values.threads);

async function contestant(name, n, dtype, t) {
  const set = new simd.ParamSet({ w: n }, { dtype, threads: t, stateSlots: 2 });
  for (let i = 0; i < n; i++) {
    set.flatParams[i] = Math.sin(i);
    set.flatGrads[i] = Math.cos(i * 0.3) * 1e-2;
  }
  await set.startThreads();
  const opt = new (classById(simd, name))({ lr: 1e-4 });
  return { run: () => opt.update(set.params, set.grads), set };
}

function batchOf(run) {
  let k = 1;
  for (;;) {
    const t0 = performance.now();
    for (let i = 0; i < k; i++) run();
    if (performance.now() - t0 > 5) return k;
    k *= 2;
  }
}

function time(run, k) {
  const t0 = performance.now();
  for (let i = 0; i < k; i++) run();
  return (performance.now() - t0) / k;
}

// The fastest round of each is shown too: on a shared machine it is the least disturbed one.
console.log(`| rule | dtype | size | 1 thread µs | ${threads} threads µs | ${threads} ÷ 1 | fastest rounds ÷ |`);
console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: |');
for (const name of values.only.split(',')) {
  for (const dtype of values.dtypes.split(',')) {
    for (const label of values.sizes.split(',')) {
      const n = elementsOfLabel(label);
      const one = await contestant(name, n, dtype, 1);
      const many = await contestant(name, n, dtype, threads);
      const gap = Number(values['gap-ms']);
      const k = gap > 0 ? 1 : Math.max(batchOf(one.run), batchOf(many.run));
      const pause = () => new Promise((done) => setTimeout(done, gap));
      const a = [];
      const b = [];
      const ratios = [];
      for (let r = 0; r < Number(values.rounds) + 3; r++) {
        if (gap > 0) await pause();
        const ta = time(one.run, k);
        if (gap > 0) await pause();
        const tb = time(many.run, k);
        if (r < 3) continue;
        a.push(ta);
        b.push(tb);
        ratios.push(ta / tb);
      }
      if (many.set.threads !== threads) throw new Error(`ran on ${many.set.threads} threads`);
      const fastest = Math.min(...a) / Math.min(...b);
      console.log(`| ${name} | ${dtype} | ${label} | ${(median(a) * 1000).toFixed(1)} | ${(median(b) * 1000).toFixed(1)} | ${median(ratios).toFixed(2)}× | ${fastest.toFixed(2)}× |`);
    }
  }
}

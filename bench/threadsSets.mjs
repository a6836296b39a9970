// Several ParamSets updated one after the other in each step of a training
// loop (a GAN's two networks), after a fixed amount of main-thread work that
// stands in for the forward and backward pass: the whole step's time with sets
// of one thread and with sets of N, in interleaved rounds in one process,
// median of the per-round ratios. The work is a fixed loop, not a fixed time,
// so threads that take a core from it make the step longer, as they would a
// real forward pass.
//   node bench/threadsSets.mjs [--sets 2] [--threads 2] [--only adam] [--dtypes f32] [--sizes 128K] [--work-ms 2]
//                              [--rounds 9] [--steps 60] [--dist ../dist/esm/index.js]
// --dist takes another build (a copy of dist/ from before a change) to compare, run after run. --one-set puts
// the networks in one ParamSet instead, a key each, each optimizer given its own key (one team of workers).
import { parseArgs } from 'node:util';
import { classById } from './suite/optimizers.mjs';
import { elementsOfLabel } from './suite/sizes.mjs';

const { values } = parseArgs({
  options: {
    sets: { type: 'string', default: '2' },
    threads: { type: 'string', default: '2' },
    only: { type: 'string', default: 'adam' },
    dtypes: { type: 'string', default: 'f32' },
    sizes: { type: 'string', default: '128K' },
    'work-ms': { type: 'string', default: '2' },
    rounds: { type: 'string', default: '9' },
    steps: { type: 'string', default: '60' },
    dist: { type: 'string', default: '../dist/esm/index.js' },
    'one-set': { type: 'boolean', default: false },
  },
});
const simd = await import(new URL(values.dist, import.meta.url).href);
const [sets, threads, steps] = [Number(values.sets), Number(values.threads), Number(values.steps)];
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

// The stand-in for forward and backward: dependent arithmetic over a small array, calibrated to --work-ms alone.
const scratch = new Float64Array(4096);
function work(iterations) {
  let sum = 0;
  for (let i = 0; i < iterations; i++) {
    const j = i & 4095;
    scratch[j] = scratch[j] * 0.999 + Math.sqrt(i);
    sum += scratch[j];
  }
  return sum;
}
let iterations = 100_000;
work(iterations); // compiled before it is timed
for (let k = 0; k < 6; k++) {
  const t0 = performance.now();
  work(iterations);
  iterations = Math.round((iterations * Number(values['work-ms'])) / (performance.now() - t0));
}

/** The networks, each as { params, grads, opt }: a set each, or a key each of one set (--one-set). */
async function networksOf(Optimizer, dtype, n, count) {
  const made = [];
  const filled = async (shapes, stateSlots) => {
    const set = new simd.ParamSet(shapes, { dtype, threads: count, stateSlots });
    set.flatParams.fill(0.5);
    set.flatGrads.fill(0.01);
    if (count > 1) await set.startThreads();
    return set;
  };
  const opt = () => new Optimizer({ lr: 1e-6 });
  if (values['one-set']) {
    // Each optimizer keeps its own state buffers in the set: room for all of them.
    const set = await filled(Object.fromEntries(Array.from({ length: sets }, (_, i) => [`net${i}`, n])), opt().stateNames.length * sets);
    for (const key of Object.keys(set.params)) made.push({ params: { [key]: set.params[key] }, grads: { [key]: set.grads[key] }, opt: opt() });
  } else {
    for (let i = 0; i < sets; i++) {
      const set = await filled({ w: n }, undefined);
      made.push({ params: set.params, grads: set.grads, opt: opt() });
    }
  }
  return made;
}

/** µs per step: the work, then each network's update in turn; after a pause in which the other sets' workers go to sleep. */
async function stepTime(made) {
  await new Promise((done) => setTimeout(done, 20));
  const t0 = performance.now();
  for (let s = 0; s < steps; s++) {
    work(iterations);
    for (const { params, grads, opt } of made) opt.update(params, grads);
  }
  return ((performance.now() - t0) / steps) * 1000;
}

console.log(`${sets} network(s) per step${values['one-set'] ? ' in one set' : ', a set each'}, after ${values['work-ms']} ms of main-thread work; ${threads} threads per set against 1; build ${values.dist}`);
console.log('| rule | dtype | elements per network | step, 1 thread | step, threads | ratio |');
console.log('| --- | --- | ---: | ---: | ---: | ---: |');
for (const rule of values.only.split(',')) {
  for (const dtype of values.dtypes.split(',')) {
    for (const label of values.sizes.split(',')) {
      const n = elementsOfLabel(label);
      const Optimizer = classById(simd, rule);
      const [one, many] = [await networksOf(Optimizer, dtype, n, 1), await networksOf(Optimizer, dtype, n, threads)];
      await stepTime(one);
      await stepTime(many);
      const [a, b, ratios] = [[], [], []];
      for (let r = 0; r < Number(values.rounds); r++) {
        a.push(await stepTime(one));
        b.push(await stepTime(many));
        ratios.push(a[r] / b[r]);
      }
      console.log(`| ${Optimizer.name} | ${dtype} | ${n} | ${median(a).toFixed(0)} µs | ${median(b).toFixed(0)} µs | ${median(ratios).toFixed(2)}× |`);
    }
  }
}
process.exit(0);

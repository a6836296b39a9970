// clipNorm on threads: Adam with clipNorm on one large ParamSet, one thread against two, for one build or two
// (before and after a change). Each contestant runs updates back to back after a warm-up; the timed updates
// are taken in interleaved rounds (every contestant's round, then the next round), so a burst of load on a
// shared machine falls on all alike. Prints the median ms per update and the two-thread speed-up per build, and
// the fastest update of each (on a shared machine, the least disturbed one).
// --clip 1,off adds contestants without clipNorm: the difference is what the norm costs.
//   node bench/clipNormThreads.mjs [--builds A/index.js,B/index.js] [--size 8M] [--rounds 3] [--per-round 10] [--dtype f64] [--clip 1,off]
import { parseArgs } from 'node:util';
import { elementsOfLabel } from './suite/sizes.mjs';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

const { values } = parseArgs({
  options: {
    builds: { type: 'string', default: 'dist/esm/index.js' },
    size: { type: 'string', default: '8M' },
    rounds: { type: 'string', default: '3' },
    'per-round': { type: 'string', default: '10' },
    warmup: { type: 'string', default: '5' },
    dtype: { type: 'string', default: 'f64' },
    clip: { type: 'string', default: '1' },
  },
});
const n = elementsOfLabel(values.size);
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

/** One set and its optimizer; a few keys, so the norm adds blocks of several keys as a real model's would. */
async function contestant(lib, threads, clip) {
  const sizes = { w1: Math.floor(n / 2) + 1, w2: Math.floor(n / 4) + 3, w3: n - Math.floor(n / 2) - 1 - Math.floor(n / 4) - 3 };
  const set = new lib.ParamSet(sizes, { dtype: values.dtype, threads, stateSlots: 2 });
  for (let i = 0; i < n; i++) {
    set.flatParams[i] = Math.sin(i);
    set.flatGrads[i] = Math.cos(i * 0.3);
  }
  await set.startThreads();
  const opt = new lib.Adam({ lr: 1e-4, ...(clip !== 'off' && { clipNorm: Number(clip) }) });
  for (let i = 0; i < Number(values.warmup); i++) opt.update(set.params, set.grads);
  return { set, opt, times: [] };
}

const builds = values.builds.split(',');
const libs = await Promise.all(builds.map((file) => import(pathToFileURL(resolve(file)).href)));
const all = [];
const clips = values.clip.split(',');
for (const [b, lib] of libs.entries()) {
  for (const clip of clips) for (const threads of [1, 2]) all.push({ build: builds[b], clip, threads, ...(await contestant(lib, threads, clip)) });
}
for (let r = 0; r < Number(values.rounds); r++) {
  for (const c of all) {
    for (let i = 0; i < Number(values['per-round']); i++) {
      const t0 = performance.now();
      c.opt.update(c.set.params, c.set.grads);
      c.times.push(performance.now() - t0);
    }
  }
}
console.log(`Adam, ${values.dtype}, ${n} elements in 3 keys; median of ${all[0].times.length} updates back to back`);
for (const build of builds) for (const clip of clips) {
  const [one, two] = [1, 2].map((t) => all.find((c) => c.build === build && c.clip === clip && c.threads === t).times);
  const check = all.find((c) => c.build === build && c.clip === clip && c.threads === 2);
  const [m1, m2, f1, f2] = [median(one), median(two), Math.min(...one), Math.min(...two)];
  console.log(
    `${build}, clipNorm ${clip}: 1 thread ${m1.toFixed(2)} ms, 2 threads ${m2.toFixed(2)} ms (${(m1 / m2).toFixed(2)}x); ` +
      `fastest ${f1.toFixed(2)} and ${f2.toFixed(2)} ms (${(f1 / f2).toFixed(2)}x); threads now ${check.set.threads}, norm ${check.opt.lastGradNorm}`,
  );
}

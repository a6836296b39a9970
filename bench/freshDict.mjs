// What a training loop pays when its computeGrads() returns a new dict object
// each step (holding the same arrays) instead of passing the same dict again.
// Adam on a ParamSet (zero-copy) and on plain arrays (copy path), for the
// small 10-key dict and the book's MNIST dict; medians of interleaved rounds.
//
//   npm run build && node bench/freshDict.mjs [path to a built index.js]
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { mnistShapes } from './suite/sizes.mjs';

const entry = process.argv[2] ?? new URL('../dist/esm/index.js', import.meta.url).pathname;
const { Adam, ParamSet } = await import(pathToFileURL(resolve(entry)).href);

const DICTS = { small: mnistShapes([64, 32, 32, 32, 32, 10]), MNIST: mnistShapes() };
const ROUNDS = 15;

function problem(shapes, zeroCopy) {
  if (zeroCopy) {
    const set = new ParamSet(shapes);
    set.flatParams.fill(0.5);
    set.flatGrads.fill(0.01);
    return { params: set.params, grads: set.grads };
  }
  const dict = (x) => Object.fromEntries(Object.entries(shapes).map(([k, s]) => [k, new Float64Array(s.reduce((a, b) => a * b, 1)).fill(x)]));
  return { params: dict(0.5), grads: dict(0.01) };
}

/**
 * µs per update: the same dict objects every step, or fresh ones (spread
 * copies, as a function returning `{ ... }` makes); 'spread' times making the
 * two copies alone, the caller's part of the fresh case.
 */
function timer(shapes, zeroCopy, mode) {
  const { params, grads } = problem(shapes, zeroCopy);
  const opt = new Adam({ lr: 1e-6 });
  let sink = null;
  const step = {
    same: () => opt.update(params, grads),
    fresh: () => opt.update({ ...params }, { ...grads }),
    spread: () => (sink = [{ ...params }, { ...grads }]),
  }[mode];
  for (let i = 0; i < 200; i++) step();
  return () => {
    const reps = 400;
    const t0 = performance.now();
    for (let i = 0; i < reps; i++) step();
    const us = ((performance.now() - t0) / reps) * 1000;
    return sink === undefined ? NaN : us;
  };
}

const median = (a) => [...a].sort((x, y) => x - y)[a.length >> 1];
for (const [name, shapes] of Object.entries(DICTS)) {
  for (const zeroCopy of [true, false]) {
    const timers = { same: timer(shapes, zeroCopy, 'same'), fresh: timer(shapes, zeroCopy, 'fresh'), spread: timer(shapes, zeroCopy, 'spread') };
    const t = { same: [], fresh: [], spread: [] };
    for (let r = 0; r < ROUNDS; r++) for (const mode of Object.keys(t)) t[mode].push(timers[mode]());
    const [s, f, c] = [median(t.same), median(t.fresh), median(t.spread)];
    const path = zeroCopy ? 'ParamSet' : 'copy path';
    console.log(
      `Adam ${name} ${path}: same dict ${s.toFixed(2)} µs, fresh dict ${f.toFixed(2)} µs (${((f / s - 1) * 100).toFixed(1)} %), ` +
        `of which making the two dicts ${c.toFixed(2)} µs; the optimizer's own extra ${(((f - c) / s - 1) * 100).toFixed(1)} %`,
    );
  }
}

// An interleaved A/B of two builds of simd-optim in one process: for each
// optimizer and size, rounds alternate between build A and build B, so load on
// a shared machine falls on both alike (two separate bench runs minutes apart
// differ by more than most changes do). Medians of µs per update.
//
//   npm run build   # B is this tree's dist/; keep a copy of A's dist/ from before the change
//   node bench/abBuilds.mjs /tmp/before/dist/esm/index.js dist/esm/index.js [Adam,torch.NAdam,...] [f64|f32] [zero-copy|copy|js]
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { mnistShapes } from './suite/sizes.mjs';

const [fileA, fileB, names = 'SGD,Momentum,Nesterov,AdaGrad,RMSProp,Adam', dtype = 'f64', path = 'zero-copy'] = process.argv.slice(2);
if (!fileA || !fileB) {
  console.error('usage: node bench/abBuilds.mjs A/index.js B/index.js [optimizers] [f64|f32] [zero-copy|copy|js]');
  process.exit(2);
}
const load = (file) => import(pathToFileURL(resolve(file)).href);
const [A, B] = [await load(fileA), await load(fileB)];
const SIZES = { '1K': { w: [1024] }, small: mnistShapes([64, 32, 32, 32, 32, 10]), MNIST: mnistShapes(), '128K': { w: [131072] } };
const ROUNDS = 11;

/** µs per update of optimizer `name` ('Adam', 'torch.SGD': with momentum 0.9) over `shapes` with build `lib`. */
function timer(lib, name, shapes) {
  const [scope, cls] = name.startsWith('torch.') ? [lib.torch, name.slice(6)] : [lib, name];
  const set = new lib.ParamSet(shapes, { dtype });
  set.flatParams.fill(0.5);
  set.flatGrads.fill(0.01);
  const own = (d) => Object.fromEntries(Object.entries(d).map(([k, v]) => [k, v.slice()]));
  const params = path === 'zero-copy' ? set.params : own(set.params);
  const grads = path === 'zero-copy' ? set.grads : own(set.grads);
  const opt = new scope[cls]({ lr: 1e-6, ...(name === 'torch.SGD' && { momentum: 0.9 }), ...(path === 'js' && { backend: 'js' }) });
  for (let i = 0; i < 300; i++) opt.update(params, grads);
  const reps = Math.max(50, Math.min(5000, Math.floor(2e6 / set.size)));
  return () => {
    const t0 = performance.now();
    for (let i = 0; i < reps; i++) opt.update(params, grads);
    return ((performance.now() - t0) / reps) * 1000;
  };
}

const median = (a) => [...a].sort((x, y) => x - y)[a.length >> 1];
for (const name of names.split(',')) {
  for (const [size, shapes] of Object.entries(SIZES)) {
    const [ta, tb] = [timer(A, name, shapes), timer(B, name, shapes)];
    const a = [];
    const b = [];
    for (let r = 0; r < ROUNDS; r++) {
      a.push(ta());
      b.push(tb());
    }
    const [ma, mb] = [median(a), median(b)];
    console.log(`${name.padEnd(14)} ${size.padEnd(6)} ${dtype} ${path}: A ${ma.toFixed(2)} µs, B ${mb.toFixed(2)} µs (${((mb / ma - 1) * 100).toFixed(1)} %)`);
  }
}

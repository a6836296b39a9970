// The main demo: `npm run demo`. Every line it prints is meant to be read by
// someone who has seen only the README.
// 1. Every optimizer on the book's anisotropic f(x, y) = x²/20 + y² (figure 6-8).
// 2. Every optimizer fitting a small linear regression, params in a ParamSet.
// 3. How much faster one Adam update is than a plain-JS port of the book's Adam class.
import { AdaGrad, Adam, Momentum, Nesterov, ParamSet, RMSProp, SGD, backend } from 'simd-optim';
import { Adam as SeedAdam } from '../bench/seedPort.mjs';

const CLASSES = { SGD, Momentum, Nesterov, AdaGrad, RMSProp, Adam };

const BACKEND_SAYS = { wasm: 'the WebAssembly SIMD kernels', js: 'the plain-JS fallback: this runtime has no WebAssembly SIMD' };
console.log(`simd-optim demo: the optimizers of Deep Learning from Scratch, ch. 6 (backend: ${backend}, ${BACKEND_SAYS[backend]})\n`);

// ---- 1. f(x, y) = x²/20 + y², from (-7, 2), 30 steps, the book's learning rates ----
const BOOK_LR = { SGD: 0.95, Momentum: 0.1, Nesterov: 0.1, AdaGrad: 1.5, RMSProp: 0.1, Adam: 0.3 };
console.log("1. The book's figure 6-8: minimise f(x, y) = x²/20 + y² from (-7, 2) in 30 steps, with the book's learning rates.");
console.log('   The minimum is f = 0 at (0, 0). The x direction is 20 times flatter than y, which is what separates the optimizers:');
for (const [name, Cls] of Object.entries(CLASSES)) {
  const set = new ParamSet({ x: 1, y: 1 });
  set.params.x[0] = -7;
  set.params.y[0] = 2;
  const opt = new Cls({ lr: BOOK_LR[name] });
  for (let t = 0; t < 30; t++) {
    set.grads.x[0] = set.params.x[0] / 10;
    set.grads.y[0] = 2 * set.params.y[0];
    opt.update(set.params, set.grads);
  }
  const [x, y] = [set.params.x[0], set.params.y[0]];
  console.log(`   ${name.padEnd(9)} lr ${String(BOOK_LR[name]).padEnd(4)} → (${x.toFixed(4).padStart(8)}, ${y.toFixed(4).padStart(8)})   f = ${(x * x / 20 + y * y).toExponential(3)}`);
}
console.log('   Momentum and Nesterov carry speed, so they overshoot x = 0 and swing back (hence x > 0 after 30 steps).');
console.log('   RMSProp divides each step by the running size of its gradient, so it moves about lr (0.1) per step whatever');
console.log('   the slope: 30 steps cover about half of the distance from x = -7. It is still on its way, not stuck.');
console.log('   AdaGrad divides by a sum of squared gradients that only grows, so its steps shrink near the minimum;');
console.log("   with the book's large lr (1.5) it ends closest.");

// ---- 2. linear regression: y = X·w + b + noise, mean squared error ----
const TRUE_W = [2, -3, 0.5];
const TRUE_B = 1;
const N = 256;
let seed = 12345;
const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32) * 2 - 1;
const X = Float64Array.from({ length: N * 3 }, rand);
const Y = Float64Array.from({ length: N }, (_, i) => TRUE_W.reduce((s, w, j) => s + w * X[i * 3 + j], TRUE_B) + 0.01 * rand());

function lossAndGrads(set) {
  const { W, b } = set.params;
  set.zeroGrads();
  let loss = 0;
  for (let i = 0; i < N; i++) {
    const err = W[0] * X[i * 3] + W[1] * X[i * 3 + 1] + W[2] * X[i * 3 + 2] + b[0] - Y[i];
    loss += err * err;
    for (let j = 0; j < 3; j++) set.grads.W[j] += (2 / N) * err * X[i * 3 + j];
    set.grads.b[0] += (2 / N) * err;
  }
  return loss / N;
}

const REG_LR = { SGD: 0.3, Momentum: 0.05, Nesterov: 0.05, AdaGrad: 0.5, RMSProp: 0.02, Adam: 0.05 };
console.log(`\n2. Fit y = w·x + b to ${N} noisy samples (true w = [${TRUE_W}], b = ${TRUE_B}), mean squared error, 200 steps, params in a ParamSet.`);
console.log(`   The noise alone accounts for a loss of about ${(1e-4 / 3).toExponential(1)}, so that is where a good fit ends.`);
for (const [name, Cls] of Object.entries(CLASSES)) {
  const set = new ParamSet({ W: 3, b: 1 });
  const opt = new Cls({ lr: REG_LR[name] });
  let loss = 0;
  for (let t = 0; t < 200; t++) {
    loss = lossAndGrads(set);
    opt.update(set.params, set.grads);
  }
  const w = Array.from(set.params.W, (v) => v.toFixed(3).padStart(6)).join(', ');
  console.log(`   ${name.padEnd(9)} lr ${String(REG_LR[name]).padEnd(4)} → w = [${w}], b = ${set.params.b[0].toFixed(3)}, loss ${loss.toExponential(2)}`);
}
console.log('   RMSProp ends a little off: its steps stay about lr (0.02) long near the minimum, so it keeps stepping around it.');
console.log('   A smaller lr, or one that decays (a schedule, see the guide), takes it the rest of the way.');

// ---- 3. one Adam update on the book's MNIST net (784-100-100-100-100-10) ----
const NET = { W1: [784, 100], b1: 100, W2: [100, 100], b2: 100, W3: [100, 100], b3: 100, W4: [100, 100], b4: 100, W5: [100, 10], b5: 10 };
const set = new ParamSet(NET);
set.flatParams.forEach((_, i) => (set.flatParams[i] = rand()));
set.flatGrads.forEach((_, i) => (set.flatGrads[i] = rand()));
const plain = (d) => Object.fromEntries(Object.entries(d).map(([k, v]) => [k, v.slice()]));
const seedParams = plain(set.params);
const seedGrads = plain(set.grads);
const fast = new Adam();
const seedAdam = new SeedAdam();
const time = (f, n) => {
  const t0 = performance.now();
  for (let i = 0; i < n; i++) f();
  return (performance.now() - t0) / n;
};
const rounds = { fast: [], seed: [] };
for (let r = 0; r < 12; r++) {
  rounds.fast.push(time(() => fast.update(set.params, set.grads), 50));
  rounds.seed.push(time(() => seedAdam.update(seedParams, seedGrads), 50));
}
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const [f, s] = [median(rounds.fast.slice(2)), median(rounds.seed.slice(2))];
console.log(`\n3. Time of one Adam update of the book's MNIST network (${set.size} parameters in 10 arrays), median of 10 rounds of 50 updates:`);
console.log(`   plain JS (a port of the book's Adam class)   ${(s * 1000).toFixed(0).padStart(5)} µs`);
console.log(`   simd-optim's Adam on a ParamSet              ${(f * 1000).toFixed(0).padStart(5)} µs   → ${(s / f).toFixed(2)}× faster`);
// Both made the same updates from the same start. The port takes β^t from
// Math.pow, which can differ from C's pow (what NumPy uses, and what
// simd-optim matches) in the last bit, so the two agree closely, not bitwise.
let worst = 0;
for (const k of Object.keys(NET)) {
  set.params[k].forEach((v, i) => (worst = Math.max(worst, Math.abs(v - seedParams[k][i]) / Math.max(Math.abs(v), 1e-300))));
}
console.log(`   After ${12 * 50} updates each, the two sets of parameters differ by at most ${worst.toExponential(1)} (relative).`);
console.log("   (The port's Math.pow can differ from C's pow in the last bit; simd-optim matches NumPy's results bit for bit.)");
console.log('   This machine, this run: the figures move with the load. Every optimizer at every size: npm run bench.');

// A micro-benchmark of the shaped optimizers' per-key WebAssembly kernels
// (assembly/lamb.ts, assembly/adafactor.ts) against the plain-JS references
// (test/support/shapedReference.ts, bundled here by esbuild): one key's step,
// for a 784×100 key and a 100-element key, f64 and f32. Kernel and reference
// calls alternate in rounds; each figure is the median over the rounds of
// the mean time per call in a round. Not run in CI. One dtype per process: the
// references are written for both array types, and a reference that has seen
// both runs slower on each (its property accesses become polymorphic).
//   npm run build:wasm && node bench/shapedKernels.mjs f64 [rounds] && node bench/shapedKernels.mjs f32 [rounds]
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';

const DTYPE = process.argv[2] ?? 'f64';
const ROUNDS = Number(process.argv[3] ?? 15);
if (DTYPE !== 'f64' && DTYPE !== 'f32') throw new Error(`dtype: f64 or f32, not ${DTYPE}`);
const root = new URL('../', import.meta.url);

const bundle = await build({ entryPoints: [new URL('test/support/shapedReference.ts', root).pathname], bundle: true, write: false, format: 'esm', logLevel: 'warning' });
const ref = await import(`data:text/javascript;base64,${Buffer.from(bundle.outputFiles[0].text).toString('base64')}`);

const wasm = new WebAssembly.Module(readFileSync(new URL('build/kernels.wasm', root)));
const memory = new WebAssembly.Memory({ initial: 256 });
const k = new WebAssembly.Instance(wasm, { env: { memory, abort: () => { throw new Error('abort'); } } }).exports;
let top = Math.ceil(k.heapBase() / 16) * 16;
function alloc(Array, n) {
  const x = new Array(memory.buffer, top, n);
  top = Math.ceil((top + n * Array.BYTES_PER_ELEMENT) / 16) * 16;
  return x;
}

const ROUND = { f64: (x) => x, f32: Math.fround };
const LAMB = { lr: 1e-3, beta1: 0.9, beta2: 0.999, eps: 1e-6, weightDecay: 0.01 };
const ADAFACTOR = { lr: 1e-2, beta2Decay: -0.8, eps1: null, eps2: 1e-3, d: 1, weightDecay: 0 };
const T = 10; // the step whose host scalars every call uses

/** The same key twice: in the kernels' memory and in plain arrays; a deterministic gradient. */
function key(Array, shape, stateSizes) {
  const n = shape.reduce((a, b) => a * b, 1);
  const init = (x, seed) => { for (let i = 0; i < x.length; i++) x[i] = Math.sin(seed + i * 0.37) * 0.5; return x; };
  const wasmSide = { p: init(alloc(Array, n), 1), g: init(alloc(Array, n), 2), s: stateSizes.map((m) => alloc(Array, m)) };
  const jsSide = { p: init(new Array(n), 1), g: init(new Array(n), 2), s: stateSizes.map((m) => new Array(m)) };
  return { n, wasmSide, jsSide };
}

function cases(dtype) {
  const Array = dtype === 'f32' ? Float32Array : Float64Array;
  const r = ROUND[dtype];
  const lh = ref.lambHost(LAMB, T);
  const ah = ref.adafactorHost(ADAFACTOR, T);
  const eps1 = dtype === 'f32' ? 2 ** -23 : 2 ** -52;
  const out = [];
  for (const shape of [[784, 100], [100]]) {
    const n = shape.reduce((a, b) => a * b, 1);
    const l = key(Array, shape, [n, n]);
    const [m, v] = l.wasmSide.s;
    out.push({
      name: `LAMB ${shape.join('×')} ${dtype}`,
      kernel: () => k[`lambKey_${dtype}`](l.wasmSide.p.byteOffset, l.wasmSide.g.byteOffset, m.byteOffset, v.byteOffset, n, LAMB.lr, LAMB.beta1, LAMB.beta2, LAMB.eps, LAMB.weightDecay, lh.omb1, lh.omb2, lh.bc1, lh.bc2),
      js: () => ref.lambKey(l.jsSide.p, l.jsSide.g, { m: l.jsSide.s[0], v: l.jsSide.s[1] }, LAMB, lh, r),
    });
    const factored = shape.length >= 2;
    // The last state is the kernel's scratch for U (in a ParamSet, the room of the state the key does not keep).
    const a = key(Array, shape, factored ? [shape[0], shape[1], n] : [n, n]);
    const [s0, s1, s2] = a.wasmSide.s;
    const scalars = [eps1, ADAFACTOR.eps2, ADAFACTOR.d, ADAFACTOR.weightDecay, ah.beta2t, ah.omb2t, ah.rho, ah.lrwd];
    out.push({
      name: `Adafactor ${shape.join('×')} ${dtype}`,
      kernel: factored
        ? () => k[`adafactorMatrixKey_${dtype}`](a.wasmSide.p.byteOffset, a.wasmSide.g.byteOffset, s0.byteOffset, s1.byteOffset, s2.byteOffset, 1, shape[0], shape[1], ...scalars)
        : () => k[`adafactorVectorKey_${dtype}`](a.wasmSide.p.byteOffset, a.wasmSide.g.byteOffset, s0.byteOffset, s1.byteOffset, n, ...scalars),
      js: () => ref.adafactorKey(a.jsSide.p, a.jsSide.g, shape, factored ? { row: a.jsSide.s[0], col: a.jsSide.s[1] } : { v: a.jsSide.s[0] }, ADAFACTOR, ah, r),
    });
  }
  return out;
}

/** Mean µs per call over enough calls to fill about 20 ms. */
function timeRound(f, calls) {
  const t0 = performance.now();
  for (let i = 0; i < calls; i++) f();
  return ((performance.now() - t0) * 1000) / calls;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

console.log(`node ${process.version}, ${ROUNDS} interleaved rounds, median µs per key step`);
console.log(`${'key'.padEnd(28)} ${'kernel'.padStart(10)} ${'JS ref'.padStart(10)} ${'speed-up'.padStart(9)}`);
for (const c of cases(DTYPE)) {
  const calls = {};
  for (const side of ['kernel', 'js']) {
    for (let i = 0; i < 3; i++) c[side](); // warm up
    const once = timeRound(c[side], 3);
    calls[side] = Math.max(1, Math.round(20000 / Math.max(once, 0.05)));
  }
  const times = { kernel: [], js: [] };
  for (let round = 0; round < ROUNDS; round++) {
    times.kernel.push(timeRound(c.kernel, calls.kernel));
    times.js.push(timeRound(c.js, calls.js));
  }
  const kt = median(times.kernel);
  const jt = median(times.js);
  console.log(`${c.name.padEnd(28)} ${kt.toFixed(2).padStart(10)} ${jt.toFixed(2).padStart(10)} ${(jt / kt).toFixed(1).padStart(8)}×`);
}

// Startup cost as a user meets it: how long `import 'simd-optim'` takes in a
// fresh Node process, and how long the first optimizer step after it takes
// (the step that pays for compiling and instantiating the kernels, if the
// import did not). Each figure is the median over N fresh processes.
//
//   node bench/startup.mjs [N=15] [--require] [DIR...]
//
// Run `npm run build` first: the package is loaded by its name (the built
// dist/). With --require the child loads it through require() instead. Given
// several package directories (e.g. a checkout of main beside this one), the
// processes alternate between them, so a busy machine slows each alike.
import { execFileSync } from 'node:child_process';

const runs = Number(process.argv.find((a) => /^\d+$/.test(a)) ?? 15);
const viaRequire = process.argv.includes('--require');
const dirs = process.argv.slice(2).filter((a) => !/^\d+$/.test(a) && a !== '--require');
if (dirs.length === 0) dirs.push(new URL('..', import.meta.url).pathname);

// One fresh process: import, then a ParamSet, then an Adam step on it, then
// a step on plain arrays (the copy path), each timed on its own.
const child = `
const t0 = performance.now();
const m = ${viaRequire ? "require('simd-optim')" : "await import('simd-optim')"};
const t1 = performance.now();
const set = new m.ParamSet({ W1: [784, 50], b1: 50, W2: [50, 10], b2: 10 });
set.flatGrads.fill(0.01);
const t2 = performance.now();
new m.Adam().update(set.params, set.grads);
const t3 = performance.now();
const plain = { w: new Float64Array(40000) }, grads = { w: new Float64Array(40000).fill(0.01) };
new m.Adam().update(plain, grads);
const t4 = performance.now();
console.log(JSON.stringify({ backend: m.backend, import: t1 - t0, paramSet: t2 - t1, firstZeroCopy: t3 - t2, firstCopy: t4 - t3, toFirstStep: t3 - t0 }));
`;

const samples = dirs.map(() => []);
const args = viaRequire ? ['-e', child] : ['--input-type=module', '-e', child];
for (let i = 0; i < runs; i++) {
  dirs.forEach((cwd, d) => samples[d].push(JSON.parse(execFileSync(process.execPath, args, { cwd }).toString())));
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
console.log(`simd-optim startup, ${viaRequire ? 'require' : 'import'}, median of ${runs} fresh processes each (Node ${process.version}), ms:`);
console.log(['', ...dirs].map((d) => d.padStart(d ? 28 : 14)).join(''));
for (const key of ['import', 'paramSet', 'firstZeroCopy', 'firstCopy', 'toFirstStep']) {
  console.log(key.padEnd(14) + samples.map((s) => median(s.map((x) => x[key])).toFixed(2).padStart(28)).join(''));
}
console.log('backend'.padEnd(14) + samples.map((s) => s[0].backend.padStart(28)).join(''));

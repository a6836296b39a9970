// `npm run bench:compare -- A.json B.json`: two results files side by side
// (say a Node run and a Chromium run of the same selection), one row per
// optimizer and size present in both. Each "×" is from its own run (ratios
// taken round by round there); the two runs are never divided by each other
// except in the plain-JS column, which shows how fast each runtime's JIT runs
// the same port.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';

const [fileA, fileB] = process.argv.slice(2);
if (!fileA || !fileB) {
  console.error('usage: npm run bench:compare -- A.json B.json');
  process.exit(2);
}
const load = (file) => ({ file, ...JSON.parse(readFileSync(file, 'utf8')) });
const a = load(fileA);
const b = load(fileB);

const runtimeOf = (r) => (r.environment.runtime === 'browser' ? r.environment.browser ?? 'browser' : `Node ${r.environment.node}`);
const x = (v) => (v === undefined || !Number.isFinite(v) ? '–' : v >= 10 ? `${v.toFixed(1)}×` : `${v.toFixed(2)}×`);
const us = (v) => (v === undefined ? '–' : v >= 1000 ? `${(v / 1000).toPrecision(3)} ms` : `${v.toPrecision(3)} µs`);

const COLUMNS = [
  { head: 'plain JS f64, per update', cell: (c) => us(c?.paths['seed-js']?.medianUs) },
  { head: 'ParamSet', cell: (c) => x(c?.paths['zero-copy']?.vs['seed-js']) },
  { head: 'copy path', cell: (c) => x(c?.paths['copy']?.vs['seed-js']) },
  { head: 'ParamSet f32 ÷ plain JS f32', cell: (c) => x(c?.paths['zero-copy-f32']?.vs['seed-js-f32']) },
  { head: 'ParamSet ÷ TF.js wasm', cell: (c) => x(c?.paths['zero-copy']?.vs['tfjs-wasm']) },
];

const key = (c) => `${c.optimizer}@${c.size}`;
const inB = new Map(b.cases.map((c) => [key(c), c]));
const names = Object.fromEntries([...a.optimizers, ...b.optimizers].map((o) => [o.id, o.name]));
const labels = Object.fromEntries([...a.sizes, ...b.sizes].map((s) => [s.id, s.label]));
const [ra, rb] = [runtimeOf(a), runtimeOf(b)];
const shortOf = (r) => (r.environment.runtime === 'browser' ? 'Chromium' : 'Node');
const [sa, sb] = [shortOf(a), shortOf(b)].map((s, i, both) => (both[0] === both[1] ? `${s} ${'AB'[i]}` : s));

const lines = [
  `| optimizer | size | ${COLUMNS.map((col) => `${col.head}, ${sa} | ${sb}`).join(' | ')} |`,
  `| --- | --- | ${COLUMNS.map(() => '---: | ---:').join(' | ')} |`,
];
let shared = 0;
for (const ca of a.cases) {
  const cb = inB.get(key(ca));
  if (!cb) continue;
  shared++;
  lines.push(`| ${names[ca.optimizer]} | ${labels[ca.size]} | ${COLUMNS.map((col) => `${col.cell(ca)} | ${col.cell(cb)}`).join(' | ')} |`);
}
if (shared === 0) {
  console.error(`no optimizer and size is in both ${basename(fileA)} and ${basename(fileB)}`);
  process.exit(1);
}
console.log(lines.join('\n'));
console.log(`\n${basename(fileA)} (${ra}, ${a.command ?? '?'}) · ${basename(fileB)} (${rb}, ${b.command ?? '?'})`);

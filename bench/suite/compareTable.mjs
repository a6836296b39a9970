// Two results files side by side (say a Node run and a Chromium run of the
// same selection), one row per optimizer and size present in both. Each "×"
// is from its own run (ratios taken round by round there); the two runs are
// never divided by each other except in the plain-JS column, which shows how
// fast each runtime's JIT runs the same port.

/** A speed-up as the tables print it: '2.45×', '13.7×', or '–' when there is none. */
export const x = (v) => (v === undefined || !Number.isFinite(v) ? '–' : v >= 10 ? `${v.toFixed(1)}×` : `${v.toFixed(2)}×`);
/** A time per update from µs: '846 µs', '2.63 ms', or '–'. */
export const us = (v) => (v === undefined ? '–' : v >= 1000 ? `${(v / 1000).toPrecision(3)} ms` : `${v.toPrecision(3)} µs`);

const BASE_COLUMNS = [
  { head: 'plain JS f64, per update', cell: (c) => us(c?.paths['seed-js']?.medianUs) },
  { head: 'ParamSet', cell: (c) => x(c?.paths['zero-copy']?.vs['seed-js']) },
  { head: 'copy path', cell: (c) => x(c?.paths['copy']?.vs['seed-js']) },
  { head: 'ParamSet f32 ÷ plain JS f32', cell: (c) => x(c?.paths['zero-copy-f32']?.vs['seed-js-f32']) },
  { head: 'ParamSet ÷ TF.js wasm', cell: (c) => x(c?.paths['zero-copy']?.vs['tfjs-wasm']) },
];

/** Shown when either run timed threads: a set's default ('auto') against plain JS, two threads over one, and the memory's bound on that. */
const THREAD_COLUMNS = [
  { head: 'ParamSet, threads auto', cell: (c) => x(c?.paths['threads-auto']?.vs['seed-js']) },
  { head: '2 threads ÷ 1', cell: (c) => x(c?.paths['threads-2']?.vs['zero-copy']) },
  // The most two threads could gain over one with the row's bytes alone, in that run (paths/bytesAlone.mjs).
  { head: "memory's bound on 2 ÷ 1", cell: (c) => x(c?.paths['bytes-2']?.vs['zero-copy']) },
];

/** 'Node v20.20.2' or the browser's name and version. */
export const runtimeOf = (r) => (r.environment.runtime === 'browser' ? r.environment.browser ?? 'browser' : `Node ${r.environment.node}`);

const shortOf = (r) => (r.environment.runtime === 'browser' ? 'Chromium' : 'Node');

/** The Markdown table of the cases both results hold; null when they share none. */
export function compareTable(a, b) {
  const key = (c) => `${c.optimizer}@${c.size}`;
  const inB = new Map(b.cases.map((c) => [key(c), c]));
  const names = Object.fromEntries([...a.optimizers, ...b.optimizers].map((o) => [o.id, o.name]));
  const labels = Object.fromEntries([...a.sizes, ...b.sizes].map((s) => [s.id, s.label]));
  const timedThreads = [a, b].some((r) => r.paths?.some((p) => p.id === 'threads-2'));
  const COLUMNS = timedThreads ? [...BASE_COLUMNS, ...THREAD_COLUMNS] : BASE_COLUMNS;
  const [sa, sb] = [shortOf(a), shortOf(b)].map((s, i, both) => (both[0] === both[1] ? `${s} ${'AB'[i]}` : s));
  const lines = [
    `| optimizer | size | ${COLUMNS.map((col) => `${col.head}, ${sa} | ${sb}`).join(' | ')} |`,
    `| --- | --- | ${COLUMNS.map(() => '---: | ---:').join(' | ')} |`,
  ];
  const shared = a.cases.filter((ca) => inB.has(key(ca)));
  if (shared.length === 0) return null;
  for (const ca of shared) {
    const cb = inB.get(key(ca));
    lines.push(`| ${names[ca.optimizer]} | ${labels[ca.size]} | ${COLUMNS.map((col) => `${col.cell(ca)} | ${col.cell(cb)}`).join(' | ')} |`);
  }
  return lines.join('\n');
}

// The Markdown tables of a results object, one per family of optimizers (the
// seed's, the torch namespace's), each with its own plain-JS baseline: one row
// per optimizer and size, the plain-JS time, every other path as a speed-up
// over it (medians of per-round ratios), simd-optim against TF.js wasm, and
// the bandwidth against the roofline.
import { FAMILIES, familyOf } from './optimizers.mjs';

const x = (v) => (v === undefined || !Number.isFinite(v) ? '–' : v >= 100 ? `${v.toFixed(0)}×` : v >= 10 ? `${v.toFixed(1)}×` : v >= 1 ? `${v.toFixed(2)}×` : `${v.toPrecision(2)}×`);
const us = (v) => (v >= 1000 ? `${(v / 1000).toPrecision(3)} ms` : `${v.toPrecision(3)} µs`);
const pct = (v) => (v === undefined ? '–' : `${(v * 100).toFixed(0)} %`);

function familyTable(results, family) {
  const has = (id) => results.paths.some((p) => p.id === id);
  const subjects = results.paths.filter((p) => p.role === 'subject' || p.role === 'peer' || p.id === 'seed-js-f32');
  const columns = [
    { head: `plain JS (f64, ${FAMILIES[family]?.port ?? `${family} port`}), per update`, cell: (c) => (c.paths['seed-js'] ? us(c.paths['seed-js'].medianUs) : '–') },
    ...subjects.map((p) => ({ head: `${p.short}${p.role === 'peer' ? ' (f32)' : ''}`, cell: (c) => x(c.paths[p.id]?.vs['seed-js']) })),
  ];
  if (has('zero-copy-f32') && has('seed-js-f32')) {
    columns.push({ head: 'ParamSet f32 ÷ plain JS f32', cell: (c) => x(c.paths['zero-copy-f32']?.vs['seed-js-f32']) });
  }
  // Thread scaling: each thread path over the one-thread ParamSet of its dtype, round by round.
  // The bound: the most two threads could gain over one with the row's bytes alone (bytesAlone.mjs).
  const scaling = [
    ['threads-2', 'zero-copy', '2 threads ÷ 1'],
    ['bytes-2', 'zero-copy', "memory's bound on 2 ÷ 1"],
    ['threads-auto', 'zero-copy', 'auto ÷ 1'],
    ['threads-2-f32', 'zero-copy-f32', '2 threads ÷ 1 (f32)'],
    ['bytes-2-f32', 'zero-copy-f32', "memory's bound on 2 ÷ 1 (f32)"],
    ['threads-auto-f32', 'zero-copy-f32', 'auto ÷ 1 (f32)'],
  ];
  for (const [id, one, head] of scaling) {
    if (has(id) && has(one)) columns.push({ head, cell: (c) => x(c.paths[id]?.vs[one]) });
  }
  if (has('tfjs-wasm')) {
    columns.push({ head: 'ParamSet ÷ TF.js wasm', cell: (c) => x(c.paths['zero-copy']?.vs['tfjs-wasm']) });
    // TF.js computes in float32 only: this is the like-for-like comparison.
    if (has('zero-copy-f32')) columns.push({ head: 'ParamSet f32 ÷ TF.js wasm', cell: (c) => x(c.paths['zero-copy-f32']?.vs['tfjs-wasm']) });
  }
  columns.push(
    { head: 'roofline', cell: (c) => (c.paths.roofline ? `${c.paths.roofline.gbPerS.toFixed(1)} GB/s` : '–') },
    { head: 'ParamSet of roofline', cell: (c) => pct(c.paths['zero-copy']?.ofRoofline) },
  );
  const names = Object.fromEntries(results.optimizers.map((o) => [o.id, o.name]));
  const labels = Object.fromEntries(results.sizes.map((s) => [s.id, s.label]));
  const lines = [
    `| optimizer | size | ${columns.map((c) => c.head).join(' | ')} |`,
    `| --- | --- | ${columns.map(() => '---:').join(' | ')} |`,
  ];
  const order = (list, id) => list.findIndex((o) => o.id === id);
  const inFamily = new Set(results.optimizers.filter((o) => familyOf(o) === family).map((o) => o.id));
  const rows = results.cases.filter((c) => inFamily.has(c.optimizer)).sort(
    (a, b) => order(results.optimizers, a.optimizer) - order(results.optimizers, b.optimizer) || order(results.sizes, a.size) - order(results.sizes, b.size),
  );
  for (const c of rows) {
    lines.push(`| ${names[c.optimizer]} | ${labels[c.size]} | ${columns.map((col) => col.cell(c)).join(' | ')} |`);
  }
  return lines.join('\n');
}

/** One table per family present, each under a bold title line when there is more than one. */
export function markdownTable(results) {
  const families = [...new Set(results.optimizers.map(familyOf))];
  if (families.length === 1) return familyTable(results, families[0]);
  return families.map((f) => `**${FAMILIES[f]?.title ?? f}** (baseline: the plain-JS ${FAMILIES[f]?.port ?? 'port'}, ${FAMILIES[f]?.baseline})\n\n${familyTable(results, f)}`).join('\n\n');
}

// The chart of a results object: speed-up over plain JS (the f64 port of its
// family: the book's classes or PyTorch's algorithms) by problem size, log axes, one panel per optimizer
// and one line per path in it, the roofline dashed; the panels of each family
// grouped under a title of their own. The single-key vectors make the lines; the
// two dicts (10 keys each) are separate markers at their element counts, since a
// dict of small arrays is not a point on the same curve. Rendered to SVG with vega in
// Node (no browser, no canvas).
import * as vega from 'vega';
import * as vl from 'vega-lite';
import { FAMILIES, familyOf } from './optimizers.mjs';

// Ticks at the suite's sizes (binary multiples) and at powers of ten of the speed-up.
const X_AXIS = {
  values: [2 ** 10, 2 ** 14, 2 ** 17, 2 ** 20, 2 ** 23],
  labelExpr: "datum.value >= 1048576 ? datum.value / 1048576 + 'M' : datum.value / 1024 + 'K'",
};
const Y_AXIS = { values: [0.001, 0.01, 0.1, 1, 10, 100, 1000], format: '~g' };

function points(results) {
  const names = Object.fromEntries(results.optimizers.map((o) => [o.id, o.name]));
  const families = Object.fromEntries(results.optimizers.map((o) => [o.id, familyOf(o)]));
  const labels = Object.fromEntries(results.sizes.map((s) => [s.id, s.label]));
  const rows = [];
  for (const c of results.cases) {
    for (const path of results.paths) {
      const speedup = c.paths[path.id]?.vs['seed-js'];
      // A bound is another rule's speed over the row's bytes, not a way to run the row.
      if ((path.role === 'baseline' && path.id === 'seed-js') || path.role === 'bound') continue;
      if (speedup === undefined || !Number.isFinite(speedup)) continue;
      rows.push({
        optimizer: names[c.optimizer],
        family: families[c.optimizer],
        path: path.role === 'peer' ? `${path.short} (f32)` : path.short,
        elements: c.elements,
        dict: c.keys > 1 ? `${labels[c.size]} (${c.keys} keys)` : 'one key',
        speedup,
        roofline: path.role === 'roofline',
      });
    }
  }
  return rows;
}

const PANEL = {
  width: 260,
  height: 200,
  layer: [
    {
      transform: [{ filter: "datum.dict === 'one key'" }],
      mark: { type: 'line', point: true },
      encoding: {
        x: { field: 'elements', type: 'quantitative', scale: { type: 'log' }, title: 'elements', axis: X_AXIS },
        y: { field: 'speedup', type: 'quantitative', scale: { type: 'log' }, title: '× plain JS (log)', axis: Y_AXIS },
        color: { field: 'path', type: 'nominal', title: 'path' },
        strokeDash: { field: 'roofline', type: 'nominal', legend: null, scale: { domain: [false, true], range: [[1, 0], [4, 3]] } },
      },
    },
    {
      transform: [{ filter: "datum.dict !== 'one key'" }],
      mark: { type: 'point', shape: 'diamond', size: 70, filled: true },
      encoding: {
        x: { field: 'elements', type: 'quantitative', scale: { type: 'log' } },
        y: { field: 'speedup', type: 'quantitative', scale: { type: 'log' } },
        color: { field: 'path', type: 'nominal' },
        shape: { field: 'dict', type: 'nominal', title: null, scale: { range: ['square', 'diamond'] }, legend: { labelLimit: 240 } },
      },
    },
    { mark: { type: 'rule', color: '#888', strokeDash: [2, 2] }, encoding: { y: { datum: 1 } } },
  ],
};

/** One facet of panels: every optimizer of `family`, three to a row. */
function panels(results, family) {
  return {
    transform: [{ filter: { field: 'family', equal: family } }],
    facet: { field: 'optimizer', type: 'nominal', title: null, sort: results.optimizers.filter((o) => familyOf(o) === family).map((o) => o.name) },
    columns: 3,
    spec: PANEL,
  };
}

export function chartSpec(results, title) {
  const env = results.environment;
  const families = [...new Set(results.optimizers.map(familyOf))];
  const head = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: title ?? 'Update speed-up over the plain-JS port (median of per-round ratios)',
      subtitle: `${env.runtime === 'node' ? `Node ${env.node}` : env.userAgent ?? env.runtime}, ${env.cpuModel ?? ''}, ${results.startedAt.slice(0, 10)}; TF.js paths are float32`,
    },
    data: { values: points(results) },
  };
  if (families.length === 1) return { ...head, ...panels(results, families[0]) };
  return {
    ...head,
    vconcat: families.map((f) => ({ title: { text: `${FAMILIES[f]?.title ?? f}, over the plain-JS ${FAMILIES[f]?.port ?? 'port'} (${FAMILIES[f]?.baseline})`, anchor: 'start', fontSize: 13 }, ...panels(results, f) })),
  };
}

/** The SVG text of the chart. */
export async function chartSvg(results, title) {
  const compiled = vl.compile(chartSpec(results, title)).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  const svg = await view.toSVG();
  view.finalize();
  return svg;
}

// The loss curves as an SVG, like the book's figure 6-9: smoothed batch loss
// per iteration, one line per optimizer, y clipped to [0, 1] as the book does.
// vega-lite gives axes, legend and layout for free; vega renders it to SVG
// in Node with no canvas or browser.
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { smoothCurve } from './smooth.js';

export interface Curve {
  name: string;
  losses: ArrayLike<number>;
}

export async function lossCurvesSvg(curves: readonly Curve[], title: string, subtitle: string): Promise<string> {
  const values: { iteration: number; loss: number; optimizer: string }[] = [];
  for (const { name, losses } of curves) {
    const smooth = smoothCurve(losses);
    // Rounded so the SVG stays small; a thousandth of the loss is below a pixel here.
    smooth.forEach((loss, i) => values.push({ iteration: i, loss: Math.round(loss * 1e4) / 1e4, optimizer: name }));
  }
  const spec: TopLevelSpec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: title, subtitle },
    width: 560,
    height: 340,
    background: 'white',
    data: { values },
    mark: { type: 'line', clip: true, strokeWidth: 1.5 },
    encoding: {
      x: { field: 'iteration', type: 'quantitative', title: 'iterations' },
      y: { field: 'loss', type: 'quantitative', title: 'loss (smoothed)', scale: { domain: [0, 1] } },
      color: { field: 'optimizer', type: 'nominal', sort: curves.map((c) => c.name), title: null },
    },
  };
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' });
  const svg = await view.toSVG();
  view.finalize();
  return svg;
}

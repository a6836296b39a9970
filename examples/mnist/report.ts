// The table printed after training, and the checks a run must pass (the smoke
// test's assertions: every loss went down, SGD ends above Adam, and both
// backends computed the same numbers).
import { tailMean } from './smooth.js';
import type { RunResult } from './train.js';

/** Results of one optimizer, per backend that ran. */
export interface OptimizerResults {
  name: string;
  wasm?: RunResult;
  js?: RunResult;
}

/** How many batches the reported loss averages: the last 5% of the run, 10 to 100 of them. */
export function lossWindow(iters: number): number {
  return Math.max(10, Math.min(100, Math.round(iters / 20)));
}

/** Total time in update, and the median of one call in brackets. */
const timing = (r: RunResult): string => `${r.updateMs.toFixed(0)} ms (${(r.updateMedianMs * 1000).toFixed(0)} µs)`;
const ratio = (a: number, b: number): string => `${(a / b).toFixed(2)}×`;

export function resultsTable(rows: readonly OptimizerResults[], iters: number): string {
  const w = lossWindow(iters);
  const lines = [
    `| optimizer | final loss (mean of last ${w} batches) | test accuracy | time in update, pure JS: total (median call) | ` +
      'time in update, simd-optim: total (median call) | speed-up: total (median) |',
    '|---|---:|---:|---:|---:|---:|',
  ];
  for (const { name, wasm, js } of rows) {
    const run = (wasm ?? js)!;
    const speedUp = wasm && js ? `${ratio(js.updateMs, wasm.updateMs)} (${ratio(js.updateMedianMs, wasm.updateMedianMs)})` : '–';
    lines.push(
      `| ${name} | ${tailMean(run.losses, w).toFixed(4)} | ${(100 * run.testAccuracy).toFixed(2)}% | ` +
        `${js ? timing(js) : '–'} | ${wasm ? timing(wasm) : '–'} | ${speedUp} |`,
    );
  }
  return lines.join('\n');
}

/** What went wrong, one message each; empty when the run is sound. */
export function failedChecks(rows: readonly OptimizerResults[], iters: number): string[] {
  const w = lossWindow(iters);
  const failures: string[] = [];
  const final = new Map<string, number>();
  for (const { name, wasm, js } of rows) {
    for (const [backend, run] of [['simd-optim', wasm], ['pure JS', js]] as const) {
      if (!run) continue;
      const first = tailMean(run.losses.subarray(0, w), w);
      const last = tailMean(run.losses, w);
      if (!(last < first)) {
        failures.push(`${name} (${backend}): loss did not go down (mean of first ${w} batches ${first.toFixed(4)}, of last ${w} ${last.toFixed(4)})`);
      }
      final.set(name, last);
    }
    if (wasm && js) {
      const i = wasm.losses.findIndex((v, k) => !Object.is(v, js.losses[k]));
      if (i >= 0) failures.push(`${name}: simd-optim and pure JS differ at iteration ${i} (${wasm.losses[i]} vs ${js.losses[i]}): the drop-in is not exact`);
    }
  }
  const sgd = final.get('SGD');
  const adam = final.get('Adam');
  if (sgd !== undefined && adam !== undefined && !(sgd > adam)) {
    failures.push(`SGD's final loss ${sgd.toFixed(4)} is not above Adam's ${adam.toFixed(4)} (the book's ordering)`);
  }
  return failures;
}

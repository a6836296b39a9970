// Turns one case's round times into what the results file and the table say:
// the median time per update, the speed-ups over the reference paths taken
// round by round, and the bandwidth against the roofline of the same dtype.
import { BYTES_OF } from './data.mjs';
import { trafficBytes } from './optimizers.mjs';
import { median, pairedRatio } from './stats.mjs';

const rooflineOf = (dtype) => (dtype === 'f64' ? 'roofline' : `roofline-${dtype}`);

/** → { [pathId]: { medianUs, timesUs, trafficBytes, gbPerS, ofRoofline, vs: { [refId]: × } } } */
export function summarizeCase({ optimizer, size, paths, measured, references }) {
  const out = {};
  for (const path of paths) {
    const times = measured.times[path.id];
    if (!times) continue;
    const traffic = trafficBytes(optimizer, size.elements, BYTES_OF[path.dtype] ?? 4);
    const ms = median(times);
    const vs = {};
    for (const ref of references) {
      if (measured.times[ref] && ref !== path.id) vs[ref] = pairedRatio(measured.times[ref], times);
    }
    out[path.id] = {
      medianUs: ms * 1000,
      timesUs: times.map((t) => Number((t * 1000).toPrecision(5))),
      batch: measured.batches[path.id],
      trafficBytes: traffic,
      gbPerS: traffic / (ms * 1e6),
      vs,
    };
  }
  addRooflineShares(out, paths);
  return out;
}

/**
 * Fraction of the memory limit each of `paths` reaches in `summary`, against
 * the copy of its own dtype's bytes when that was timed (TF.js without f32
 * paths: the f64 one). In place; also for paths timed where the roofline was not (tfjsApart.mjs).
 */
export function addRooflineShares(summary, paths) {
  for (const path of paths) {
    const roof = summary[rooflineOf(path.dtype)] ?? summary.roofline;
    if (summary[path.id] && roof) summary[path.id].ofRoofline = summary[path.id].gbPerS / roof.gbPerS;
  }
}

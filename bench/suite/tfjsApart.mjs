// A case's TF.js columns are timed in a process (a page, in the browser) of
// their own, beside the paths their ratios are taken against, and every other
// column in one that never loads TF.js. Why: a user's training loop that uses
// simd-optim does not also run TF.js's optimizers, and with TF.js in the same
// process the two-thread rows came out lower in narrowed runs: four pairs on
// the MNIST dict, alternated, gave Adam f32 2 threads ÷ 1 1.46–1.58× with
// TF.js in the process and 1.61–1.77× without it. The likeliest cause is the
// work V8's background threads do for TF.js's JavaScript, shared by every
// isolate of the process: a path that needs both cores loses more to it than
// a path that needs one. Across full runs the rows still move by more than
// that from run to run (docs/performance.md, "Run to run").
//
// Every ratio stays paired within the process that timed both of its paths:
// the TF.js columns against plain JS, and the ParamSet against TF.js, come
// from the TF.js part; everything else from the main part.
import { addRooflineShares } from './summarize.mjs';

/** The paths whose ratios against TF.js the tables print: timed again beside TF.js. */
export const TFJS_PARTNERS = ['seed-js', 'zero-copy', 'zero-copy-f32'];

/**
 * A case's paths in the parts that run apart → [main] when no TF.js path
 * runs at this size, else [main, tfjs] (the TF.js part: its TF.js paths and
 * their partners).
 */
export function partsOf(paths, optimizer, size) {
  const tfjs = paths.filter((p) => p.tfBackend && p.supports(optimizer, size));
  if (tfjs.length === 0) return [paths];
  return [paths.filter((p) => !p.tfBackend), paths.filter((p) => tfjs.includes(p) || TFJS_PARTNERS.includes(p.id))];
}

/**
 * One row from the main part's row and the TF.js part's: the main row's paths,
 * the TF.js paths from the TF.js row, and each partner's ratios against TF.js
 * from the TF.js row. `tfjsPart` keeps what a reader needs to compare the
 * two processes: its rounds, its process, and its partners' medians (µs).
 */
export function joinParts(main, tfjs, tfjsPaths) {
  const tfIds = tfjsPaths.map((p) => p.id);
  const paths = { ...main.paths };
  for (const [id, s] of Object.entries(tfjs.paths)) {
    if (tfIds.includes(id)) paths[id] = { ...s };
    else if (paths[id]) {
      const against = Object.fromEntries(Object.entries(s.vs).filter(([ref]) => tfIds.includes(ref)));
      paths[id] = { ...paths[id], vs: { ...paths[id].vs, ...against } };
    }
  }
  addRooflineShares(paths, tfjsPaths);
  const partners = Object.keys(tfjs.paths).filter((id) => !tfIds.includes(id));
  return {
    ...main,
    seconds: Number((main.seconds + tfjs.seconds).toFixed(2)),
    paths,
    problems: [...main.problems, ...tfjs.problems],
    tfjsPart: {
      rounds: tfjs.rounds,
      seconds: tfjs.seconds,
      process: tfjs.process,
      partnersUs: Object.fromEntries(partners.map((id) => [id, Number(tfjs.paths[id].medianUs.toPrecision(4))])),
      ...(tfjs.perProcess && { perProcess: tfjs.perProcess }),
    },
  };
}

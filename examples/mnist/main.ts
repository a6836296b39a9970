// The book's ch06/optimizer_compare_mnist.py on real MNIST digits, with
// simd-optim as the drop-in optimizer of a plain TypeScript training loop.
// `npm run example:mnist -- --help` lists the options.
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import * as simd from 'simd-optim';
import * as pureJs from 'simd-optim/js';
import { USAGE, UsageError, parseArgs, type Args } from './args.js';
import { lossCurvesSvg } from './chart.js';
import { loadMnist } from './data.js';
import { BOOK_SIZES, paramShapes } from './net.js';
import { progressBar } from './progress.js';
import { failedChecks, resultsTable, type OptimizerResults } from './report.js';
import { train, type RunResult } from './train.js';

/** The book's four, each with its defaults, which are the package's. */
const OPTIMIZERS = ['SGD', 'Momentum', 'AdaGrad', 'Adam'] as const;
const BATCH = 128;
const PACKAGES = { wasm: simd, js: pureJs } as const;
const LABEL = { wasm: 'simd-optim', js: 'pure JS   ' } as const;

const repoRoot = dirname(createRequire(import.meta.url).resolve('simd-optim/package.json'));

function fail(message: string): never {
  console.error(`example:mnist: ${message}`);
  process.exit(1);
}

function defaultSvgPath(args: Args): string {
  if (args.iters === 2000) return join(repoRoot, 'examples/mnist/out', args.dtype === 'f32' ? 'loss-curves-f32.svg' : 'loss-curves.svg');
  return join(repoRoot, 'examples/mnist/build', `loss-curves-${args.iters}-${args.dtype}.svg`);
}

async function main(): Promise<void> {
  const started = performance.now();
  let args: Args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    if (e.message) console.error(`example:mnist: ${e.message}\n`);
    console.error(USAGE);
    process.exit(e.message ? 2 : 0);
  }
  if (simd.backend !== 'wasm') fail('this runtime has no WebAssembly SIMD, so simd-optim runs its JS backend: nothing to compare');
  const backends = args.backend === 'both' ? (['wasm', 'js'] as const) : ([args.backend] as const);

  const data = loadMnist({ seed: args.seed, dtype: args.dtype });
  console.log(
    `MNIST from the 'mnist' package: ${data.train.count} training digits, ${data.test.count} held out (seed ${args.seed})\n` +
      `net ${BOOK_SIZES.join('-')} (ReLU, He init), softmax cross-entropy, batch ${BATCH}, ${args.iters} iterations, ${args.dtype}\n` +
      `update by: ${backends.map((b) => LABEL[b].trim()).join(' and ')}\n`,
  );

  const rows: OptimizerResults[] = [];
  for (const name of OPTIMIZERS) {
    const row: OptimizerResults = { name };
    for (const backend of backends) {
      const pkg = PACKAGES[backend];
      const set = new pkg.ParamSet(paramShapes(BOOK_SIZES), { dtype: args.dtype });
      const bar = progressBar(`${name.padEnd(8)} ${LABEL[backend]}`, args.iters);
      const run: RunResult = train({
        sizes: BOOK_SIZES,
        params: set.params,
        grads: set.grads,
        optimizer: new pkg[name](),
        expectPath: backend === 'wasm' ? 'zero-copy' : 'js',
        train: data.train,
        test: data.test,
        iters: args.iters,
        batch: BATCH,
        seed: args.seed,
        dtype: args.dtype,
        onIteration: (done, loss) => bar.tick(done, loss),
      });
      bar.finish(
        `test accuracy ${(100 * run.testAccuracy).toFixed(2)}%, ${run.updateMs.toFixed(0)} ms in update ` +
          `(median ${(run.updateMedianMs * 1000).toFixed(0)} µs) of ${(run.loopMs / 1000).toFixed(1)} s`,
      );
      row[backend] = run;
    }
    rows.push(row);
  }

  console.log(`\n${resultsTable(rows, args.iters)}\n`);

  const svgPath = args.svg ?? defaultSvgPath(args);
  const curves = rows.map((r) => ({ name: r.name, losses: (r.wasm ?? r.js)!.losses }));
  const title = `Optimizers on MNIST: ${BOOK_SIZES.join('-')} ReLU net, batch ${BATCH}, ${args.dtype}`;
  const subtitle = "batch loss smoothed as the book's fig. 6-9; y clipped to [0, 1] as there";
  mkdirSync(dirname(svgPath), { recursive: true });
  writeFileSync(svgPath, await lossCurvesSvg(curves, title, subtitle));
  console.log(`loss curves: ${relative(process.cwd(), svgPath)}`);

  const failures = failedChecks(rows, args.iters);
  console.log(`run time ${((performance.now() - started) / 1000).toFixed(1)} s`);
  if (failures.length > 0) fail(`checks failed:\n  ${failures.join('\n  ')}`);
  console.log('checks passed: every loss went down, SGD ends above Adam' + (backends.length === 2 ? ', simd-optim and pure JS gave the same losses bit for bit' : ''));
}

await main();

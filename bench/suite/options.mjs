// The command line of `npm run bench` and `npm run bench:browser` (the browser
// driver passes the same flags to the page), and the timing settings of a full
// and a quick run.
import { optimizerById, OPTIMIZERS } from './optimizers.mjs';
import { SIZES, sizeById } from './sizes.mjs';

export const USAGE = `usage: npm run bench -- [--quick] [--only adam,sgd] [--sizes 1K,1M,MNIST] [--paths seed-js,zero-copy,...] [--no-f32] [--no-tfjs] [--out DIR]
  --quick   a reduced set (sizes 1K, 128K and the MNIST dict, short rounds) in well under a minute
  --only    optimizers by name (${OPTIMIZERS.map((o) => o.id).join(', ')})
  --sizes   ${SIZES.map((s) => s.id).join(', ')}
  --paths   path ids (the plain-JS baseline and the roofline are always kept)
  --no-f32  leave out the Float32Array paths even where simd-optim has them
  --no-tfjs leave out TensorFlow.js
  --out     the folder for the JSON and SVG (default bench/results)`;

/**
 * Timing per case. Full: about 4 s of rounds per case (at least 5 rounds
 * while a round takes under 0.8 s; at 8M, where TF.js cpu takes seconds per update, 3); quick: under 1 s.
 */
export const SETTINGS = {
  full: { batchMs: 10, caseMs: 4000, minRounds: 3, maxRounds: 21, warmupRounds: 2, warmupMs: 100 },
  quick: { batchMs: 3, caseMs: 800, minRounds: 3, maxRounds: 9, warmupRounds: 1, warmupMs: 20 },
};

const QUICK_SIZES = ['1K', '128K', 'MNIST'];

const list = (value, flag) => {
  if (value === undefined || value.startsWith('--')) throw new Error(`${flag} needs a comma-separated list\n${USAGE}`);
  return value.split(',').map((s) => s.trim()).filter(Boolean);
};

/** Parses argv (without node and the script) into { quick, optimizers, sizes, pathIds, f32, tfjs, out, settings, argv }. */
export function parseOptions(argv) {
  const o = { quick: false, optimizers: OPTIMIZERS, sizes: null, pathIds: null, f32: true, tfjs: true, out: null, argv };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (flag === '--quick') o.quick = true;
    else if (flag === '--only') {
      o.optimizers = list(argv[++i], flag).map((id) => optimizerById(id) ?? fail(`unknown optimizer '${id}'`));
    } else if (flag === '--sizes') {
      o.sizes = list(argv[++i], flag).map((id) => sizeById(id) ?? fail(`unknown size '${id}'`));
    } else if (flag === '--paths') o.pathIds = list(argv[++i], flag);
    else if (flag === '--no-f32') o.f32 = false;
    else if (flag === '--no-tfjs') o.tfjs = false;
    else if (flag === '--out') o.out = list(argv[++i], flag)[0];
    else if (flag === '--help' || flag === '-h') fail('');
    else fail(`unknown option '${flag}'`);
  }
  o.sizes ??= o.quick ? QUICK_SIZES.map(sizeById) : SIZES;
  o.settings = o.quick ? SETTINGS.quick : SETTINGS.full;
  return o;
}

function fail(message) {
  throw new Error(`${message}${message ? '\n' : ''}${USAGE}`);
}

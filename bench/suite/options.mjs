// The command line of `npm run bench` and `npm run bench:browser` (the browser
// driver passes the same flags to the page), and the timing settings of a full
// and a quick run.
import { FAMILIES, optimizerById, OPTIMIZERS } from './optimizers.mjs';
import { SIZES, sizeById } from './sizes.mjs';

const QUICK_SIZES = ['1K', '128K', 'MNIST'];

// The torch family has nearly twice the seed's rows: without --sizes it runs at
// fewer sizes, so a full run stays within minutes and a quick one well under
// a minute. 16K and 8M add little over their neighbours (the seed's rows show
// both); 128K is the cache-resident size where kernels differ most.
const FULL_TORCH_SIZES = ['1K', '128K', '1M', 'MNIST'];
const QUICK_TORCH_SIZES = ['128K'];

export const USAGE = `usage: npm run bench -- [--quick] [--only adam,sgd] [--sizes 1K,1M,MNIST] [--paths seed-js,zero-copy,...] [--no-f32] [--no-tfjs] [--processes N] [--out DIR]
  --quick   a reduced set (the book's optimizers at 1K, 128K and the MNIST dict, the torch ones at 128K, short rounds) in under a minute
  --only    optimizers by id (${OPTIMIZERS.map((o) => o.id).join(', ')}) or family (book, torch)
  --sizes   ${SIZES.map((s) => s.id).join(', ')}, for every optimizer (default: all sizes for the book's, ${FULL_TORCH_SIZES.join(', ')} for the torch ones)
  --paths   path ids (the plain-JS baseline and the roofline are always kept, the memory's bound
            on two threads with its two-thread path)
  --no-f32  leave out the Float32Array paths even where simd-optim has them
  --no-tfjs leave out TensorFlow.js
  --processes  run each case in N processes (pages, in the browser) one after another, each with 1/N of the rounds, and pool
            the rounds (default: 3 for the single keys of 1M elements and more and the MNIST dict in a full run, else 1: there a plain-JS
            baseline runs at one of two speeds depending on where its arrays landed, e.g. Adam at 1M in 5.2 or ~10 ms)
  --out     the folder for the JSON and SVG (default bench/results)`;

/**
 * Timing per case. Full: about 1.5 s of rounds per case, and at least 9
 * rounds (3 in each of the three processes that pool 1M, 8M and the MNIST
 * dict): at 8M a round takes about half a second, and with one round per
 * process one update that stalled (the host took a core for a few ms) decided
 * the median of three (Adam f64 at 8M, 2 threads ÷ 1, rounds of 1.61, 1.95 and
 * 1.72x in the full run of 2026-11-30, 1077 s); quick: under 1 s.
 * Each case runs in a fresh process (Node) or page (browser), so a path whose update runs much
 * library JavaScript (TF.js) warms up for `slowWarmupMs` first: with the
 * 50 ms the ports need, TF.js wasm at SGD 1K timed 28 µs, after 500 ms 9-11 µs,
 * as in one process that had run every case before it (10-13 µs; 2026-11-30).
 */
export const SETTINGS = {
  full: { batchMs: 10, caseMs: 1500, minRounds: 9, maxRounds: 15, warmupRounds: 2, warmupMs: 50, slowWarmupMs: 400 },
  quick: { batchMs: 3, caseMs: 800, minRounds: 3, maxRounds: 9, warmupRounds: 1, warmupMs: 20, slowWarmupMs: 100 },
};

/**
 * From this size up, a plain-JS baseline's speed depends on where its arrays'
 * memory landed: Adam at 1M ran at 5.2 ms per update or about twice that, in
 * CPU time (so not machine load). One compiled copy of the port on six sets of
 * arrays in one process: one set at 10.7 ms, the others at 5.2 (2026-11-30).
 * Not the code (the same copy), not huge pages (none in /proc/self/smaps), not
 * the arrays' offsets or distances (views of one buffer 0, 64 B, 4 KiB, 64 KiB
 * or 1 MiB apart all ran at 5.0-5.4 ms): most likely the physical pages the VM
 * got. So a full run pools three processes there, three draws of memory.
 * The book's MNIST dict (109,810 elements in 10 keys), the README's row, too:
 * in fresh processes of one full run's paths its Adam port took 540-880 µs
 * (513 µs in the run before), 2026-11-30.
 */
const MODAL_ELEMENTS = 1 << 20;
const modal = (size) => (size.keys === 1 && size.elements >= MODAL_ELEMENTS) || size.id === 'MNIST';

/** What users may call a family on the command line: 'book' is the family whose internal id is 'seed'. */
const FAMILY_ALIASES = { book: 'seed' };

/** `--only` items: an optimizer id, or a family name for all its rows. */
function selectOptimizers(ids) {
  const familyOf = (id) => (FAMILIES[id] ? id : FAMILY_ALIASES[id]);
  const rows = ids.flatMap((id) => (familyOf(id) ? OPTIMIZERS.filter((o) => o.family === familyOf(id)) : [optimizerById(id) ?? fail(`unknown optimizer '${id}'`)]));
  return OPTIMIZERS.filter((o) => rows.includes(o));
}

const list = (value, flag) => {
  if (value === undefined || value.startsWith('--')) throw new Error(`${flag} needs a comma-separated list\n${USAGE}`);
  return value.split(',').map((s) => s.trim()).filter(Boolean);
};

/**
 * Parses argv (without node and the script) into { quick, optimizers, sizes,
 * sizesOf, pathIds, f32, tfjs, out, settings, argv }: `sizes` is every size
 * the run uses, in chart order; `sizesOf(row)` the ones that row runs at.
 */
export function parseOptions(argv) {
  const o = { quick: false, optimizers: OPTIMIZERS, sizes: null, pathIds: null, f32: true, tfjs: true, out: null, processes: null, argv };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (flag === '--quick') o.quick = true;
    else if (flag === '--only') {
      o.optimizers = selectOptimizers(list(argv[++i], flag));
    } else if (flag === '--sizes') {
      o.sizes = list(argv[++i], flag).map((id) => sizeById(id) ?? fail(`unknown size '${id}'`));
    } else if (flag === '--paths') o.pathIds = list(argv[++i], flag);
    else if (flag === '--no-f32') o.f32 = false;
    else if (flag === '--no-tfjs') o.tfjs = false;
    else if (flag === '--out') o.out = list(argv[++i], flag)[0];
    else if (flag === '--processes') {
      o.processes = Number(argv[++i]);
      if (!Number.isInteger(o.processes) || o.processes < 1) fail(`--processes needs a whole number ≥ 1, got '${argv[i]}'`);
    }
    else if (flag === '--help' || flag === '-h') fail('');
    else fail(`unknown option '${flag}'`);
  }
  if (o.sizes) {
    const sizes = o.sizes;
    o.sizesOf = () => sizes;
  } else {
    const byFamily = { seed: o.quick ? QUICK_SIZES.map(sizeById) : SIZES, torch: (o.quick ? QUICK_TORCH_SIZES : FULL_TORCH_SIZES).map(sizeById) };
    o.sizesOf = (row) => byFamily[row.family];
    const used = new Set(o.optimizers.flatMap((row) => o.sizesOf(row)));
    o.sizes = SIZES.filter((s) => used.has(s));
  }
  o.settings = o.quick ? SETTINGS.quick : SETTINGS.full;
  const fixed = o.processes;
  o.processesOf = (size) => fixed ?? (!o.quick && modal(size) ? 3 : 1);
  return o;
}

/**
 * The file-name tags of a run: a quick run, and a run narrowed by --only,
 * --sizes, --paths, --no-f32 or --no-tfjs ('partial'), never overwrite the
 * results of a full run of the same day.
 */
export function runTags(options) {
  const narrowed = options.argv.some((a) => ['--only', '--sizes', '--paths', '--no-f32', '--no-tfjs'].includes(a));
  return [...(options.quick ? ['quick'] : []), ...(narrowed ? ['partial'] : [])];
}

function fail(message) {
  throw new Error(`${message}${message ? '\n' : ''}${USAGE}`);
}

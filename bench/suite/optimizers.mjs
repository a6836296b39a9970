// The optimizers under test, as data. Each row says how every path builds it:
// `port` the plain-JS baseline (from bench/seedPort.mjs for the seed's family,
// bench/torchPort.mjs for the torch family), simd-optim's class
// (`simd[className]`, or `simd[namespace][className]`, with `options`), and
// TensorFlow.js's nearest `tf.train.*` optimizer with how its convention
// differs. A new optimizer is one more row here or in torchOptimizers.mjs.
//
// `state` is the number of per-element state arrays; the update then reads
// p, g and the state and writes p and the state: (3 + 2·state) arrays of
// traffic per element, the bytes the roofline copies.

import { TORCH_OPTIMIZERS } from './torchOptimizers.mjs';

/** All hyperparameters are the seed's defaults; TF.js gets the same values where it has the knob. */
const SEED_OPTIMIZERS = [
  {
    id: 'sgd',
    family: 'seed',
    className: 'SGD',
    name: 'SGD',
    options: {},
    state: 0,
    port: (S) => new S.SGD(0.01),
    tfjs: {
      call: 'tf.train.sgd(0.01)',
      make: (tf) => tf.train.sgd(0.01),
      note: 'same rule',
    },
  },
  {
    id: 'momentum',
    family: 'seed',
    className: 'Momentum',
    name: 'Momentum',
    options: {},
    state: 1,
    port: (S) => new S.Momentum(0.01, 0.9),
    tfjs: {
      call: 'tf.train.momentum(0.01, 0.9)',
      make: (tf) => tf.train.momentum(0.01, 0.9),
      note: 'lr outside the accumulator (a ← μa + g; p ← p − lr·a); same trajectory at constant lr',
    },
  },
  {
    id: 'nesterov',
    family: 'seed',
    className: 'Nesterov',
    name: 'Nesterov',
    options: {},
    state: 1,
    port: (S) => new S.Nesterov(0.01, 0.9),
    tfjs: {
      call: 'tf.train.momentum(0.01, 0.9, true)',
      make: (tf) => tf.train.momentum(0.01, 0.9, true),
      note: 'useNesterov: p ← p − lr·(g + μa), lr outside; algebraically the book’s form at constant lr',
    },
  },
  {
    id: 'adagrad',
    family: 'seed',
    className: 'AdaGrad',
    name: 'AdaGrad',
    options: {},
    state: 1,
    port: (S) => new S.AdaGrad(0.01),
    tfjs: {
      call: 'tf.train.adagrad(0.01)',
      make: (tf) => tf.train.adagrad(0.01),
      note: 'accumulator starts at 0.1 (book: 0); eps 1e-7 inside the sqrt (book: outside)',
    },
  },
  {
    id: 'rmsprop',
    family: 'seed',
    className: 'RMSProp',
    name: 'RMSProp',
    options: {},
    state: 1,
    port: (S) => new S.RMSProp(0.01, 0.9),
    tfjs: {
      call: 'tf.train.rmsprop(0.01, 0.9, 0, 1e-7)',
      make: (tf) => tf.train.rmsprop(0.01, 0.9, 0, 1e-7),
      note: 'eps inside the sqrt; keeps a momentum buffer even at momentum 0 (one more state array)',
    },
  },
  {
    id: 'adam',
    family: 'seed',
    className: 'Adam',
    name: 'Adam',
    options: {},
    state: 2,
    port: (S) => new S.Adam(0.001, 0.9, 0.999),
    tfjs: {
      call: 'tf.train.adam(0.001, 0.9, 0.999, 1e-7)',
      make: (tf) => tf.train.adam(0.001, 0.9, 0.999, 1e-7),
      note: 'bias correction on m and v, eps added to √v̂ (book: folded into lr_t, eps added to √v)',
    },
  },
];

/** Every row, the seed's family first, in table and chart order. */
export const OPTIMIZERS = [...SEED_OPTIMIZERS, ...TORCH_OPTIMIZERS];

/**
 * The families, for `--only seed` / `--only torch` and the grouping of tables and chart panels.
 * The id 'seed' (the book's classes) is the results files' internal name; `title` and `port` are what readers see.
 */
export const FAMILIES = {
  seed: { title: 'The book’s optimizers (Deep Learning from Scratch, ch. 6)', baseline: 'bench/seedPort.mjs', port: 'port of the book’s classes' },
  // Its rows include LAMB (Optax's algorithm, whose port is in the same file); the title is in the generated docs.
  torch: { title: 'The torch namespace (PyTorch’s algorithms and defaults)', baseline: 'bench/torchPort.mjs', port: 'port of PyTorch’s algorithms' },
};

/** A row's family; in results from before the torch rows, which have no `family`, all are the seed's. */
export const familyOf = (optimizer) => optimizer.family ?? 'seed';

export const optimizerById = (id) => OPTIMIZERS.find((o) => o.id === String(id).toLowerCase());

/** The row's class as the package names it: `Adam`, `torch.Adam`. */
export const qualifiedName = (row) => (row.namespace ? `${row.namespace}.${row.className}` : row.className);

/** The row's simd-optim class; undefined in a build that does not export it (yet). */
export const classOf = (simd, row) => (row.namespace ? simd[row.namespace] : simd)?.[row.className];

/** The simd-optim class of the row with this id ('adam', 'torch-adam'), for the benches that take ids on the command line. */
export function classById(simd, id) {
  const row = optimizerById(id) ?? fail(`unknown optimizer '${id}' (ids: ${OPTIMIZERS.map((o) => o.id).join(', ')})`);
  return classOf(simd, row) ?? fail(`this build of simd-optim does not export ${qualifiedName(row)}`);
}

function fail(message) {
  throw new Error(message);
}

/**
 * A new instance of the row's simd-optim class, with the row's options; a
 * `shaped` row on plain arrays also gets the case's `shapes` (a ParamSet
 * carries its own, so `size` is left out there).
 */
export function newOptimizer(simd, row, backend, size = null) {
  const shapes = row.shaped && size ? { shapes: size.shapes } : {};
  return new (classOf(simd, row))({ ...row.options, ...shapes, backend });
}

const isOptimizerClass = (value) => typeof value === 'function' && typeof value.prototype?.update === 'function';

/** The optimizer classes a module exports, by qualified name: its top-level constructors whose instances have `update`, and those of its `torch` namespace. */
export function exportedOptimizers(module) {
  const names = Object.keys(module).filter((name) => isOptimizerClass(module[name]));
  const torch = module.torch ?? {};
  return [...names, ...Object.keys(torch).filter((name) => isOptimizerClass(torch[name])).map((name) => `torch.${name}`)];
}

/**
 * The table's rows for the optimizers `module` exports. A class the package
 * exports but the table lacks stops the run: a benchmark that silently skips
 * a new optimizer would claim coverage it does not have. Rows whose class the
 * package does not export (yet) are listed in `absent`: the suite times only
 * their plain-JS baseline (simd-optim's paths do not support them).
 */
export function optimizersOf(module) {
  const exported = exportedOptimizers(module);
  const missing = exported.filter((name) => !OPTIMIZERS.some((o) => qualifiedName(o) === name));
  if (missing.length > 0) {
    throw new Error(`simd-optim exports ${missing.join(', ')}, which bench/suite/optimizers.mjs (seed family) or bench/suite/torchOptimizers.mjs (torch.*) has no row for: add one (plain-JS port and TF.js peer) before benchmarking`);
  }
  const has = (o) => exported.includes(qualifiedName(o));
  return { rows: OPTIMIZERS.filter(has), absent: OPTIMIZERS.filter((o) => !has(o)) };
}

/** Bytes one update must read and write: p and g read, p written, each state array read and written. */
export const trafficBytes = (optimizer, elements, bytesPerElement = 8) =>
  (3 + 2 * optimizer.state) * bytesPerElement * elements;

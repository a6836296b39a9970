// The optimizers under test, as data. Each row says how every path builds it:
// the seed port (plain-JS baseline), simd-optim's class, and TensorFlow.js's
// nearest `tf.train.*` optimizer with how its convention differs from the
// seed's. A new optimizer (issue 7) is one more row here.
//
// `state` is the number of per-element state arrays; the update then reads
// p, g and the state and writes p and the state: (3 + 2·state) arrays of
// traffic per element, the bytes the roofline copies.

/** All hyperparameters are the seed's defaults; TF.js gets the same values where it has the knob. */
export const OPTIMIZERS = [
  {
    id: 'sgd',
    name: 'SGD',
    state: 0,
    seed: (S) => new S.SGD(0.01),
    tfjs: {
      call: 'tf.train.sgd(0.01)',
      make: (tf) => tf.train.sgd(0.01),
      note: 'same rule',
    },
  },
  {
    id: 'momentum',
    name: 'Momentum',
    state: 1,
    seed: (S) => new S.Momentum(0.01, 0.9),
    tfjs: {
      call: 'tf.train.momentum(0.01, 0.9)',
      make: (tf) => tf.train.momentum(0.01, 0.9),
      note: 'lr outside the accumulator (a ← μa + g; p ← p − lr·a); same trajectory at constant lr',
    },
  },
  {
    id: 'nesterov',
    name: 'Nesterov',
    state: 1,
    seed: (S) => new S.Nesterov(0.01, 0.9),
    tfjs: {
      call: 'tf.train.momentum(0.01, 0.9, true)',
      make: (tf) => tf.train.momentum(0.01, 0.9, true),
      note: 'useNesterov: p ← p − lr·(g + μa), lr outside; algebraically the book’s form at constant lr',
    },
  },
  {
    id: 'adagrad',
    name: 'AdaGrad',
    state: 1,
    seed: (S) => new S.AdaGrad(0.01),
    tfjs: {
      call: 'tf.train.adagrad(0.01)',
      make: (tf) => tf.train.adagrad(0.01),
      note: 'accumulator starts at 0.1 (seed: 0); eps 1e-7 inside the sqrt (seed: outside)',
    },
  },
  {
    id: 'rmsprop',
    name: 'RMSProp',
    state: 1,
    seed: (S) => new S.RMSProp(0.01, 0.9),
    tfjs: {
      call: 'tf.train.rmsprop(0.01, 0.9, 0, 1e-7)',
      make: (tf) => tf.train.rmsprop(0.01, 0.9, 0, 1e-7),
      note: 'eps inside the sqrt; keeps a momentum buffer even at momentum 0 (one more state array)',
    },
  },
  {
    id: 'adam',
    name: 'Adam',
    state: 2,
    seed: (S) => new S.Adam(0.001, 0.9, 0.999),
    tfjs: {
      call: 'tf.train.adam(0.001, 0.9, 0.999, 1e-7)',
      make: (tf) => tf.train.adam(0.001, 0.9, 0.999, 1e-7),
      note: 'bias correction on m and v, eps added to √v̂ (seed: folded into lr_t, eps added to √v)',
    },
  },
];

export const optimizerById = (id) => OPTIMIZERS.find((o) => o.id === String(id).toLowerCase());

/** The optimizer classes a module exports: its constructors whose instances have `update`. */
export const exportedOptimizers = (module) =>
  Object.keys(module).filter((name) => typeof module[name] === 'function' && typeof module[name].prototype?.update === 'function');

/**
 * The table's rows for the optimizers `module` exports. A class the package
 * exports but the table lacks stops the run: a benchmark that silently skips
 * a new optimizer would claim coverage it does not have.
 */
export function optimizersOf(module) {
  const exported = exportedOptimizers(module);
  const missing = exported.filter((name) => !OPTIMIZERS.some((o) => o.name === name));
  if (missing.length > 0) {
    throw new Error(`simd-optim exports ${missing.join(', ')}, which bench/suite/optimizers.mjs has no row for: add one (seed port and TF.js peer) before benchmarking`);
  }
  return OPTIMIZERS.filter((o) => exported.includes(o.name));
}

/** Bytes one update must read and write: p and g read, p written, each state array read and written. */
export const trafficBytes = (optimizer, elements, bytesPerElement = 8) =>
  (3 + 2 * optimizer.state) * bytesPerElement * elements;

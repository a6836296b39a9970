// The rows of simd-optim's `torch` namespace (issue 7): torch.optim's
// algorithms with PyTorch's defaults, and Lion. Their baseline is
// bench/torchPort.mjs (plain JS written from PyTorch's documentation); their
// TF.js peer is the `tf.train.*` optimizer of the same algorithm where TF.js
// has one, given PyTorch's values where it has the knob, with how its rule
// differs. TF.js has no AdamW, NAdam, RAdam, Lion, Adafactor or LAMB
// (tf.train has sgd, momentum, adagrad, adadelta, adam, adamax and rmsprop
// only): those rows have no peer.
// Same fields as the seed's rows (see optimizers.mjs), plus `namespace`
// (the class is `simd.torch[className]`; none: top-level `simd[className]`)
// and `options` (given to both the class and the port; {} = the defaults).
//
// The shaped rules (issue 14) ride with this family, as their port does:
// torch.Adafactor, and LAMB, Optax's algorithm, a top-level class. A row
// with `shaped` reads each key's shape: every path gives it the case's
// shapes (sizes.mjs's sizeFor: the single key as a matrix), the copy paths
// and the port through the `shapes` option, a ParamSet through its sizes.

const torchRow = (id, className, state, { options = {}, label = '', tfjs = null, namespace = 'torch', shaped = false } = {}) => ({
  id,
  family: 'torch',
  namespace,
  className,
  name: `${namespace ? `${namespace}.` : ''}${className}${label ? ` ${label}` : ''}`,
  options,
  state,
  shaped,
  port: (P, size) => new P[className](shaped ? { ...options, shapes: size.shapes } : options),
  tfjs,
});

export const TORCH_OPTIMIZERS = [
  torchRow('torch-sgd', 'SGD', 0, {
    tfjs: { call: 'tf.train.sgd(0.001)', make: (tf) => tf.train.sgd(0.001), note: 'same rule' },
  }),
  torchRow('torch-sgd-momentum', 'SGD', 1, {
    options: { momentum: 0.9 },
    label: 'momentum 0.9',
    tfjs: {
      call: 'tf.train.momentum(0.001, 0.9)',
      make: (tf) => tf.train.momentum(0.001, 0.9),
      note: 'same rule (lr outside the buffer; TF.js starts the buffer at 0, so its first step μ·0 + g is PyTorch’s b₁ = g)',
    },
  }),
  torchRow('torch-adam', 'Adam', 2, {
    tfjs: {
      call: 'tf.train.adam(0.001, 0.9, 0.999, 1e-8)',
      make: (tf) => tf.train.adam(0.001, 0.9, 0.999, 1e-8),
      note: 'same rule (eps added to √v̂ after bias correction)',
    },
  }),
  torchRow('torch-adamw', 'AdamW', 2),
  torchRow('torch-rmsprop', 'RMSprop', 1, {
    tfjs: {
      call: 'tf.train.rmsprop(0.01, 0.99, 0, 1e-8)',
      make: (tf) => tf.train.rmsprop(0.01, 0.99, 0, 1e-8),
      note: 'eps inside the sqrt (PyTorch: added to √v); keeps a momentum buffer even at momentum 0 (one more state array)',
    },
  }),
  torchRow('torch-adagrad', 'Adagrad', 1, {
    tfjs: {
      call: 'tf.train.adagrad(0.01)',
      make: (tf) => tf.train.adagrad(0.01),
      note: 'accumulator starts at 0.1 (PyTorch: 0; TF.js documents it must be positive); eps 1e-7 inside the sqrt (PyTorch: 1e-10 added to √sum)',
    },
  }),
  torchRow('torch-adamax', 'Adamax', 2, {
    tfjs: {
      call: 'tf.train.adamax(0.002, 0.9, 0.999, 1e-8)',
      make: (tf) => tf.train.adamax(0.002, 0.9, 0.999, 1e-8),
      note: 'eps added after the max, m/(u + eps) (PyTorch: inside it, max(β2·u, |g| + eps)); an lr decay term every step (decay 0)',
    },
  }),
  torchRow('torch-nadam', 'NAdam', 2),
  torchRow('torch-radam', 'RAdam', 2),
  torchRow('torch-adadelta', 'Adadelta', 2, {
    tfjs: {
      call: 'tf.train.adadelta(1, 0.9, 1e-6)',
      make: (tf) => tf.train.adadelta(1, 0.9, 1e-6),
      note: 'the step divides by the previous step’s squared-gradient average (PyTorch: the updated one)',
    },
  }),
  torchRow('torch-lion', 'Lion', 1),
  // Its state is a row and a column factor per matrix (R + C numbers, 884 for
  // a 784×100 key): no per-element state traffic, so `state` 0. The MNIST
  // dict's biases keep a full second moment (410 of its 89,610 elements).
  // Its step is relative (α = max(eps2, RMS(θ))·ρ), so under the bench's fixed
  // gradients the params grow by about ρ per update: at the default lr 1e-2 the
  // Float32Array baseline overflowed within the 1K case's rounds. lr 1e-4 keeps
  // every case finite; the arithmetic per element is the same.
  torchRow('torch-adafactor', 'Adafactor', 0, { shaped: true, options: { lr: 1e-4 }, label: 'lr 1e-4' }),
  torchRow('lamb', 'LAMB', 2, { namespace: null }),
];

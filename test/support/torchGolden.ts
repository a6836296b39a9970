// Loads the NumPy golden data for the optimizers beyond the seed
// (test/golden/makeTorchGolden.py: torch.optim's documented algorithms, Lion,
// and the seed's classes with weightDecay / PyTorch's eps). A JSON import, as
// in golden.ts, so the same tests run under vitest in Node and in a browser.
// Arrays are base64 little-endian float64: decode them with f64 from golden.ts;
// in torchGolden32.json (the same cases run in float32) they are float32: f32.
import data from '../golden/torchGolden.json';
import data32 from '../golden/torchGolden32.json';

export type TorchName = 'SGD' | 'Adam' | 'AdamW' | 'RMSprop' | 'Adagrad' | 'Adamax' | 'NAdam' | 'RAdam' | 'Adadelta' | 'Lion';
export type SeedName = 'SGD' | 'Momentum' | 'Nesterov' | 'AdaGrad' | 'RMSProp' | 'Adam';
export type Family = 'torch' | 'seed';
export type OptionValue = number | boolean | string;

export interface TorchGoldenCase {
  /** `${family}/${optimizer}/${label}`, unique. */
  id: string;
  family: Family;
  /** torch.optim's class name (family 'torch') or the seed's (family 'seed'). */
  optimizer: TorchName | SeedName;
  /** True when `options` are the library's defaults (PyTorch's; Keras 3's lr for Lion). */
  defaults: boolean;
  /** Every hyperparameter, spelled out, under the JS API's camelCase names. */
  options: Record<string, OptionValue>;
  /** Step (as a string) → key → params after that step. Steps between the first and the last hold only keys shorter than 64. */
  checkpoints: Record<string, Record<string, string>>;
  /** State array name (the JS stateOf() name) → key → array after the last step. */
  state: Record<string, Record<string, string>>;
  /** Scalar state after the last step (NAdam's running product of mu). */
  scalarState?: Record<string, number>;
}

export interface TorchGolden {
  generator: string;
  numpy: string;
  steps: number;
  checkpoints: number[];
  shapes: Record<string, number[]>;
  initial: Record<string, string>;
  /** One case's gradients at a few steps (step → key → g), to check the JS gradient stream against. */
  inputs: { case: string; grads: Record<string, Record<string, string>> };
  cases: TorchGoldenCase[];
  /** NAdam host scalars for t = 1 .. steps+1: 0.96^(t·momentumDecay) correctly rounded, and mu_t. */
  nadam: { beta1: number; momentumDecay: number; pow: string; mu: string }[];
  /** RAdam host scalars for t = 1 .. steps: rho_t, and r_t where rho_t > 5 (0 before). */
  radam: { beta2: number; rhoInf: number; rhoT: string; r: string; firstRectified: number }[];
}

export const torchGolden = data as unknown as TorchGolden;

/** The same cases run by NumPy in float32 (no NAdam/RAdam tables: the host scalars are the float64 path's). */
export type TorchGolden32 = Omit<TorchGolden, 'nadam' | 'radam'> & { dtype: 'float32' };

export const torchGolden32 = data32 as unknown as TorchGolden32;

/** PyTorch's documented defaults (Lion: not in torch.optim; Keras 3's lr, the paper's betas). */
export const TORCH_DEFAULTS: Record<TorchName, Record<string, OptionValue>> = {
  SGD: { lr: 1e-3, momentum: 0, dampening: 0, weightDecay: 0, nesterov: false },
  Adam: { lr: 1e-3, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0, amsgrad: false },
  AdamW: { lr: 1e-3, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 1e-2, amsgrad: false },
  RMSprop: { lr: 1e-2, alpha: 0.99, eps: 1e-8, weightDecay: 0, momentum: 0, centered: false },
  Adagrad: { lr: 1e-2, lrDecay: 0, weightDecay: 0, initialAccumulatorValue: 0, eps: 1e-10 },
  Adamax: { lr: 2e-3, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0 },
  NAdam: { lr: 2e-3, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0, momentumDecay: 4e-3 },
  RAdam: { lr: 1e-3, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0 },
  Adadelta: { lr: 1, rho: 0.9, eps: 1e-6, weightDecay: 0 },
  Lion: { lr: 1e-3, beta1: 0.9, beta2: 0.99, weightDecay: 0 },
};

/** The option names of the seed family's cases (the seed's names plus weightDecay; Adam also epsConvention). */
export const SEED_OPTIONS: Record<SeedName, string[]> = {
  SGD: ['lr', 'weightDecay'],
  Momentum: ['lr', 'momentum', 'weightDecay'],
  Nesterov: ['lr', 'momentum', 'weightDecay'],
  AdaGrad: ['lr', 'eps', 'weightDecay'],
  RMSProp: ['lr', 'decayRate', 'eps', 'weightDecay', 'epsInSqrt'],
  Adam: ['lr', 'beta1', 'beta2', 'eps', 'weightDecay', 'epsConvention'],
};

/**
 * The state arrays an optimizer keeps for these options, as stateOf() names them:
 * PyTorch's state_dict names in camelCase for the torch family, the seed's for the seed family.
 */
export function stateNames(c: Pick<TorchGoldenCase, 'family' | 'optimizer' | 'options'>): string[] {
  const o = c.options;
  if (c.family === 'seed') {
    return { SGD: [], Momentum: ['v'], Nesterov: ['v'], AdaGrad: ['h'], RMSProp: ['h'], Adam: ['m', 'v'] }[c.optimizer as SeedName];
  }
  switch (c.optimizer as TorchName) {
    case 'SGD':
      return o.momentum !== 0 ? ['momentumBuffer'] : [];
    case 'Adam':
    case 'AdamW':
      return ['expAvg', 'expAvgSq', ...(o.amsgrad ? ['maxExpAvgSq'] : [])];
    case 'RMSprop':
      return ['squareAvg', ...(o.centered ? ['gradAvg'] : []), ...((o.momentum as number) > 0 ? ['momentumBuffer'] : [])];
    case 'Adagrad':
      return ['sum'];
    case 'Adamax':
      return ['expAvg', 'expInf'];
    case 'NAdam':
    case 'RAdam':
      return ['expAvg', 'expAvgSq'];
    case 'Adadelta':
      return ['squareAvg', 'accDelta'];
    case 'Lion':
      return ['expAvg'];
  }
}

export function caseById(id: string): TorchGoldenCase {
  const c = torchGolden.cases.find((x) => x.id === id);
  if (!c) throw new Error(`no golden case ${id}`);
  return c;
}

/** Encodes float64 values as the golden file does (the inverse of f64 in golden.ts). */
export function b64Of(a: Float64Array): string {
  const bytes = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  let text = '';
  for (let i = 0; i < bytes.length; i++) text += String.fromCharCode(bytes[i]);
  return btoa(text);
}

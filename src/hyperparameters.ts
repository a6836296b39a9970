import { describe } from './describe.js';
import { ownRecord, type OwnOptions } from './options.js';

/** A learning-rate (or weight-decay) schedule: the value to use at update `step` (1-based). */
export type Schedule = (step: number) => number;

/** How one hyperparameter is checked; the message completes "<Optimizer>: <name> must be ...". */
export interface HyperSpec {
  readonly default: number | boolean | string | null;
  readonly check: (x: unknown) => boolean;
  readonly rule: string;
  /** Whether a Schedule may stand in for the number (evaluated and checked at every update). */
  readonly schedulable?: boolean;
  /** Set only when the optimizer is made (it decides which state buffers exist). */
  readonly fixed?: boolean;
}

export type HyperSpecs<H> = { readonly [K in keyof H]: HyperSpec };

/** The value an option holds: what the spec checks, or a schedule of it. */
export type HyperValue = number | boolean | string | null | Schedule;

const isNum = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);

/** A constant that must be finite and > 0 (eps, say). */
export const positive = (d: number): HyperSpec => ({
  default: d,
  check: (x) => isNum(x) && x > 0,
  rule: 'a finite number > 0',
});

/** A learning rate: finite and > 0; may be a schedule. */
export const learningRate = (d: number): HyperSpec => ({ ...positive(d), schedulable: true });

/** A coefficient that may be 0, such as a weight decay: finite and ≥ 0; may be a schedule. */
export const nonNegative = (d: number): HyperSpec => ({
  default: d,
  check: (x) => isNum(x) && x >= 0,
  rule: 'a finite number ≥ 0',
  schedulable: true,
});

/** A decay or momentum coefficient in [0, 1). */
export const unitInterval = (d: number): HyperSpec => ({
  default: d,
  check: (x) => isNum(x) && x >= 0 && x < 1,
  rule: 'a number in [0, 1)',
});

/** A bound that is off by default: > 0, Infinity meaning none. */
export const limit = (): HyperSpec => ({
  default: Infinity,
  check: (x) => typeof x === 'number' && x > 0,
  rule: 'a number > 0 (Infinity for none)',
});

/** An on/off option. */
export const flag = (d: boolean): HyperSpec => ({
  default: d,
  check: (x) => typeof x === 'boolean',
  rule: 'true or false',
});

/**
 * One of a few named choices. `formerNames` are still accepted (an old name of
 * a choice keeps working) but the error message lists only the current names.
 */
export const choice = <V extends string>(values: readonly V[], d: V, formerNames: readonly string[] = []): HyperSpec => ({
  default: d,
  check: (x) => values.includes(x as V) || formerNames.includes(x as string),
  rule: `one of ${values.map((v) => `'${v}'`).join(', ')}`,
});

/** The same spec, settable only in the constructor (it decides which state buffers exist). */
export const fixedAtConstruction = (spec: HyperSpec): HyperSpec => ({ ...spec, fixed: true, schedulable: false });

/**
 * The options every optimizer takes besides its own: the gradient transforms
 * applied inside `update`, before the rule, in PyTorch's order (clip, then
 * add weight decay).
 */
export interface CommonHyper {
  /** L2 weight decay added to the gradient (g + wd·p), as PyTorch's `weight_decay`. Default 0. */
  weightDecay: number;
  /** Clip the gradients' global norm (over the whole dict) to at most this, as `clip_grad_norm_`. Default Infinity (off). */
  clipNorm: number;
  /** Clip every gradient element to [−clipValue, clipValue], as `clip_grad_value_`. Default Infinity (off). */
  clipValue: number;
  /**
   * Refuse an update whose gradients' global norm is NaN or ±Infinity (it
   * throws, naming this option, and changes nothing), as `clip_grad_norm_`'s
   * `error_if_nonfinite`; checked with or without clipNorm. Default false.
   */
  errorIfNonfinite: boolean;
}

export const COMMON_HYPER: HyperSpecs<CommonHyper> = {
  weightDecay: nonNegative(0),
  clipNorm: limit(),
  clipValue: limit(),
  errorIfNonfinite: flag(false),
};

/** Validates one value; throws a RangeError naming the optimizer and option. */
export function checkHyper(owner: string, name: string, spec: HyperSpec, value: unknown): HyperValue {
  if (typeof value === 'function') {
    if (!spec.schedulable) throw new TypeError(`${owner}: ${name} must be ${spec.rule}; only lr and weightDecay take a schedule`);
    return value as Schedule;
  }
  if (!spec.check(value)) {
    throw new RangeError(`${owner}: ${name} must be ${spec.rule}, got ${describe(value)}`);
  }
  return value as number | boolean;
}

/**
 * Whether an option may hold `v` at some update: what the spec accepts, and
 * also 0 for an option that takes a schedule (a cosine's end). A snapshot's
 * values are checked with this too, so every value an optimizer ran with
 * restores.
 */
export function acceptsValue(spec: HyperSpec, v: unknown): boolean {
  return spec.check(v) || (spec.schedulable === true && v === 0);
}

/** The value of a (possibly scheduled) option at update `step`, checked by acceptsValue. */
export function valueAt(owner: string, name: string, spec: HyperSpec, value: HyperValue, step: number): number | boolean | string | null {
  if (typeof value !== 'function') return value;
  const v = value(step);
  if (!acceptsValue(spec, v)) throw new RangeError(`${owner}: the ${name} schedule gave ${describe(v)} at step ${step}; ${name} must be ${spec.rule}`);
  return v;
}

/**
 * Every option's value from the options given (read by readOptions, unknown
 * names already refused): defaults filled in, every value checked. A record
 * with no prototype, like the specs, so an option's name is only ever looked up as its own.
 */
export function resolveOptions(owner: string, specs: Readonly<Record<string, HyperSpec>>, given: OwnOptions): Record<string, HyperValue> {
  const out = ownRecord<HyperValue>();
  for (const k of Object.keys(specs)) out[k] = given[k] === undefined ? specs[k].default : checkHyper(owner, k, specs[k], given[k]);
  return out;
}

import { checkDicts, type Dict, type Entry, type Fixed } from './checkDicts.js';
import { sumOfSquares } from './gradNorm.js';
import type { Dtype, FloatArray } from './dtype.js';
import { AutoEngine } from './engines/autoEngine.js';
import { JsEngine } from './engines/jsEngine.js';
import { WasmEngine } from './engines/wasmEngine.js';
import type { Engine, KeyRanges, UpdatePath } from './engines/engine.js';
import { keyRangesOf } from './updateRange.js';
import type { ParamSet } from './paramSet.js';
import {
  COMMON_HYPER,
  checkHyper,
  resolveOptions,
  valueAt,
  type CommonHyper,
  type HyperSpec,
  type HyperValue,
} from './hyperparameters.js';
import { ownRecord, readOptions, refuseUnknown } from './options.js';
import { checkGroups, splitByGroup, type CheckedGroup, type ParamGroup } from './paramGroups.js';
import type { Rule, Run, StepConstants } from './rule.js';
import type { KernelBase } from './wasm/kernelTable.js';
import { checkSnapshot, type CheckedState, type OptimizerState } from './snapshot.js';
import { checkNonNegativeState } from './stateInvariants.js';
import { kernelsUnavailable } from './wasm/kernelSource.js';
import { checkShapesOption, type KeyShape } from './keyShape.js';
import { shapeRecord } from './snapshot.js';

/** Which arithmetic an optimizer runs: WebAssembly SIMD kernels or the plain-JS reference. */
export type Backend = 'wasm' | 'js';

/** Options every optimizer takes besides its hyperparameters. */
export interface CommonOptions {
  /**
   * 'auto' (the default) picks 'wasm' where WebAssembly SIMD is available, else 'js'; on a plain
   * dict it runs the JS loop in place where that beats the copy path (`lastPath` says which ran).
   * 'wasm' always runs the kernels.
   */
  backend?: Backend | 'auto';
  /** Per-key options (PyTorch's param groups): e.g. `[{ keys: /^b/, weightDecay: 0 }]`. */
  groups?: ParamGroup[];
  /**
   * Each key's shape, for plain dicts (a ParamSet's keys carry the sizes it
   * was made with): `{ W1: [784, 100] }`. Elementwise optimizers ignore it;
   * one that keeps row and column factors or reduces per key reads it.
   */
  shapes?: Record<string, readonly number[]>;
}

/**
 * The backend 'auto' resolves to: 'wasm' once the main entry has installed
 * its kernels and found that this runtime can compile them, else 'js'.
 */
export function defaultBackend(): Backend {
  return kernelsUnavailable() === null ? 'wasm' : 'js';
}

/**
 * The shared machinery of every optimizer: options, validation of the whole
 * update before anything changes, state keyed by name and created on the first
 * update, the step count, and dispatch to an engine.
 */
export class Optimizer<H> {
  /** The engine this optimizer runs on. */
  readonly backend: Backend;
  /** @internal */ protected readonly rule: Rule<H>;
  /** @internal Every option's value as given: a number, a flag, or a schedule. */
  protected readonly hyper: Record<string, HyperValue>;
  /** @internal The rule's specs and the common ones, by name. */
  protected readonly specs: Readonly<Record<string, HyperSpec>>;
  private engine: Engine;
  private readonly groups: CheckedGroup[];
  /** The `shapes` option, by key (null: not given). */
  private readonly shapes: ReadonlyMap<string, readonly number[]> | null;
  /**
   * The last update's runs (entries split by group, each group's option
   * values), reused while the same entries come back and no option changes;
   * rebuilt every step when a schedule is in use.
   */
  private plan: { of: readonly Entry[]; scheduled: boolean; clipNorm: number; errorIfNonfinite: boolean; runs: PlannedRun<H>[] } | null = null;
  private norm = NaN;
  /** Each key's length and the dtype, fixed by the first update; null before it. */
  private fixed: Fixed | null = null;
  /** For a rule whose state is sized by shape: each key's shape, fixed with `fixed` (or by a loaded snapshot). */
  private fixedShapes: ReadonlyMap<string, KeyShape> | null = null;
  /**
   * The snapshot loadState installed, until the next update takes it over:
   * state() and stateOf() give it back meanwhile (the engine holds nothing
   * yet, and a rule that keeps no state, as SGD, fixes no keys from it).
   */
  private loaded: CheckedState | null = null;
  /** The entries of the last update, to skip full validation when the same arrays come back. */
  private last: Entry[] | null = null;
  private t = 0;
  /**
   * The call running now ('update', 'state', 'loadState'), null between
   * calls. Schedules, group key tests and the caller's getters run inside
   * these calls; one that calls back into this optimizer gets an error (see idle).
   */
  private busy: string | null = null;
  /** The rule's carried scalar after update t (its initial value before any); 0 for a rule that carries none. */
  private carried: number;

  constructor(rule: Rule<H>, options: object | undefined, fallback: Backend | 'auto') {
    this.specs = specsOf(rule);
    const given = readOptions(`${rule.name}: options`, options);
    refuseUnknown(rule.name, given, [...Object.keys(this.specs), 'backend', 'groups', 'shapes']);
    this.hyper = resolveOptions(rule.name, this.specs, given);
    // Options that shape the state are fixed now, so the buffers are too.
    this.rule = rule.stateFor || rule.stateInit
      ? { ...rule, state: rule.stateFor?.(this.hyper as H) ?? rule.state, initial: rule.stateInit?.(this.hyper as H) }
      : rule;
    this.groups = checkGroups(rule.name, this.specs, given.groups);
    this.shapes = checkShapesOption(rule.name, given.shapes);
    const asked = (given.backend as CommonOptions['backend']) ?? fallback;
    if (asked !== 'auto' && asked !== 'wasm' && asked !== 'js') {
      throw new RangeError(`${rule.name}: backend must be 'auto', 'wasm' or 'js', got ${String(asked)}`);
    }
    const unavailable = asked === 'wasm' ? kernelsUnavailable() : null;
    if (unavailable !== null) throw new Error(`${rule.name}: backend 'wasm' asked for, but ${unavailable}`);
    this.backend = asked === 'auto' ? defaultBackend() : asked;
    // 'auto' may also run a plain dict's update through the JS loop in place, where that is faster (autoEngine.ts).
    this.engine = this.backend === 'js' ? new JsEngine(this.rule) : asked === 'auto' ? new AutoEngine(this.rule) : new WasmEngine(this.rule);
    this.carried = rule.carried?.initial ?? 0;
  }

  /**
   * Updates every array of `params` in place from the matching `grads`.
   * The whole call is validated first; on any error nothing has changed.
   */
  update(params: Dict, grads: Dict): void {
    this.exclusive('update', this.applyUpdate, params, grads);
  }

  /**
   * One step over only the elements `[start, end)` of a ParamSet's flat
   * buffer (`set.flatParams`): the same bits those elements get from
   * `update(set.params, set.grads)`, the others untouched. It counts as a
   * step (the step count and schedules advance), and a global clipNorm is
   * still over every gradient of the set. This is a shard's update in
   * data-parallel training (each process owns a range and its state; see
   * docs/guide.md, "Sharded updates"). A rule that reduces over a whole key
   * (Adafactor, LAMB) needs the range to start and end on key boundaries.
   */
  updateRange(set: ParamSet<Dtype>, start: number, end: number): void {
    this.exclusive('updateRange', this.applyRange, set, [start, end] as const);
  }

  private applyRange(set: ParamSet<Dtype>, [start, end]: readonly [number, number]): void {
    const ranges = keyRangesOf(this.rule.name, set, start, end, this.rule.perKey === true);
    this.applyUpdate(set.params, set.grads, ranges);
  }

  /**
   * Everything that can run the caller's code (reading the dicts, schedules,
   * group key tests) comes before the engine's step, which runs none: a throw
   * anywhere leaves params, grads, state and step count as they were.
   */
  private applyUpdate(params: Dict, grads: Dict, ranges?: KeyRanges): void {
    const same = this.sameAsLast(params, grads);
    const { entries, dtype } = same ? { entries: same, dtype: this.fixed!.dtype } : this.checkedEntries(params, grads);
    const t = this.t + 1;
    if (this.plan?.of !== entries || this.plan.scheduled) this.plan = this.planFor(entries, t);
    // The options a carried scalar reads are fixed, so the same in every group and at every step.
    const carried = this.rule.carried?.next(this.hyper as H, t, this.carried) ?? 0;
    for (const run of this.plan.runs) {
      run.c = this.rule.constants(run.values, t, carried);
      run.kernel = this.rule.kernelFor?.(run.values, t) ?? this.rule.kernel;
    }
    const checkedNorm = this.plan.errorIfNonfinite ? this.finiteNorm(entries, dtype) : NaN;
    const fixed = this.fixed ?? { lengths: new Map(entries.map((e) => [e.key, e.p.length])), dtype };
    const norm = this.engine.step(entries, this.plan.runs, fixed, this.plan.clipNorm, ranges);
    this.norm = this.plan.clipNorm < Infinity ? norm : checkedNorm;
    this.t = t;
    this.carried = carried;
    this.fixed = fixed;
    if (this.rule.stateSizes && !this.fixedShapes) this.fixedShapes = new Map(entries.map((e) => [e.key, e.shape]));
    this.loaded = null;
    this.last = entries;
  }

  /** The full check of an update's dicts, and of the state sizes the rule asks for each key's shape. */
  private checkedEntries(params: Dict, grads: Dict): { entries: Entry[]; dtype: Dtype } {
    const checked = checkDicts(this.rule.name, params, grads, this.fixed, this.shapes);
    if (this.rule.stateSizes) for (const e of checked.entries) checkStateSizes(this.rule, e, this.fixedShapes);
    return checked;
  }

  /** Forgets all state and the step count; the next update starts afresh. */
  reset(): void {
    this.idle('reset()');
    this.clear();
  }

  private clear(): void {
    this.engine.reset();
    this.fixed = null;
    this.fixedShapes = null;
    this.loaded = null;
    this.last = null;
    this.plan = null;
    this.t = 0;
    this.carried = this.rule.carried?.initial ?? 0;
    this.norm = NaN;
  }

  /**
   * The gradients' global norm, computed before anything is written (the same
   * bits as the engines' norm), for errorIfNonfinite: a NaN or infinite norm
   * throws here, so the update changes nothing.
   */
  private finiteNorm(entries: readonly Entry[], dtype: Dtype): number {
    const norm = Math.sqrt(sumOfSquares(entries, dtype));
    if (!Number.isFinite(norm)) {
      throw new RangeError(`${this.rule.name}: errorIfNonfinite: the gradients' global norm is ${norm}; nothing was updated (set errorIfNonfinite to false to clip by it anyway)`);
    }
    return norm;
  }

  /**
   * The global norm of the gradients the last update saw, before clipping
   * (computed only when `clipNorm` or `errorIfNonfinite` is set; NaN otherwise).
   */
  get lastGradNorm(): number {
    return this.norm;
  }

  /**
   * A snapshot of everything the next update depends on: hyperparameters, step
   * count, dtype and a copy of every state array, by key and name. It holds
   * only plain data and typed arrays, so structuredClone, postMessage and
   * v8.serialize carry it whole (for JSON, use stateToJSON: plain JSON loses
   * -0, NaN and ±Infinity). Schedules are functions and are not saved: their
   * current value is. Every key is an own property of `keys`, '__proto__' too.
   */
  state(): OptimizerState {
    return this.exclusive('state', this.takeState, undefined, undefined);
  }

  private takeState(): OptimizerState {
    // fromEntries defines each key as an own property: `keys[key] = ...` would set the prototype for '__proto__'.
    const names = this.fixed ? [...this.fixed.lengths.keys()] : [...(this.loaded?.arrays.keys() ?? [])];
    const keys = Object.fromEntries(names.map((key) => [key, this.stateCopy(key)!]));
    const carried = this.rule.carried;
    return {
      format: 'simd-optim/optimizer-state',
      version: 1,
      optimizer: this.rule.name,
      dtype: this.fixed?.dtype ?? this.loaded?.dtype ?? null,
      step: this.t,
      hyper: this.valuesAt(Math.max(this.t, 1)) as Record<string, number | boolean | string | null>,
      keys,
      ...(carried && { scalars: { [carried.name]: this.carried } }),
      ...(this.rule.stateSizes && { shapes: Object.fromEntries(names.map((key) => [key, shapeRecord(this.fixedShapes!.get(key)!)])) }),
    };
  }

  /**
   * Continues from a snapshot made by `state()` (of this optimizer class, on
   * either backend or path): the next update is the one that would have
   * followed it. The snapshot is checked whole first; a bad one throws naming
   * what is wrong and leaves this optimizer as it was. Hyperparameters given as
   * schedules here are kept (they follow the restored step).
   */
  loadState(snapshot: OptimizerState): void {
    this.exclusive('loadState', this.installState, snapshot, undefined);
  }

  private installState(snapshot: OptimizerState): void {
    const s = checkSnapshot(this.rule.name, this.rule.state, this.specs, this.rule.carried, snapshot, this.rule.stateSizes);
    checkNonNegativeState(this.rule, s.arrays);
    for (const [name, spec] of Object.entries(this.specs)) {
      if (spec.fixed && Object.hasOwn(s.hyper, name) && s.hyper[name] !== this.hyper[name]) {
        throw new TypeError(`${this.rule.name}.loadState: the snapshot has ${name} ${String(s.hyper[name])}, this optimizer ${String(this.hyper[name])}; it is fixed when the optimizer is made`);
      }
    }
    const carried = this.carriedFrom(s);
    this.clear();
    for (const [name, v] of Object.entries(s.hyper)) if (typeof this.hyper[name] !== 'function') this.hyper[name] = v;
    this.t = s.step;
    this.carried = carried;
    if (s.dtype && this.rule.state.length > 0) {
      this.fixed = { lengths: s.lengths, dtype: s.dtype };
      this.fixedShapes = s.shapes;
      this.engine.seed(s.arrays);
    }
    this.loaded = s;
  }

  /** The carried scalar to continue from: the snapshot's, or recomputed for one made before it was saved. */
  private carriedFrom(s: CheckedState): number {
    const carried = this.rule.carried;
    if (!carried) return 0;
    const v = s.scalar ?? carried.recompute(this.hyper as H, s.step);
    if (v === null) {
      throw new RangeError(
        `${this.rule.name}.loadState: the snapshot has no scalars.${carried.name} (it was made before simd-optim saved it), ` +
          `and recomputing it for step ${s.step} would take too long; load it into the version that made it and save it again`,
      );
    }
    return v;
  }

  /** Number of updates made since construction or reset(). */
  get steps(): number {
    return this.t;
  }

  /** How the last update ran: 'zero-copy', 'copy' (wasm backend) or 'js' (js backend, or 'auto' where it is faster); null before any. */
  get lastPath(): UpdatePath | null {
    return this.engine.path;
  }

  /** The element type fixed by the first update ('f64' for Float64Arrays, 'f32' for Float32Arrays); null before it. */
  get dtype(): Dtype | null {
    return this.fixed?.dtype ?? null;
  }

  /** Names of the state buffers (e.g. ['m', 'v'] for Adam). */
  get stateNames(): readonly string[] {
    return this.rule.state;
  }

  /** Splits the entries by group and resolves each group's values at step `t` (throwing before anything changes). */
  private planFor(entries: readonly Entry[], t: number): NonNullable<typeof this.plan> {
    const h = this.valuesAt(t);
    const runs = splitByGroup(entries, this.groups).map(({ group, entries: part }): PlannedRun<H> => {
      const g = group < 0 ? h : { ...h, ...this.valuesAt(t, this.groups[group].overrides) };
      const values = g as unknown as H;
      return { entries: part, values, kernel: this.rule.kernel, c: NO_CONSTANTS, clip: g.clipValue, wd: this.rule.decoupledWeightDecay ? 0 : g.weightDecay };
    });
    return { of: entries, scheduled: this.scheduled(), clipNorm: h.clipNorm, errorIfNonfinite: h.errorIfNonfinite, runs };
  }

  /** Whether any option (or any group's) is a schedule, so values change from step to step. */
  private scheduled(): boolean {
    const isFn = (v: HyperValue) => typeof v === 'function';
    return Object.values(this.hyper).some(isFn) || this.groups.some((g) => Object.values(g.overrides).some(isFn));
  }

  /** @internal The option setters' assignment (of a checked value): the next update re-reads every option. */
  setOption(name: string, v: HyperValue): void {
    this.idle(`setting ${name}`);
    this.hyper[name] = v;
    this.plan = null;
  }

  /**
   * Throws when a call on this optimizer is already running: a schedule, a
   * group's key test or a getter of the caller's that uses the optimizer it
   * is part of would see (or make) a half-made update. The running call
   * continues as if this one had not been made.
   */
  private idle(what: string): void {
    if (this.busy === null) return;
    throw new Error(
      `${this.rule.name}: ${what} is not allowed while ${this.busy}() is running on the same optimizer ` +
        `(it was called from a schedule, a group's key test or a getter inside it); nothing was changed`,
    );
  }

  /**
   * Runs `method(a, b)` as the public method `name`, during which the
   * optimizer refuses every other call that reads or changes its state.
   * (Arguments, not a closure: update calls it every step.)
   */
  private exclusive<A, B, T>(name: string, method: (this: this, a: A, b: B) => T, a: A, b: B): T {
    this.idle(`${name}()`);
    this.busy = name;
    try {
      return method.call(this, a, b);
    } finally {
      this.busy = null;
    }
  }

  /** Every option's value (or a group's) at update `t`, schedules evaluated and checked. */
  private valuesAt(t: number, values: Record<string, HyperValue> = this.hyper): Record<string, number | boolean | string | null> & CommonHyper {
    const out = ownRecord<number | boolean | string | null>();
    for (const [name, v] of Object.entries(values)) out[name] = valueAt(this.rule.name, name, this.specs[name], v, t);
    return out as Record<string, number | boolean | string | null> & CommonHyper;
  }

  /** A copy of the state of `key`, by name; undefined before the first update or for an unknown key. */
  stateOf(key: string): Record<string, FloatArray> | undefined {
    this.idle('stateOf()');
    return this.stateCopy(key);
  }

  private stateCopy(key: string): Record<string, FloatArray> | undefined {
    const arrays = this.engine.stateOf(key) ?? this.loaded?.arrays.get(key)?.map((a) => a.slice());
    if (!arrays) return undefined;
    return Object.fromEntries(this.rule.state.map((name, i) => [name, arrays[i]]));
  }

  /**
   * The entries of the last update when `params`/`grads` hold exactly the same
   * arrays under the same keys (the steady state of a training loop), so the
   * full check, with its aliasing sort, is skipped. A detached array has
   * length 0 and so fails the length test, sending the call to the full check
   * and its error.
   */
  private sameAsLast(params: Dict, grads: Dict): Entry[] | null {
    const last = this.last;
    if (!last || params === null || typeof params !== 'object' || grads === null || typeof grads !== 'object') return null;
    let i = 0;
    // for-in also lists inherited enumerable keys, which are not keys of a dict: each must be own.
    for (const key in params) {
      const e = last[i++];
      if (!e || e.key !== key || !hasOwn.call(params, key) || !hasOwn.call(grads, key)) return null;
      const p = params[key];
      const g = grads[key];
      if (p !== e.callerP || g !== e.callerG) return null;
      // Our views' lengths are 0 once their memory is detached; the caller's tell whether a
      // length-tracking array on a resizable buffer changed size (a subclass that lies about
      // its length only sends every call to the full check, which asks the built-in getter).
      const n = e.p.length;
      if (n === 0 || e.g.length === 0 || p.length !== n || g.length !== n) return null;
    }
    if (i !== last.length) return null;
    let j = 0;
    for (const _ in grads) j++;
    return j === i ? last : null;
  }
}

const hasOwn = Object.prototype.hasOwnProperty;

/** A planned run's constants until its first update computes them. */
const NO_CONSTANTS = {} as StepConstants;

/** A run as the optimizer keeps it between updates: its option values, and this step's kernel and constants. */
interface PlannedRun<H> extends Run {
  values: H;
  kernel: KernelBase;
  c: StepConstants;
}

/**
 * A rule's state buffers for a key must fit in the room a ParamSet slot has for it: at most the
 * param's length each; and the key's shape must be the one its state was made for (`fixed`).
 */
function checkStateSizes<H>(rule: Rule<H>, e: Entry, fixed: ReadonlyMap<string, KeyShape> | null): void {
  const was = fixed?.get(e.key);
  if (was && (was.batch !== e.shape.batch || was.rows !== e.shape.rows || was.cols !== e.shape.cols)) {
    throw new RangeError(
      `${rule.name}: key '${e.key}' has shape [${shapeRecord(e.shape).join(', ')}], but its state was made for [${shapeRecord(was).join(', ')}] ` +
        '(give it the same shape, by its ParamSet or the shapes option, or reset() the optimizer)',
    );
  }
  const sizes = rule.stateSizes!(e.shape);
  sizes.forEach((n, s) => {
    if (!(Number.isSafeInteger(n) && n >= 0 && n <= e.p.length)) {
      throw new RangeError(`${rule.name}: state '${rule.state[s]}' of key '${e.key}' would hold ${n} numbers; a state buffer holds 0 to the param's ${e.p.length}`);
    }
  });
}

/** A rule's own option specs, then the common ones it does not define itself. */
function specsOf<H>(rule: Rule<H>): Record<string, HyperSpec> {
  // No prototype: an option named 'toString' or '__proto__' is unknown, not a member of Object.prototype.
  const specs = Object.assign(ownRecord<HyperSpec>(), rule.hyper as Record<string, HyperSpec>);
  for (const [name, spec] of Object.entries(COMMON_HYPER)) if (!(name in specs)) specs[name] = spec;
  return specs;
}

/** Gives an optimizer class one validated accessor per hyperparameter (`opt.lr = 0.0005`), common ones included. */
export function defineHyperAccessors<H>(proto: object, rule: Rule<H>): void {
  for (const [name, spec] of Object.entries(specsOf(rule))) {
    Object.defineProperty(proto, name, {
      get(this: { hyper: Record<string, HyperValue> }) {
        return this.hyper[name];
      },
      set(this: { setOption(name: string, v: HyperValue): void }, v: unknown) {
        if (spec.fixed) throw new TypeError(`${rule.name}: ${name} is fixed when the optimizer is made (it decides the state it keeps)`);
        this.setOption(name, checkHyper(rule.name, name, spec, v));
      },
      enumerable: true,
      configurable: false,
    });
  }
}

import type { HyperSpecs } from './hyperparameters.js';
import type { FloatArray, Round } from './dtype.js';
import type { KeyShape } from './keyShape.js';
import type { KernelBase, KernelConstantNames } from './wasm/kernelTable.js';

/**
 * A step's named constants for kernels K: every name any of them reads (the
 * names of their rule files in assembly/kernels.json), each an f64 made on the host.
 */
export type StepConstants<K extends KernelBase = KernelBase> = Readonly<Record<KernelConstantNames[K], number>>;

/**
 * One kernel pass of an update: some of its entries (all of them, or one
 * param group) with their constants and gradient transform (see
 * assembly/skeleton.ts): clamp every gradient to [−clip, clip], then add
 * wd·p (none is Infinity, 0). Clipping by global norm is over the whole
 * update, so the engine applies it to every run alike.
 */
export interface Run {
  readonly entries: readonly import('./checkDicts.js').Entry[];
  /** The kernel (and JS variant) this run uses. */
  readonly kernel: KernelBase;
  /** This step's constants, by name (the kernel's block layout says where each goes). */
  readonly c: StepConstants;
  readonly clip: number;
  readonly wd: number;
}

/**
 * One optimizer, as data: everything the shared machinery (validation, state,
 * the WebAssembly and JS engines) needs to know about it. Like an Optax
 * transformation, an optimizer is its hyperparameters, its named state and
 * its per-element rule; the classes users see are built from this.
 */
// The shared machinery handles every rule alike: by default a rule's kernels and flags are any.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export interface Rule<H, K extends KernelBase = any, V = any> {
  /** The class name users see, used in every error message. */
  readonly name: string;
  readonly hyper: HyperSpecs<H>;
  /** Names of the per-element state buffers, in kernel order (state 0, 1, ...). */
  readonly state: readonly string[];
  /**
   * For a rule whose options decide which buffers it keeps (RMSprop's
   * `centered`, Adam's `amsgrad`): the names for these options, in kernel
   * order, in place of `state`. Options it reads must be `fixed` specs.
   */
  stateFor?(h: H): readonly string[];
  /**
   * The value each state buffer starts at, in kernel order, when not 0
   * (Adagrad's `initialAccumulatorValue`). Options it reads must be `fixed` specs.
   */
  stateInit?(h: H): readonly number[];
  /**
   * The state buffers no update can make negative (sums and averages of
   * squares, maxima of them or of magnitudes): loadState refuses a snapshot
   * with a negative value in one. Names the rule may not keep (see
   * `stateFor`) are allowed.
   */
  readonly nonNegativeState?: readonly string[];
  /**
   * For a rule whose state is not one number per param element (Adafactor's
   * row and column factors): each state buffer's length for a key of this
   * shape, in kernel order, each at most the key's length (a ParamSet slot
   * mirrors the param, so a smaller buffer uses the start of the key's room).
   * Without it every buffer is as long as its param.
   */
  stateSizes?(shape: KeyShape): readonly number[];
  /**
   * For a per-key rule whose kernel keeps a key's update direction before it
   * applies it (Adafactor's U, clipped by its own RMS): the state buffer, one
   * this shape does not keep (size 0 in stateSizes), whose pointer the kernel
   * uses as the key's length of scratch. In a ParamSet every slot has the
   * key's room; the copy path points it at the staged gradient instead, a
   * copy of the user's that the kernel may overwrite.
   */
  scratchState?(shape: KeyShape): number;
  /** @internal The start values, resolved from `stateInit` when the optimizer is made. */
  readonly initial?: readonly number[];
  /**
   * True when the rule's own `weightDecay` is decoupled (applied to the
   * params inside the rule, as AdamW and Lion do); the common L2 weight decay
   * into the gradient is then not applied.
   */
  readonly decoupledWeightDecay?: boolean;
  /**
   * True for a rule that reduces over a whole key before updating it (LAMB,
   * Adafactor; a `perKey` family in assembly/kernels.json): its kernel and its
   * `js` get each key whole, with its shape, and the constants as the host's
   * f64 values (each is rounded where it meets an array, and some, such as
   * Adafactor's relative step size, are used in f64 first). Its `js` calls
   * shared helpers (src/reductions.ts), so it is run as is, not compiled per
   * dtype from its source; the copy path stages its keys whole.
   */
  readonly perKey?: boolean;
  /** The WebAssembly kernel that runs this rule over an update table (`<kernel>_f64`, `<kernel>_f32`). */
  readonly kernel: K;
  /**
   * For a rule with variants (a flag such as `nesterov`, or a first step that
   * differs): the kernel for this step's options, in place of `kernel`. The
   * JS loop receives that kernel's entry of `variants`.
   */
  kernelFor?(h: H, t: number): K;
  /** A scalar the rule carries from update to update (NAdam's μ product); see CarriedScalar. */
  readonly carried?: CarriedScalar<H>;
  /**
   * The per-step scalars, computed on the host once per update exactly as the
   * book's code computes them in Python (so `1 - beta1` is rounded once, here).
   * `t` is the 1-based number of the update being made; `h` holds this
   * step's values (schedules already evaluated); `carried` is the carried
   * scalar's value at update t (0 for a rule that carries none). One object
   * names them for every kernel of the rule (each reads the ones it needs).
   */
  constants(h: H, t: number, carried: number): StepConstants<K>;
  /**
   * The reference: the same per-element arithmetic in plain JS, in the same
   * order as the kernel, with `r` applied to every operation's result (it
   * rounds to float32 for Float32Arrays and does nothing for Float64Arrays;
   * the constants arrive already rounded to the dtype). It is the test oracle
   * and the no-SIMD fallback. It must refer only to its parameters and to
   * globals (Math): the JS engine compiles a copy per dtype from its source.
   * `variant` is the kernel's typed flags (see `variants`); `shape` is the
   * key's (elementwise rules ignore it; a rule that reduces per key or keeps
   * row and column factors reads it).
   */
  js(p: FloatArray, g: FloatArray, s: readonly FloatArray[], c: StepConstants<K>, r: Round, variant: V, shape: KeyShape): void;
  /**
   * For a rule with several kernels: what each kernel does differently, as
   * flags the JS loop reads once before its loop (so the kernel and the loop
   * are chosen together, by kernel name, with no name compared in the loop).
   */
  readonly variants?: { readonly [X in K]: V };
}

/**
 * Scalar state that a rule's constants need and that cannot be recomputed from
 * the step count in bounded time (NAdam's μ product Π_t = μ1·…·μt, whose
 * recomputation takes t steps), so the optimizer carries it: one `next` per
 * update, and `state()` saves it under `scalars[name]`. The options it reads
 * must be `fixed` specs (the same for every group and every step).
 */
export interface CarriedScalar<H> {
  readonly name: string;
  /** Its value before the first update. */
  readonly initial: number;
  /** Its value at update t, from the value at update t − 1. */
  next(h: H, t: number, previous: number): number;
  /**
   * Its value after update t, recomputed for a snapshot that does not hold it
   * (made before it was saved) in bounded time, or null when that would take too long.
   */
  recompute(h: H, t: number): number | null;
  /** What a snapshot's value must satisfy, and the rule in words for the error. */
  readonly check: (x: unknown) => boolean;
  readonly rule: string;
}


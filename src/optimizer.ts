import { checkDicts, type Dict, type Entry, type Fixed } from './checkDicts.js';
import type { Dtype, FloatArray } from './dtype.js';
import { JsEngine } from './engines/jsEngine.js';
import { WasmEngine } from './engines/wasmEngine.js';
import type { Engine, UpdatePath } from './engines/engine.js';
import { checkHyper, resolveOptions, type HyperSpec } from './hyperparameters.js';
import type { Rule } from './rule.js';
import { kernelModule } from './wasm/kernelModule.js';

/** Which arithmetic an optimizer runs: WebAssembly SIMD kernels or the plain-JS reference. */
export type Backend = 'wasm' | 'js';

/** Options every optimizer takes besides its hyperparameters. */
export interface CommonOptions {
  /** 'auto' (the default) picks 'wasm' where WebAssembly SIMD is available, else 'js'. */
  backend?: Backend | 'auto';
}

/** The backend 'auto' resolves to in this runtime. */
export const defaultBackend: Backend = kernelModule ? 'wasm' : 'js';

/**
 * The shared machinery of every optimizer: options, validation of the whole
 * update before anything changes, state keyed by name and created on the first
 * update, the step count, and dispatch to an engine.
 */
export class Optimizer<H> {
  /** The engine this optimizer runs on. */
  readonly backend: Backend;
  /** @internal */ protected readonly rule: Rule<H>;
  /** @internal */ protected readonly hyper: H;
  private engine: Engine;
  /** Each key's length and the dtype, fixed by the first update; null before it. */
  private fixed: Fixed | null = null;
  /** The entries of the last update, to skip full validation when the same arrays come back. */
  private last: Entry[] | null = null;
  private t = 0;

  constructor(rule: Rule<H>, options: (Partial<H> & CommonOptions) | undefined, fallback: Backend | 'auto') {
    this.rule = rule;
    this.hyper = resolveOptions(rule.name, rule.hyper, options, ['backend']);
    const asked = options?.backend ?? fallback;
    if (asked !== 'auto' && asked !== 'wasm' && asked !== 'js') {
      throw new RangeError(`${rule.name}: backend must be 'auto', 'wasm' or 'js', got ${String(asked)}`);
    }
    if (asked === 'wasm' && !kernelModule) {
      throw new Error(`${rule.name}: backend 'wasm' asked for, but this runtime has no WebAssembly SIMD`);
    }
    this.backend = asked === 'auto' ? defaultBackend : asked;
    this.engine = this.backend === 'wasm' ? new WasmEngine(rule) : new JsEngine(rule);
  }

  /**
   * Updates every array of `params` in place from the matching `grads`.
   * The whole call is validated first; on any error nothing has changed.
   */
  update(params: Dict, grads: Dict): void {
    const same = this.sameAsLast(params, grads);
    const { entries, dtype } = same ? { entries: same, dtype: this.fixed!.dtype } : checkDicts(this.rule.name, params, grads, this.fixed);
    const t = this.t + 1;
    this.engine.step(entries, this.rule.constants(this.hyper, t), dtype);
    this.t = t;
    if (!this.fixed) this.fixed = { lengths: new Map(entries.map((e) => [e.key, e.p.length])), dtype };
    this.last = entries;
  }

  /** Forgets all state and the step count; the next update starts afresh. */
  reset(): void {
    this.engine.reset();
    this.fixed = null;
    this.last = null;
    this.t = 0;
  }

  /** Number of updates made since construction or reset(). */
  get steps(): number {
    return this.t;
  }

  /** How the last update ran: 'zero-copy', 'copy' (wasm backend) or 'js'; null before any. */
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

  /** A copy of the state of `key`, by name; undefined before the first update or for an unknown key. */
  stateOf(key: string): Record<string, FloatArray> | undefined {
    const arrays = this.engine.stateOf(key);
    if (!arrays) return undefined;
    return Object.fromEntries(this.rule.state.map((name, i) => [name, arrays[i]]));
  }

  /**
   * The entries of the last update when `params`/`grads` hold exactly the same
   * arrays under the same keys (the steady state of a training loop), so the
   * full check, with its aliasing sort, is skipped. A detached array has length
   * 0 and so fails the length test, sending the call to the full check and its error.
   */
  private sameAsLast(params: Dict, grads: Dict): Entry[] | null {
    const last = this.last;
    if (!last || params === null || typeof params !== 'object' || grads === null || typeof grads !== 'object') return null;
    let i = 0;
    for (const key in params) {
      const e = last[i++];
      if (!e || e.key !== key || params[key] !== e.p || grads[key] !== e.g) return null;
      const n = this.fixed!.lengths.get(key);
      if (e.p.length !== n || e.g.length !== n) return null;
    }
    if (i !== last.length) return null;
    let j = 0;
    for (const _ in grads) j++;
    return j === i ? last : null;
  }
}

/** Gives an optimizer class one validated accessor per hyperparameter (`opt.lr = 0.0005`). */
export function defineHyperAccessors<H>(proto: object, rule: Rule<H>): void {
  for (const [name, spec] of Object.entries(rule.hyper) as [string, HyperSpec][]) {
    Object.defineProperty(proto, name, {
      get(this: { hyper: Record<string, number> }) {
        return this.hyper[name];
      },
      set(this: { hyper: Record<string, number> }, v: unknown) {
        this.hyper[name] = checkHyper(rule.name, name, spec, v);
      },
      enumerable: true,
      configurable: false,
    });
  }
}

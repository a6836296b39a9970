import type { Entry, Fixed } from '../checkDicts.js';
import type { Dtype, FloatArray } from '../dtype.js';
import type { Rule, Run } from '../rule.js';
import { setMemoryOf } from '../wasm/setMemory.js';
import type { Engine, KeyRanges, UpdatePath } from './engine.js';
import { JsEngine } from './jsEngine.js';
import { plainPath, type PlainPath } from './pathChoice.js';
import { WasmEngine } from './wasmEngine.js';

/** Picks the path for a plain dict: see pathChoice.ts. Tests give their own. */
export type PathChooser = (run: Run, dtype: Dtype, elements: number) => PlainPath;

const byTable: PathChooser = (run, dtype, elements) => plainPath(run.kernel, dtype, elements);

/**
 * The engine of backend 'auto' where the kernels are available. An update
 * touching a ParamSet's memory goes to the WebAssembly engine (zero-copy, or
 * its copy path when the set cannot hold it). A plain dict goes to the copy
 * path unless the table says the rule's JS loop, run in place, is faster for
 * this dtype and size: copying in and out doubles the traffic of a rule that
 * is bound by memory, and past the cache that costs more than SIMD gains.
 * Both engines give the same bits, so only the speed depends on the choice.
 *
 * One engine holds the state at a time; when the choice changes between
 * updates (a dict moves to or from a ParamSet, or a kernel changes with a
 * schedule), the state moves to the other engine first.
 */
export class AutoEngine<H> implements Engine {
  private readonly wasm: WasmEngine<H>;
  /**
   * Made when the table first picks it: making it compiles the rule's loops
   * (specialize.ts), which a page whose policy forbids eval reports as a violation.
   */
  private js: JsEngine<H> | null = null;
  /** The engine that ran the last update, and holds the state; null before the first and after reset(). */
  private active: Engine | null = null;
  /** A loaded snapshot, for whichever engine runs the next update. */
  private seeded: ReadonlyMap<string, readonly FloatArray[]> | null = null;
  /** The last entries seen, and what they tell the choice (the same entries come back while a loop runs). */
  private seen: { entries: readonly Entry[]; inSet: boolean; elements: number } | null = null;

  constructor(private readonly rule: Rule<H>, private readonly choose: PathChooser = byTable) {
    this.wasm = new WasmEngine(rule);
  }

  get path(): UpdatePath | null {
    return this.active?.path ?? null;
  }

  step(entries: readonly Entry[], runs: readonly Run[], fixed: Fixed, clipNorm: number, ranges: KeyRanges | undefined): number {
    const next = this.pick(entries, runs, fixed.dtype);
    const from = this.active;
    if (next === from) return next.step(entries, runs, fixed, clipNorm, ranges);
    if (from) next.seed(new Map(entries.map((e) => [e.key, from.stateOf(e.key)!])));
    else if (this.seeded) next.seed(this.seeded);
    let norm: number;
    try {
      norm = next.step(entries, runs, fixed, clipNorm, ranges);
    } catch (e) {
      // Nothing ran: the state stays where it was.
      next.reset();
      throw e;
    }
    from?.reset();
    this.seeded = null;
    this.active = next;
    return norm;
  }

  private pick(entries: readonly Entry[], runs: readonly Run[], dtype: Dtype): Engine {
    if (this.seen?.entries !== entries) {
      const inSet = entries.some((e) => setMemoryOf(e.p.buffer) !== undefined || setMemoryOf(e.g.buffer) !== undefined);
      this.seen = { entries, inSet, elements: entries.reduce((n, e) => n + e.p.length, 0) };
    }
    if (this.seen.inSet) return this.wasm;
    const elements = this.seen.elements;
    for (const run of runs) if (this.choose(run, dtype, elements) === 'copy') return this.wasm;
    return (this.js ??= new JsEngine(this.rule));
  }

  stateOf(key: string): FloatArray[] | undefined {
    return this.active?.stateOf(key);
  }

  reset(): void {
    this.wasm.reset();
    this.js?.reset();
    this.active = null;
    this.seeded = null;
    this.seen = null;
  }

  seed(state: ReadonlyMap<string, readonly FloatArray[]>): void {
    this.seeded = state;
  }
}

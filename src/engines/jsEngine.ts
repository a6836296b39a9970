import type { Entry, Fixed } from '../checkDicts.js';
import { ARRAY, ROUND, type Dtype, type FloatArray, type Round } from '../dtype.js';
import { clipScale, sumOfSquares, transformGrads } from '../gradNorm.js';
import type { Rule, Run } from '../rule.js';
import { stateSizesOf, type Engine, type KeyRanges, type UpdatePath } from './engine.js';
import { specialize } from './specialize.js';

/** The pure-JS engine: state in ordinary typed arrays of the params' dtype, keyed by name. */
export class JsEngine<H> implements Engine {
  private state = new Map<string, FloatArray[]>();
  private seeded: ReadonlyMap<string, readonly FloatArray[]> | null = null;
  /** The rule's loop, one compiled copy per dtype (see specialize.ts). */
  private readonly loops: Record<Dtype, Rule<H>['js']>;
  path: UpdatePath | null = null;
  /** This run's constants rounded to the dtype, by name; one object reused by every run and step. */
  private readonly constants: Record<string, number> = {};

  constructor(private readonly rule: Rule<H>) {
    this.loops = loopsOf(rule);
  }

  step(entries: readonly Entry[], runs: readonly Run[], { dtype }: Fixed, clipNorm: number, ranges: KeyRanges | undefined): number {
    if (this.state.size === 0) {
      for (const e of entries) {
        const from = this.seeded?.get(e.key);
        const sizes = stateSizesOf(this.rule, e);
        const start = (s: number) => new ARRAY[dtype](sizes[s]).fill(this.rule.initial?.[s] ?? 0);
        this.state.set(e.key, this.rule.state.map((_, s) => (from ? ARRAY[dtype].from(from[s]) : start(s))));
      }
      this.seeded = null;
    }
    const r = ROUND[dtype];
    const loop = this.loops[dtype];
    const k = this.constants;
    const norm = clipNorm < Infinity ? Math.sqrt(sumOfSquares(entries, dtype)) : NaN;
    const scale = clipScale(norm, clipNorm);
    for (const run of runs) {
      // The constants rounded to the dtype, as the kernels' skeleton rounds them.
      const c = run.c as Readonly<Record<string, number>>;
      for (const name in c) k[name] = this.rule.perKey ? c[name] : r(c[name]);
      const variant = this.rule.variants?.[run.kernel];
      for (const whole of run.entries) {
        const range = ranges?.get(whole.key);
        if (ranges && !range) continue;
        // A range of a key: its elements' views (only elementwise rules get ranges that cut a key).
        const cut = range && (range.from !== 0 || range.to !== whole.p.length);
        const e = cut ? { ...whole, p: whole.p.subarray(range.from, range.to), g: whole.g.subarray(range.from, range.to) } : whole;
        const state = this.state.get(e.key)!;
        const g = scale !== 1 || run.clip !== Infinity || run.wd !== 0 ? transformed(e, scale, run, r) : e.g;
        loop(e.p, g, cut ? state.map((s) => s.subarray(range.from, range.to)) : state, k as Run['c'], r, variant, e.shape);
      }
    }
    this.path = 'js';
    return norm;
  }

  stateOf(key: string): FloatArray[] | undefined {
    return this.state.get(key)?.map((s) => s.slice());
  }

  reset(): void {
    this.state.clear();
    this.seeded = null;
    this.path = null;
  }

  seed(state: ReadonlyMap<string, readonly FloatArray[]>): void {
    this.seeded = state;
  }
}

/** One pair of compiled copies per rule loop, shared by every optimizer of that rule. */
const loopCache = new WeakMap<object, Record<Dtype, Rule<never>['js']>>();
function loopsOf<H>(rule: Rule<H>): Record<Dtype, Rule<H>['js']> {
  let loops = loopCache.get(rule.js);
  // A per-key rule's loop calls imported helpers, so it cannot be compiled from its source alone.
  if (!loops && rule.perKey) loopCache.set(rule.js, (loops = { f64: rule.js, f32: rule.js }));
  if (!loops) loopCache.set(rule.js, (loops = { f64: specialize(rule.js, `${rule.name} f64`), f32: specialize(rule.js, `${rule.name} f32`) }));
  return loops;
}

/**
 * The gradient the kernels' skeleton hands a rule, in a new array (the
 * caller's grads are never written): clipped (scale, then clamp) and/or with
 * weight decay added, each only when asked, each operation rounded to the dtype.
 */
function transformed({ p, g }: Entry, scale: number, t: Run, r: Round): FloatArray {
  const out = g.slice();
  transformGrads(out, 0, p, 0, out.length, scale, t.clip, t.wd, r);
  return out;
}

import type { Entry } from '../checkDicts.js';
import { ARRAY, ROUND, type Dtype, type FloatArray } from '../dtype.js';
import type { Rule, StepConstants } from '../rule.js';
import type { Engine, UpdatePath } from './engine.js';

/** The pure-JS engine: state in ordinary typed arrays of the params' dtype, keyed by name. */
export class JsEngine<H> implements Engine {
  private state = new Map<string, FloatArray[]>();
  path: UpdatePath | null = null;

  constructor(private readonly rule: Rule<H>) {}

  step(entries: readonly Entry[], c: StepConstants, dtype: Dtype): void {
    if (this.state.size === 0) {
      for (const e of entries) this.state.set(e.key, this.rule.state.map(() => new ARRAY[dtype](e.p.length)));
    }
    const r = ROUND[dtype];
    const k = c.map(r) as StepConstants;
    for (const e of entries) this.rule.js(e.p, e.g, this.state.get(e.key)!, k, r);
    this.path = 'js';
  }

  stateOf(key: string): FloatArray[] | undefined {
    return this.state.get(key)?.map((s) => s.slice());
  }

  reset(): void {
    this.state.clear();
    this.path = null;
  }
}

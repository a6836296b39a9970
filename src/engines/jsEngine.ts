import type { Entry } from '../checkDicts.js';
import type { Rule, StepConstants } from '../rule.js';
import type { Engine, UpdatePath } from './engine.js';

/** The pure-JS engine: state in ordinary Float64Arrays, keyed by name. */
export class JsEngine<H> implements Engine {
  private state = new Map<string, Float64Array[]>();
  path: UpdatePath | null = null;

  constructor(private readonly rule: Rule<H>) {}

  step(entries: readonly Entry[], c: StepConstants): void {
    if (this.state.size === 0) {
      for (const e of entries) this.state.set(e.key, this.rule.state.map(() => new Float64Array(e.p.length)));
    }
    for (const e of entries) this.rule.js(e.p, e.g, this.state.get(e.key)!, c);
    this.path = 'js';
  }

  stateOf(key: string): Float64Array[] | undefined {
    return this.state.get(key)?.map((s) => s.slice());
  }

  reset(): void {
    this.state.clear();
    this.path = null;
  }
}

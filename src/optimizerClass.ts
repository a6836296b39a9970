import type { CommonHyper, Schedule } from './hyperparameters.js';
import { Optimizer, defineHyperAccessors, type Backend, type CommonOptions } from './optimizer.js';
import type { Rule } from './rule.js';

/** Each numeric hyperparameter may also be given as a schedule (checked at run time for those that take one). */
export type Settable<H> = { [K in keyof H]: H[K] extends number ? number | Schedule : H[K] };

/** The constructor options of an optimizer with hyperparameters H. */
export type Options<H> = Partial<Settable<H & CommonHyper>> & CommonOptions;

/** An optimizer instance: the shared methods plus one accessor per hyperparameter. */
export type OptimizerOf<H> = Optimizer<H> & Settable<H & CommonHyper>;

export interface OptimizerClass<H> {
  new (options?: Options<H>): OptimizerOf<H>;
  readonly prototype: OptimizerOf<H>;
}

/**
 * Builds the user-facing class for a rule, defaulting to `backend`. Each entry
 * point (`simd-optim`, `simd-optim/js`) makes its own set from the same rules.
 */
export function optimizerClass<H>(rule: Rule<H>, backend: Backend | 'auto'): OptimizerClass<H> {
  const cls = class extends Optimizer<H> {
    constructor(options?: Options<H>) {
      super(rule, options, backend);
    }
  };
  Object.defineProperty(cls, 'name', { value: rule.name });
  defineHyperAccessors(cls.prototype, rule);
  return cls as unknown as OptimizerClass<H>;
}

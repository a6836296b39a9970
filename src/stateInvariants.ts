import type { FloatArray } from './dtype.js';
import type { Rule } from './rule.js';

/**
 * Refuses loaded state that no run of the rule could have made: a negative
 * value in a buffer the rule keeps ≥ 0 (a sum or average of squares, a
 * maximum of them or of magnitudes). Its square root would make every later
 * update of that element NaN. NaN itself is let through: NaN gradients make
 * it, and a snapshot of any state an optimizer reached must load again.
 * `arrays` holds each key's buffers in the rule's state order.
 */
export function checkNonNegativeState<H>(rule: Rule<H>, arrays: ReadonlyMap<string, readonly FloatArray[]>): void {
  const names = rule.nonNegativeState;
  if (!names) return;
  rule.state.forEach((name, s) => {
    if (!names.includes(name)) return;
    for (const [key, buffers] of arrays) {
      const a = buffers[s];
      for (let i = 0; i < a.length; i++) {
        if (a[i] < 0) {
          throw new RangeError(
            `${rule.name}.loadState: keys['${key}'].${name}[${i}] is ${a[i]}, but ${name} is never negative in a state ${rule.name} can reach; ` +
              'the snapshot was changed or made by something else',
          );
        }
      }
    }
  });
}

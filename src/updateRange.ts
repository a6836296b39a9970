import { describe } from './describe.js';
import type { Dtype } from './dtype.js';
import type { KeyRanges } from './engines/engine.js';
import { ParamSet } from './paramSet.js';

/**
 * The part of each key of `set` that elements [start, end) of its flat buffer
 * cover, checked whole before anything is updated. `wholeKeys`: the rule
 * reduces over whole keys, so the range must not cut one.
 */
export function keyRangesOf(owner: string, set: ParamSet<Dtype>, start: number, end: number, wholeKeys: boolean): KeyRanges {
  if (!(set instanceof ParamSet)) throw new TypeError(`${owner}: updateRange needs a ParamSet, got ${describe(set)}`);
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || end > set.size || start >= end) {
    throw new RangeError(`${owner}: updateRange needs integers 0 <= start < end <= ${set.size} (the set's size), got start ${describe(start)} and end ${describe(end)}`);
  }
  const ranges = new Map<string, { from: number; to: number }>();
  let at = 0;
  for (const [key, p] of Object.entries(set.params)) {
    const from = Math.max(start, at) - at;
    const to = Math.min(end, at + p.length) - at;
    if (from < to) {
      if (wholeKeys && (from !== 0 || to !== p.length)) {
        throw new RangeError(`${owner}: updateRange must cover whole keys for this optimizer (it reduces over each key), but [${start}, ${end}) cuts '${key}' (elements ${at} to ${at + p.length})`);
      }
      ranges.set(key, { from, to });
    }
    at += p.length;
  }
  return ranges;
}

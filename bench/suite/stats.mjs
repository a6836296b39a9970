// The two statistics the suite reports: medians, and ratios taken round by
// round (both paths timed in the same round, under the same machine load)
// before the median is taken.

export function median(xs) {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** Median over rounds of slow[r] / fast[r]: how many times faster `fast` was than `slow`. */
export function pairedRatio(slow, fast) {
  if (slow.length !== fast.length) throw new RangeError(`pairedRatio: ${slow.length} vs ${fast.length} rounds`);
  return median(slow.map((s, r) => s / fast[r]));
}

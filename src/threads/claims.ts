import type { CONTROL } from './control.js';

/**
 * Claims and runs chunks of the open update for thread `self` of `threads`,
 * until none is left; returns how many it ran.
 *
 * Chunks are dealt out in contiguous ranges, thread t owning chunks
 * ⌊t·n/T⌋ to ⌊(t+1)·n/T⌋ − 1, each range with its own counter (word NEXT + LINE·t, a cache line each);
 * a thread takes its own range first, then helps the others, one counter after
 * another. So in a steady loop each thread updates the same elements every
 * step and finds them in its own core's cache (claiming chunks from one
 * shared counter instead made SGD at 2¹⁷ elements twice as slow on two
 * threads: every step moved the arrays between the cores), while a thread that
 * starts late or runs slow still gets its work done by the others.
 *
 * A claim is valid only if it is below its range's end, which is read (from
 * CHUNKS) after the claim: a counter is CLOSED between updates, so a late
 * claim sees a number past every range (control.ts). Sent to workers as
 * source text (spawnWorker.ts): it must use nothing from outside its body.
 */
export function runClaims(c: Int32Array, L: typeof CONTROL, self: number, threads: number, run: (chunk: number) => void): number {
  let ran = 0;
  for (let k = 0; k < threads; k++) {
    const t = (self + k) % threads;
    for (;;) {
      const claimed = Atomics.add(c, L.NEXT + L.LINE * t, 1);
      if (claimed >= L.CLOSED) break;
      const n = c[L.CHUNKS];
      const chunk = Math.floor((t * n) / threads) + claimed;
      if (chunk >= Math.floor(((t + 1) * n) / threads)) break;
      run(chunk);
      ran++;
    }
  }
  return ran;
}

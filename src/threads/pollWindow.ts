/**
 * When a worker about to sleep should be awake for the caller's next update
 * (control.ts, EXPECT): from `wakeAt` (it sleeps until then) to `pollUntil`
 * (it polls until then), in the same clock as `expect` and `now`
 * (milliseconds since the epoch); null when no update is expected within
 * reach (no pace known yet, the window already over, or a value that a torn
 * read or a long pause made unlikely). Early by a tenth of the period (0.5 to
 * 2 ms) and late by a quarter (up to 5 ms): a loop's steps vary by about that,
 * and every millisecond of polling is a millisecond of a core.
 *
 * Sent to workers as source text (spawnWorker.ts): it must use nothing from
 * outside its body.
 */
export function pollWindow(expect: number, period: number, now: number, idleMs: number): { wakeAt: number; pollUntil: number } | null {
  if (!(period > 0 && period < idleMs && expect - now <= period)) return null;
  const early = Math.min(2, Math.max(0.5, period / 10));
  const late = Math.min(5, Math.max(early, period / 4));
  return now < expect + late ? { wakeAt: expect - early, pollUntil: expect + late } : null;
}

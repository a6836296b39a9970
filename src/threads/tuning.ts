/**
 * The sizes that decide how an update is shared, and how long an idle worker
 * stays, in one object so tests can shrink them (and cut the golden cases'
 * small dicts into many chunks across threads); the defaults are the measured
 * ones (shareAbove.ts, chunkPlan.ts). Not part of the public API.
 */
export const threadTuning = {
  /** Fewest elements per chunk. */
  minChunk: 4096,
  /** When a number, share every run of at least this many elements, whatever the rule. */
  shareAbove: null as number | null,
  /** When a number, wake sleeping workers for every shared run, whatever its size (else shareAsleepAbove.ts's sizes). */
  wakeAbove: null as number | null,
  /** Milliseconds a worker keeps polling for the next update before it sleeps (a sleeping worker takes tens of microseconds to wake). */
  spinMs: 5,
  /** Milliseconds of each nap of a worker that naps rather than polls (quieted by another set's update, or woken with nothing to run: workerMain.ts); the timer adds its slack (50 µs on Linux). */
  napMs: 0.05,
  /** Milliseconds a worker waits for an update before it retires (control.ts). */
  idleMs: 5_000,
};

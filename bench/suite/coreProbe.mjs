// Whether this machine's two cores are two cores right now. On the 2-vCPU VM
// the bench runs on, the host sometimes runs both vCPUs on the two hardware
// threads of one physical core, for a fraction of a second to several seconds.
// Then both threads share one divider: a divider-bound update on two threads
// takes as long as on one (Adam 0.99x, with the worker doing half the chunks),
// while a chain of dependent adds and multiplies still scales 2x
// (bench/native/coreSharing.sh shows both in C). A case timed in such a spell
// reports the host, not simd-optim.
//
// The probe: the calling thread times a divider-bound loop alone, then again
// while a worker runs the same loop, which times itself too. On two separate
// cores both keep their speed (0.93-1.2x of the speed alone here); on one
// core's two hardware threads both halve (0.53-0.65x measured beside Adam
// rounds that gained nothing); a vCPU the host has taken away leaves its thread
// almost still. A third busy thread of the guest (V8's own background work, as
// after the pauses between batches: 0.50 for one of the two, the other at full
// speed) slows only one of them: that is not the host, and it is not flagged.
// Runtime-neutral: the Node case process and the browser page start the worker.

/** Both threads below this share of the speed alone: one core's two hardware threads. */
export const BOTH_BELOW = 0.8;
/** One thread below this share: its vCPU was taken away. */
export const ONE_BELOW = 0.2;
/** The thresholds as a run's results record them (the docs tell the probe's forms apart by it). */
export const PROBE_THRESHOLDS = { bothBelow: BOTH_BELOW, oneBelow: ONE_BELOW };

const LOOP_MS = 3;

/** Laps per millisecond of four independent square roots and divisions (256 of each per lap), for `ms` milliseconds or while `go()`. */
const dividerLoop = `(ms, go) => {
  const t0 = performance.now();
  let a = 1.5, b = 2.5, c = 3.5, d = 4.5, acc = 0, laps = 0;
  while (performance.now() - t0 < ms && go()) {
    for (let i = 0; i < 256; i++) {
      acc += 1 / Math.sqrt(a) + 1 / Math.sqrt(b) + 1 / Math.sqrt(c) + 1 / Math.sqrt(d);
      a += 1; b += 1; c += 1; d += 1;
    }
    laps++;
  }
  return acc > 0 ? laps / (performance.now() - t0) : -1;
}`;

// Words of the shared flags: GO (the caller asks the worker to run), RUNNING (the worker is in its loop), RATE
// (the worker's laps per millisecond in its last run, times 1000).
const GO = 0;
const RUNNING = 1;
const RATE = 2;

/** The worker's loop, given the flags: it runs the divider loop while GO is 1, saying so in RUNNING. */
const workerLoop = `(flags) => {
  const loop = ${dividerLoop};
  for (;;) {
    Atomics.wait(flags, ${GO}, 0);
    Atomics.store(flags, ${RUNNING}, 1);
    Atomics.store(flags, ${RATE}, Math.round(1000 * loop(Infinity, () => Atomics.load(flags, ${GO}) === 1)));
    Atomics.store(flags, ${RUNNING}, 0);
  }
}`;

/**
 * Starts the probe's worker and warms both loops up → { speeds(): the divider
 * speeds of the two threads while both run, each over the calling thread's
 * alone, as [slower, faster]; shared(): whether both are below BOTH_BELOW or
 * one below ONE_BELOW; close() }. Each call takes about 2 × LOOP_MS.
 * `startWorker(source, flags)` starts a worker that calls the function
 * `source` evaluates to with `flags` (an Int32Array over shared memory) and
 * resolves to a function that stops it, once the worker runs.
 */
export async function coreProbe(startWorker) {
  const flags = new Int32Array(new SharedArrayBuffer(12));
  const stop = await startWorker(workerLoop, flags);
  const loop = new Function(`return ${dividerLoop}`)();
  const always = () => true;
  const speeds = () => {
    const alone = loop(LOOP_MS, always);
    Atomics.store(flags, GO, 1);
    Atomics.notify(flags, GO);
    // Timed only once the worker is in its loop (it takes up to a millisecond to wake).
    const t0 = performance.now();
    while (Atomics.load(flags, RUNNING) === 0 && performance.now() - t0 < 100);
    const beside = loop(LOOP_MS, always);
    Atomics.store(flags, GO, 0);
    const t1 = performance.now();
    while (Atomics.load(flags, RUNNING) === 1 && performance.now() - t1 < 100);
    const worker = Atomics.load(flags, RATE) / 1000;
    return [Math.min(beside, worker) / alone, Math.max(beside, worker) / alone];
  };
  for (let i = 0; i < 10; i++) speeds();
  return {
    speeds,
    shared: () => {
      const [slower, faster] = speeds();
      return faster < BOTH_BELOW || slower < ONE_BELOW;
    },
    close: stop,
  };
}

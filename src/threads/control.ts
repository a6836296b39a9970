/**
 * The control block through which the calling thread and its workers share an
 * update: Int32 words in the set's shared memory, read and written only with
 * Atomics. One update, as the caller runs it (team.ts):
 *
 *   1. write the update's pieces (TABLE), chunk bounds (BOUNDS), chunk count,
 *      kernel and constants: plain stores, while every NEXT counter is
 *      CLOSED so no worker can claim a chunk of a half-written update;
 *   2. open: each thread's NEXT ← 0 (stores that publish step 1 to every
 *      later claim);
 *   3. GEN += 1 and notify: sleeping workers wake;
 *   4. claim chunks and run them (claims.ts), as every awake worker does;
 *      each finished chunk adds 1 to DONE;
 *   5. wait until DONE = chunk count, then close: every NEXT ← CLOSED.
 *
 * A worker reads the update's fields only after a claim that succeeded, so a
 * worker that wakes late (after the update it was woken for) finds the
 * counters closed or past their ranges and goes back to sleep; it can never run a chunk
 * of an update with the fields of another. Workers that have not started yet
 * simply claim nothing: the caller runs what nobody claimed, so an update
 * never waits for a worker to start.
 *
 * GEN may also move with every counter closed: a nudge, which wakes sleeping
 * workers so that they are awake (polling) for the next update.
 *
 * A training loop updates at a steady pace (its forward and backward pass take
 * about as long each step), mostly longer than a worker's polling window. So
 * the caller, at each run large enough to share, writes when it expects the
 * next burst of runs (EXPECT: this burst's start plus the shortest time from
 * one burst's start to the next of the last four; team.ts) and that time
 * (PERIOD), as float64 milliseconds since the epoch (every thread's
 * performance.timeOrigin + performance.now()). A worker about to sleep sleeps
 * only until shortly before EXPECT, then polls a short while around it: it is
 * awake when the update comes, with no wake-up call (a system call of tens of
 * microseconds here, after which the woken worker sometimes took a millisecond
 * or the caller's own core). Torn reads of these plain float64 stores only
 * give a wrong time, which a worker checks against its own clock.
 *
 * A program may update several sets one after the other (a GAN's two
 * networks, each in a set of its own). Each set's workers would then poll
 * beside the other set's update and beside the step's own work, more threads
 * than cores. So a set's shared update sets QUIET in every other set of the
 * calling thread (and clears its own): their workers nap instead of polling
 * until their own set shares an update (workerMain.ts), and still count as
 * awake, so that update is shared and they join it within a nap. A nap ends on
 * its own timer, not by a wake-up call. Two sets of Adam, 2 threads each,
 * after 4 ms of main-thread work per step (bench/threadsSets.mjs): the whole
 * step at 0.88-0.92x of one thread before (2^17, f32) and 1.02-1.05x (2^20,
 * f64); 0.98-1.00x and 1.19-1.22x with QUIET, the two window changes in
 * team.ts (the shortest recent period; workers due in an open window counted
 * on) and the nap after a wake-up call (workerMain.ts).
 *
 * A worker that has seen no update for a while retires (its slot says so and
 * it exits), so idle sets do not keep threads; the next update large enough
 * to share starts it again.
 */
export const CONTROL = {
  GEN: 0,
  /** Nonzero from another set's shared update until this set's next one: its workers nap instead of polling (above). */
  QUIET: 1,
  /** Always 0, never notified: a quieted worker naps in Atomics.wait on it (workerMain.ts). */
  DOZE: 2,
  STOP: 3,
  KERNEL: 4,
  TABLE: 5,
  BOUNDS: 6,
  CHUNKS: 7,
  CONSTANTS: 8,
  CONSTANTS_STRIDE: 9,
  /** Float64 index (in a Float64Array over the control block) of the time the next update is expected, and of the loop's period. */
  EXPECT_F64: 5,
  PERIOD_F64: 6,
  /**
   * Words per cache line (64 bytes; the block starts on a line, SetMemory).
   * The words written while an update runs (DONE, each thread's NEXT) have a
   * line each, away from the words every thread reads (GEN, KERNEL, CHUNKS,
   * ...), so that a claim or a finished chunk does not take a line another
   * thread is reading: side by side, sixteen threads' counters would share
   * one line. On two threads the cost was within noise (Adam f32 at 2^17
   * elements, padded ÷ packed: 1.00-1.01x, interleaved in one process).
   */
  LINE: 16,
  /** Chunks finished in the open update. */
  DONE: 16,
  /** Word SLOTS + i: the state of worker i (1 to threads − 1), one of the slot states below. */
  SLOTS: 32,
  /** Word NEXT + LINE·t: the claims made on thread t's range of chunks (claims.ts). */
  NEXT: 32 + 64,
  WORDS: 32 + 64 + 16 * 64,
  /**
   * Slot states: never started; spawned, not yet running; awake in its loop
   * (working, or polling for the next update); asleep in Atomics.wait (it
   * takes tens to hundreds of microseconds to wake); gone after idling (it
   * may be spawned again); woken by the caller and on its way back to its
   * loop (the caller set this, so that the next update counts on it: it
   * joins that update when it arrives, and the caller takes what it has not).
   */
  EMPTY: 0,
  SPAWNED: 1,
  RUNNING: 2,
  RETIRED: 3,
  SLEEPING: 4,
  WAKING: 5,
  /** NEXT while no update is open: above any chunk count, and far from overflowing when late claims add to it. */
  CLOSED: 0x3fffffff,
} as const;

export const CONTROL_BYTES = CONTROL.WORDS * 4;

/** Bytes per cache line, which the control block starts on. */
export const LINE_BYTES = CONTROL.LINE * 4;

import type { CONTROL } from './control.js';
import type { runClaims } from './claims.js';
import type { pollWindow } from './pollWindow.js';

/** What a worker is started with (posted once; the memory is shared, the module is compiled once). */
export interface WorkerStart {
  readonly module: WebAssembly.Module;
  readonly memory: WebAssembly.Memory;
  /** Byte offset of the control block. */
  readonly control: number;
  /** The module's kernel exports, by the index the caller writes to KERNEL. */
  readonly names: readonly string[];
  /** This worker's number, 1 to threads − 1 (the caller is 0): which constants block is its own. */
  readonly id: number;
  readonly layout: typeof CONTROL;
  /** Bytes per update-table entry. */
  readonly entryBytes: number;
  /** Milliseconds to poll GEN after a share before sleeping in Atomics.wait: an update that comes sooner finds the worker awake. */
  readonly spinMs: number;
  /** Milliseconds of each nap, while quieted by another set's update (control.ts, QUIET) or after a wake-up with nothing to run. */
  readonly napMs: number;
  /** Milliseconds without an update after which the worker retires. */
  readonly idleMs: number;
  /** The team's thread count (the caller included): how the chunks are dealt out. */
  readonly threads: number;
}

/**
 * A worker's whole life: instantiate the kernels over the shared memory, then
 * run claimed chunks of each update until told to stop or idle for
 * `idleMs` (the protocol is in control.ts). This function is sent to the worker as source text
 * (spawnWorker.ts), so it must not use anything from outside its own body
 * but `claim` and `windowOf`, which are runClaims and pollWindow, sent the same way.
 */
export function workerMain(start: WorkerStart, claim: typeof runClaims, windowOf: typeof pollWindow): void {
  const L = start.layout;
  const abort = (): never => {
    throw new Error('simd-optim: a WebAssembly kernel aborted in a worker');
  };
  const exports = new WebAssembly.Instance(start.module, { env: { memory: start.memory, abort } }).exports;
  const kernels = start.names.map((name) => exports[name] as (table: number, count: number, constants: number) => void);
  const c = new Int32Array(start.memory.buffer, start.control, L.WORDS);
  const bounds = new Uint32Array(start.memory.buffer);
  const run = (chunk: number) => {
    const at = c[L.BOUNDS] >>> 2;
    const first = bounds[at + chunk];
    const table = c[L.TABLE] + first * start.entryBytes;
    kernels[c[L.KERNEL]](table, bounds[at + chunk + 1] - first, c[L.CONSTANTS] + start.id * c[L.CONSTANTS_STRIDE]);
    Atomics.add(c, L.DONE, 1);
  };
  const times = new Float64Array(start.memory.buffer, start.control, L.WORDS >> 1);
  const clock = () => performance.timeOrigin + performance.now();
  const slot = (state: number) => Atomics.store(c, L.SLOTS + start.id, state);
  let gen = Atomics.load(c, L.GEN);
  /**
   * Polls GEN until it moves (true) or the clock passes `until` (false),
   * reading the clock once in 1024 polls; or naps instead, `napping` or while
   * QUIET is set (another set shared an update since this set's last;
   * control.ts): Atomics.wait on DOZE, a word nobody notifies, so each nap
   * ends on its own timer, and the scheduler may move the worker to an idle
   * core at each wake.
   */
  const pollUntil = (until: number, napping: boolean): boolean => {
    for (let i = 1; Atomics.load(c, L.GEN) === gen; i++) {
      if ((i & 1023) !== 0 && !napping) continue;
      if (clock() >= until) return false;
      if (napping || Atomics.load(c, L.QUIET) !== 0) Atomics.wait(c, L.DOZE, 0, start.napMs);
    }
    return true;
  };
  /**
   * Sleeps and then polls around the caller's next update while one is
   * expected soon (control.ts, EXPECT); whether GEN moved. The expectation is
   * read again after each sleep and each window: an update that came early or
   * late, and ran alone, has moved it to the one after.
   */
  const windowAt = (now: number) => windowOf(times[L.EXPECT_F64], times[L.PERIOD_F64], now, start.idleMs);
  const awaitExpected = (): boolean => {
    for (let now = clock(), w = windowAt(now); w !== null; now = clock(), w = windowAt(now)) {
      if (w.wakeAt > now) {
        slot(L.SLEEPING);
        Atomics.wait(c, L.GEN, gen, w.wakeAt - now);
        slot(L.RUNNING);
        if (Atomics.load(c, L.GEN) !== gen) return true;
      } else if (pollUntil(w.pollUntil, false)) return true;
    }
    return false;
  };
  slot(L.RUNNING);
  for (;;) {
    const ran = claim(c, L, start.id, start.threads, run);
    if (Atomics.load(c, L.STOP) !== 0) return;
    // With the next update expected later (a paced loop), a short poll still catches the update's other runs (its
    // other param groups), and the window around the expected time does the rest: less of the core spent polling.
    // Woken with nothing to run (a nudge, or too late), it naps: a woken thread sometimes lands on the caller's core,
    // and polling there took the core from the caller for milliseconds.
    const expected = windowAt(clock()) !== null;
    if (!pollUntil(clock() + (expected ? Math.min(start.spinMs, 1) : start.spinMs), ran === 0) && !awaitExpected()) {
      slot(L.SLEEPING);
      if (Atomics.wait(c, L.GEN, gen, start.idleMs) === 'timed-out' && Atomics.load(c, L.GEN) === gen) {
        slot(L.RETIRED);
        return;
      }
      slot(L.RUNNING);
    }
    gen = Atomics.load(c, L.GEN);
    if (Atomics.load(c, L.STOP) !== 0) return;
  }
}

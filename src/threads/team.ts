import { CONTROL as C } from './control.js';
import { spawnerLater, spawnerNow, type WorkerHandle } from './spawnWorker.js';
import type { WorkerStart } from './workerMain.js';
import { threadTuning } from './tuning.js';
import { runClaims } from './claims.js';
import { pollWindow } from './pollWindow.js';

/** Where, in the set's shared memory, an update's split is written for the team (see SetMemory). */
export interface TeamLayout {
  readonly controlAt: number;
  /** Constants block of thread i at constantsAt + i·constantsStride (the caller is thread 0). */
  readonly constantsAt: number;
  readonly constantsStride: number;
  readonly tableAt: number;
  readonly boundsAt: number;
}

export type RunChunk = (table: number, count: number, constants: number) => void;

/**
 * How long the caller waits for a worker's chunk before it gives up on the
 * workers. A chunk takes microseconds to milliseconds; only a worker that died
 * or was frozen takes this long.
 */
const STALLED_MS = 10_000;

/** The calling thread's teams that are not closed: each shared run quiets the others' workers (control.ts, QUIET). */
const liveTeams = new Set<Team>();

/**
 * The workers of one ParamSet and the calling thread's side of the protocol
 * in control.ts. `threads` counts the caller: threads − 1 workers. Workers
 * start on the first start() (the first update large enough to share, or a
 * user's startThreads()): at once where the runtime can start one
 * synchronously (spawnWorker.ts); updates before they run are simply run by
 * the caller.
 */
export class Team {
  /** Why the workers were given up, once they were; the set then runs on the calling thread. */
  error: Error | null = null;
  /** Chunks the workers have run, over the team's life (tests check that sharing happened). */
  chunksByWorkers = 0;
  private readonly c: Int32Array;
  private readonly u32: Uint32Array;
  private readonly bytes: Uint8Array;
  /** @internal The worker of each slot (index = its id; 0, the caller, has none). */
  workers: (WorkerHandle | null)[] = [];
  private starting: Promise<void> | null = null;
  private closed = false;

  constructor(
    private readonly memory: WebAssembly.Memory,
    private readonly module: WebAssembly.Module,
    readonly threads: number,
    readonly layout: TeamLayout,
    /** The module's kernel exports, in the order their index is written to KERNEL. */
    readonly names: readonly string[],
    private readonly entryBytes: number,
  ) {
    this.c = new Int32Array(memory.buffer, layout.controlAt, C.WORDS);
    this.u32 = new Uint32Array(memory.buffer);
    this.bytes = new Uint8Array(memory.buffer);
    this.times = new Float64Array(memory.buffer, layout.controlAt, C.WORDS >> 1);
    this.closeClaims();
    this.c[C.CONSTANTS] = layout.constantsAt;
    this.c[C.CONSTANTS_STRIDE] = layout.constantsStride;
    this.c[C.TABLE] = layout.tableAt;
    this.c[C.BOUNDS] = layout.boundsAt;
    liveTeams.add(this);
  }

  private readonly indexes = new Map<string, number>();

  /** The index of kernel export `name` in `names` (what the caller writes to KERNEL), looked up once. */
  kernelIndex(name: string): number {
    let i = this.indexes.get(name);
    if (i === undefined) this.indexes.set(name, (i = this.names.indexOf(name)));
    if (i < 0) throw new Error(`simd-optim: the shared kernels have no export ${name}`);
    return i;
  }

  /** Whether updates may be shared: not given up, not closed. */
  get usable(): boolean {
    return this.error === null && !this.closed;
  }

  /** Workers that are running their loop now, awake or asleep. */
  get running(): number {
    return this.count((slot) => slot === C.RUNNING || slot === C.SLEEPING || slot === C.WAKING);
  }

  /** Workers awake now (working or polling for the next update) or already woken, which would take a share at once or soon. */
  get awake(): number {
    return this.count((slot) => slot === C.RUNNING || slot === C.WAKING);
  }

  /**
   * Whether the window announced for this burst (control.ts, EXPECT) is open
   * now: workers asleep until it are due, and come without a wake-up call.
   * On a busy machine a worker's timer may fire while both cores are taken
   * (the caller, and another set's worker): it then waits for a core for up
   * to a few milliseconds, still asleep by its slot, though it will take its
   * share as soon as it runs.
   */
  windowOpen(): boolean {
    const now = performance.timeOrigin + performance.now();
    const w = pollWindow(this.times[C.EXPECT_F64], this.times[C.PERIOD_F64], now, threadTuning.idleMs);
    return w !== null && w.wakeAt <= now;
  }

  private count(test: (slot: number) => boolean): number {
    let n = 0;
    for (let id = 1; id < this.threads; id++) if (test(Atomics.load(this.c, C.SLOTS + id))) n++;
    return n;
  }

  private solos = 0;
  private lastRun = 0;
  private burstStart = 0;
  /** The last few bursts' periods, the newest last: the next burst is expected after the shortest (expectNext). */
  private readonly periods: number[] = [];
  private readonly times: Float64Array;

  /**
   * At every run large enough to share, shared or not: whether it starts a
   * burst of runs. A burst is runs closer to each other than the polling
   * window (the runs of one update, or several updates back to back), which
   * find the workers awake; the pace is from the start of one burst to the
   * start of the next (from the last run of a burst, the next would be
   * expected too early by the burst's length).
   */
  startsBurst(): boolean {
    const now = performance.timeOrigin + performance.now();
    const gap = now - this.lastRun;
    this.lastRun = now;
    if (gap < threadTuning.spinMs) return false;
    if (this.periods.push(now - this.burstStart) > 4) this.periods.shift();
    this.burstStart = now;
    return true;
  }

  /**
   * Tells the workers when the next burst is due (control.ts, EXPECT), after
   * a burst's first run that is shared: they then sleep until shortly before
   * it. A pace slower than a worker's idle time is no pace. The shortest of
   * the last four periods sets the time: a step's length moves with how its
   * updates ran (shared or alone), most with two sets updated one after the
   * other, where the last period alone put the window after the next update
   * as often as not.
   */
  expectNext(): void {
    const last = this.periods[this.periods.length - 1] ?? Infinity;
    if (last > threadTuning.idleMs) return;
    const pace = Math.min(...this.periods);
    this.times[C.PERIOD_F64] = pace;
    this.times[C.EXPECT_F64] = this.burstStart + pace;
  }

  /**
   * The caller ran a shareable update alone because every worker slept. The
   * first two times since the last shared update, and every eighth time after,
   * it wakes them without an update (every counter stays closed), so they poll
   * for the next one for spinMs and then, if the caller expects one (control.ts,
   * EXPECT), sleep only until it is due: a loop gets them back within two
   * steps (the first teaches the workers its pace), while one that they keep
   * missing pays the wake-up call (a system call) only once in eight updates.
   */
  soloWhileAsleep(): void {
    const solos = this.solos++;
    if (solos < 2 || solos % 8 === 0) this.wake();
  }

  /**
   * Moves GEN and wakes the sleeping workers; their slots say WAKING until
   * they are back in their loop, so an update that comes before that is
   * still shared: each worker takes what is left when it arrives. (Counted
   * as asleep instead, the first update after a nudge ran alone, as the
   * nudged workers were still waking.)
   */
  private wake(): void {
    Atomics.add(this.c, C.GEN, 1);
    Atomics.notify(this.c, C.GEN);
    for (let id = 1; id < this.threads; id++) Atomics.compareExchange(this.c, C.SLOTS + id, C.SLEEPING, C.WAKING);
  }

  /** Starts every worker not running or starting (at first, or after some retired); resolves when all run, or were given up. */
  start(): Promise<void> {
    this.starting ??= this.spawnMissing()
      .catch((e: unknown) => this.giveUp(e instanceof Error ? e : new Error(String(e))))
      .finally(() => (this.starting = null));
    return this.starting;
  }

  /** Spawns synchronously where the runtime allows (this runs before the first await), so a busy synchronous loop still gets its workers. */
  private async spawnMissing(): Promise<void> {
    const spawnWorker = spawnerNow() ?? (await spawnerLater());
    for (let id = 1; id < this.threads && this.usable; id++) {
      const slot = Atomics.load(this.c, C.SLOTS + id);
      if (slot !== C.EMPTY && slot !== C.RETIRED) continue;
      Atomics.store(this.c, C.SLOTS + id, C.SPAWNED);
      const start: WorkerStart = { module: this.module, memory: this.memory, control: this.layout.controlAt, names: this.names, id, layout: C, entryBytes: this.entryBytes, spinMs: threadTuning.spinMs, napMs: threadTuning.napMs, idleMs: threadTuning.idleMs, threads: this.threads };
      const handle: WorkerHandle = spawnWorker(start, (why) => {
        // A retired worker's exit, or that of a worker since replaced, is no death.
        if (this.workers[id] === handle && Atomics.load(this.c, C.SLOTS + id) !== C.RETIRED) this.giveUp(why);
      });
      this.workers[id] = handle;
    }
    // Running means in its loop (the kernels instantiated): poll, without blocking the thread.
    while (this.usable && this.running < this.threads - 1) await new Promise((r) => setTimeout(r, 1));
  }

  /**
   * Runs one update split into `chunks` chunks (pieces and bounds already
   * written at the layout's table and bounds, constants in block 0): opens it
   * to the workers, runs chunks itself until none is left, waits for the
   * chunks workers claimed. `kernel` is the caller's instance of export
   * `names[kernelIndex]`.
   */
  run(kernel: RunChunk, kernelIndex: number, chunks: number, constantsBytes: number): void {
    const c = this.c;
    const { constantsAt, constantsStride, tableAt, boundsAt } = this.layout;
    const bytes = this.bytes;
    for (let i = 1; i < this.threads; i++) bytes.copyWithin(constantsAt + i * constantsStride, constantsAt, constantsAt + constantsBytes);
    c[C.KERNEL] = kernelIndex;
    c[C.CHUNKS] = chunks;
    Atomics.store(c, C.DONE, 0);
    for (let t = 0; t < this.threads; t++) Atomics.store(c, C.NEXT + C.LINE * t, 0);
    this.quietOthers();
    this.wake();
    const b = boundsAt >>> 2;
    const mine = runClaims(c, C, 0, this.threads, (chunk) => {
      const first = this.u32[b + chunk];
      kernel(tableAt + first * this.entryBytes, this.u32[b + chunk + 1] - first, constantsAt);
    });
    // Every chunk is claimed: wait for the ones workers hold (a short spin: each is a few microseconds).
    let done = Atomics.add(c, C.DONE, mine) + mine;
    let since = 0;
    for (let spins = 0; done < chunks; spins++) {
      if ((spins & 0xffff) === 0xffff) {
        const now = Date.now();
        if (since === 0) since = now;
        else if (now - since > STALLED_MS) this.stalled(chunks - done);
      }
      done = Atomics.load(c, C.DONE);
    }
    this.closeClaims();
    this.chunksByWorkers += chunks - mine;
    this.solos = 0;
  }

  /** Quiets the calling thread's other sets' workers until their own next shared update, and lets this set's poll (control.ts, QUIET). */
  private quietOthers(): void {
    for (const team of liveTeams) Atomics.store(team.c, C.QUIET, team === this ? 0 : 1);
  }

  /** Closes every thread's counter: no claim succeeds until the next update opens them. */
  private closeClaims(): void {
    for (let t = 0; t < this.threads; t++) Atomics.store(this.c, C.NEXT + C.LINE * t, C.CLOSED);
  }

  private stalled(missing: number): never {
    this.closeClaims();
    const error = new Error(
      `simd-optim: ${missing} chunk(s) of this update claimed by a worker were not finished after ${STALLED_MS / 1000} s: the worker died or was frozen, ` +
        'and those elements may be partly updated; the set now updates on the calling thread',
    );
    this.giveUp(error);
    throw error;
  }

  /** Gives the workers up (the first cause is kept): the set goes on on the calling thread. */
  giveUp(why: Error): void {
    if (this.closed) return;
    this.error ??= new Error(`simd-optim: this ParamSet's threads stopped (${why.message}); it now updates on the calling thread`, { cause: why });
    this.stopWorkers();
  }

  /** Stops the workers for good (the set is gone or closed). */
  close(): void {
    this.stopWorkers();
    this.closed = true;
    liveTeams.delete(this);
  }

  private stopWorkers(): void {
    Atomics.store(this.c, C.STOP, 1);
    Atomics.add(this.c, C.GEN, 1);
    Atomics.notify(this.c, C.GEN);
    for (const w of this.workers) w?.terminate();
    this.workers = [];
  }
}

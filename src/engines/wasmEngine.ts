import type { Entry, Fixed } from '../checkDicts.js';
import { BYTES, ROUND, type Dtype, type FloatArray } from '../dtype.js';
import { setMemoryOf, type SetMemory } from '../wasm/setMemory.js';
import { clipScale, sumOfSquares, transformGrads } from '../gradNorm.js';
import type { Rule, Run } from '../rule.js';
import { alignUp } from '../wasm/arena.js';
import type { Kernel, KernelBase, KernelExports } from '../wasm/kernelModule.js';
import { sharedStaging, STAGING_ELEMENTS, type Block, type SharedStaging } from '../wasm/sharedStaging.js';
import { planBatches, type Batch } from '../wasm/stagingPlan.js';
import { writeEntry } from '../wasm/updateTable.js';
import { writeConstants } from '../wasm/constantsBlock.js';
import { stateSizesOf, type Engine, type KeyRanges, type UpdatePath } from './engine.js';
import { chunkElements, planChunks, type ChunkPlan, type Span } from '../threads/chunkPlan.js';
import { burstShareAbove, shareAbove, wakeAbove } from '../threads/shareAbove.js';
import type { Team } from '../threads/team.js';
import { CONSTANTS_BYTES } from '../wasm/constantsBlock.js';
import { CHUNK } from '../reductions.js';

export { STAGING_ELEMENTS };

/**
 * Where an optimizer's state lives. Zero-copy needs it in the same memory as
 * the params; the copy path keeps it in a block of the memory that all
 * copy-path optimizers share with one staging area (sharedStaging.ts).
 */
type Home =
  | { kind: 'set'; set: SetMemory; slots: number[] }
  | CopyHome;

/**
 * A copy-path home: this optimizer's state block in the shared memory.
 * `plans` holds the batches planned for each run's entries (the same entries
 * come back while a loop runs). They were made when the memory had grown
 * `plannedAt` times; once it grew again (another optimizer needed room, and
 * the memory was replaced by a larger one) their views are of the old memory
 * and the plans are made again.
 */
interface CopyHome {
  kind: 'copy';
  staging: SharedStaging;
  block: Block;
  /** Where params and grads are staged (byte offsets), each room `chunk` elements: the shared room, or for a per-key rule its own in `block`. */
  paramsAt: number;
  gradsAt: number;
  chunk: number;
  plans: WeakMap<readonly Entry[], Batch[]>;
  plannedAt: number;
}

/**
 * State blocks of optimizers that were dropped without reset() go back to the
 * shared memory. The registry holds only the blocks, never an engine.
 */
const blockReturns = new FinalizationRegistry<Block>((block) => sharedStaging().release(block));

/**
 * Slots held by optimizers that were dropped without reset() go back to their
 * set. One registry per set, holding only the slot numbers: a registry shared
 * by all sets would hold every set an optimizer ever used (and its
 * WebAssembly.Memory) until the next collection, and Chromium allows a page
 * only about 125 live memories.
 */
const slotReturns = new WeakMap<SetMemory, FinalizationRegistry<number[]>>();
function slotReturnOf(set: SetMemory): FinalizationRegistry<number[]> {
  let registry = slotReturns.get(set);
  if (!registry) slotReturns.set(set, (registry = new FinalizationRegistry<number[]>((slots) => set.releaseSlots(slots))));
  return registry;
}

/**
 * What a copy home does when the shared memory is replaced: its plans' views
 * would keep the old memory alive (Chromium allows a page only about 125).
 * Made out here so the closure holds the home alone: one made in an engine's
 * method would share that method's context, and the memory's list of these
 * would keep the engine alive, never to be collected.
 */
function planDropper(home: CopyHome): () => void {
  return () => (home.plans = new WeakMap());
}

/** How a run (or an update's norm) is run on a set: see shareOf. */
type Share = 'shared' | 'alone' | 'alone, workers asleep';

/** A shared norm's chunk plan: its pieces' SUMS hold `blocks` block sums from the set's blockSumsAt, in order. */
type NormPlan = ChunkPlan & { readonly blocks: number };

/** The last kernel looked up, per kernel instance: the name is built and looked up once, not on every update. */
const lastKernel = new WeakMap<KernelExports, { name: KernelBase; dtype: Dtype; kernel: Kernel }>();

function kernelOf(kernels: KernelExports, name: KernelBase, dtype: Dtype): Kernel {
  const last = lastKernel.get(kernels);
  if (last && last.name === name && last.dtype === dtype) return last.kernel;
  const kernel = kernels[`${name}_${dtype}`];
  if (typeof kernel !== 'function') throw new Error(`simd-optim: the WebAssembly module has no kernel ${name}_${dtype}`);
  lastKernel.set(kernels, { name, dtype, kernel });
  return kernel;
}

/**
 * The WebAssembly engine. One kernel call per update, whichever path:
 * - zero-copy when every param lies in one ParamSet's params block and every
 *   grad in its grads block, and the set has state slots free (or already
 *   holds this optimizer's state);
 * - otherwise the copy path: params and grads staged into the shared
 *   memory in cache-sized batches, updated there, params copied back. Same kernel,
 *   so the same bits; one call per batch of STAGING_ELEMENTS elements.
 * State moves (once) when the path changes between updates.
 */
export class WasmEngine<H> implements Engine {
  private home: Home | null = null;
  /** key → byte offsets of its state buffers in the home's memory. */
  private state = new Map<string, number[]>();
  /** Each key's length and the dtype: the optimizer's record, set by the first update after construction or reset(). */
  private fixed: Fixed | null = null;
  /** Each key's state buffer lengths (its param's length, unless the rule sizes them by shape). */
  private sizes = new Map<string, readonly number[]>();
  private get dtype(): Dtype {
    return this.fixed?.dtype ?? 'f64';
  }
  /** State to start from instead of zeros (a loaded snapshot), until the next update installs it. */
  private seeded: ReadonlyMap<string, readonly FloatArray[]> | null = null;
  path: UpdatePath | null = null;

  constructor(private readonly rule: Rule<H>) {}

  step(entries: readonly Entry[], runs: readonly Run[], fixed: Fixed, clipNorm: number, ranges: KeyRanges | undefined): number {
    const dtype = fixed.dtype;
    // A per-key rule reads the gradient over several passes: a transformed one is made once, in the
    // staging room (the caller's grads are never written), so such an update takes the copy path.
    const transformsStaged = this.rule.perKey === true && (clipNorm < Infinity || runs.some((r) => r.clip !== Infinity || r.wd !== 0));
    const set = transformsStaged ? null : this.zeroCopySet(entries, fixed.dtype);
    if (ranges && !set) {
      throw new Error(
        `${this.rule.name}: updateRange updates a ParamSet in place, and this update cannot be (` +
          (transformsStaged ? 'a per-key rule with clipping or weight decay stages its gradients' : "the set has no free state slots for this optimizer's state; give it more stateSlots") + ')',
      );
    }
    this.fixed = fixed;
    if (set) {
      if (this.home?.kind !== 'set' || this.home.set !== set) this.moveTo(this.setHome(set, entries), entries);
      // The norm (when asked), then one call or one shared run per run. Whether the norm is shared is decided
      // once for the whole update, as for a run of all its elements; a run that is the whole update follows it.
      const whole = clipNorm < Infinity ? this.shareIn(set, this.elementsOf(entries, undefined), runs[0].kernel) : undefined;
      const norm = whole !== undefined ? Math.sqrt(this.sumOfSquaresInSet(set, entries, whole === 'shared')) : NaN;
      const scale = clipScale(norm, clipNorm);
      for (const run of runs) this.runInSet(set, run, scale, ranges, runs.length === 1 && !ranges ? whole : undefined);
      this.path = 'zero-copy';
      return norm;
    }
    // Every copy-path optimizer stages through the same room, and a new one may
    // grow it: an update begun (by code that a typed array ran) inside this one
    // would overwrite the staged arrays or detach the views in use.
    const staging = sharedStaging();
    if (staging.busy) throw new Error('simd-optim: a copy-path update was started from inside another one (by code that a params or grads array ran); updates cannot nest');
    staging.busy = true;
    try {
      if (this.home?.kind !== 'copy') this.moveTo(this.copyHome(entries, staging), entries);
      // The norm must be known before the first batch; the JS sum has the kernels' order and bits.
      const norm = clipNorm < Infinity ? Math.sqrt(sumOfSquares(entries, this.dtype)) : NaN;
      const scale = clipScale(norm, clipNorm);
      // Every run's batches are planned (or found planned) before the first is written, so nothing can fail half-way.
      for (const run of runs) this.batchesOf(run.entries, this.home as CopyHome);
      for (const run of runs) this.runCopied(run, scale);
      this.path = 'copy';
      return norm;
    } finally {
      staging.busy = false;
    }
  }

  seed(state: ReadonlyMap<string, readonly FloatArray[]>): void {
    this.seeded = state;
  }

  stateOf(key: string): FloatArray[] | undefined {
    const at = this.state.get(key);
    if (!at || !this.home) return undefined;
    const all = this.stateMemory();
    const sizes = this.sizes.get(key)!;
    const B = BYTES[this.dtype];
    return at.map((b, s) => all.slice(b / B, b / B + sizes[s]));
  }

  reset(): void {
    this.leaveHome();
    this.housedEntries = null;
    this.state.clear();
    this.fixed = null;
    this.sizes.clear();
    this.seeded = null;
    this.path = null;
  }

  /** The memory that holds the state (valid until the shared memory's next alloc). */
  private stateMemory(home: Home = this.home!): FloatArray {
    return home.kind === 'set' ? home.set.arena.elements(this.dtype) : home.staging.elements(this.dtype);
  }

  /** The set to update in place, or null for the copy path. */
  private zeroCopySet(entries: readonly Entry[], dtype: Dtype): SetMemory | null {
    // The same entries as last time, already housed in their set: nothing can have moved.
    if (entries === this.housedEntries && this.home?.kind === 'set') return this.home.set;
    this.housedEntries = null;
    const set = setMemoryOf(entries[0].p.buffer);
    if (!set || set.dtype !== dtype || set.arena.kernels === null || entries.length > set.tableCapacity) return null;
    for (const { p, g } of entries) {
      if (p.buffer !== set.arena.buffer || g.buffer !== set.arena.buffer) return null;
      if (!set.inParams(p.byteOffset, p.byteLength) || !set.inGrads(g.byteOffset, g.byteLength)) return null;
    }
    const housed = this.home?.kind === 'set' && this.home.set === set;
    if (housed) this.housedEntries = entries;
    return housed || set.freeStateSlots >= this.rule.state.length ? set : null;
  }

  /** The entries last found housed in this engine's set (see zeroCopySet). */
  private housedEntries: readonly Entry[] | null = null;

  private setHome(set: SetMemory, entries: readonly Entry[]): { home: Home; state: Map<string, number[]> } {
    const slots = set.claimSlots(this.rule.state.length)!;
    const state = new Map<string, number[]>();
    for (const e of entries) state.set(e.key, slots.map((s) => set.mirror(s, e.p.byteOffset)));
    return { home: { kind: 'set', set, slots }, state };
  }

  /** One block of the shared memory for all of this optimizer's state, laid out key by key. */
  private copyHome(entries: readonly Entry[], staging: SharedStaging): { home: Home; state: Map<string, number[]> } {
    const B = BYTES[this.dtype];
    const stateBytes = entries.reduce((sum, e) => sum + stateSizesOf(this.rule, e).reduce((a, n) => a + alignUp(n * B), 0), 0);
    // A per-key rule's keys are staged whole, so its room is its own, as long as its longest key (or the shared room's size).
    const chunk = this.rule.perKey ? entries.reduce((most, e) => Math.max(most, e.p.length), STAGING_ELEMENTS) : STAGING_ELEMENTS;
    const roomBytes = this.rule.perKey ? alignUp(chunk * B) : 0;
    const block = staging.alloc(stateBytes + 2 * roomBytes);
    const paramsAt = this.rule.perKey ? block.at + stateBytes : staging.paramsAt;
    const gradsAt = this.rule.perKey ? paramsAt + roomBytes : staging.gradsAt;
    let next = block.at;
    const state = new Map<string, number[]>();
    for (const e of entries) {
      state.set(e.key, stateSizesOf(this.rule, e).map((n) => {
        const at = next;
        next += alignUp(n * B);
        return at;
      }));
    }
    const home: CopyHome = { kind: 'copy', staging, block, paramsAt, gradsAt, chunk, plans: new WeakMap(), plannedAt: staging.grown };
    staging.whenReplaced(block, planDropper(home));
    return { home, state };
  }

  /** Installs a new home, carrying the state over (on the first update: zeros, or the seeded state). */
  private moveTo(next: { home: Home; state: Map<string, number[]> }, entries: readonly Entry[]): void {
    const B = BYTES[this.dtype];
    const to = this.stateMemory(next.home);
    const from = this.home ? this.stateMemory() : null;
    for (const e of entries) {
      const sizes = stateSizesOf(this.rule, e);
      const dst = next.state.get(e.key)!;
      const src = this.state.get(e.key);
      const seed = this.seeded?.get(e.key);
      dst.forEach((b, s) => {
        const n = sizes[s];
        if (from && src) to.set(from.subarray(src[s] / B, src[s] / B + n), b / B);
        else if (seed) to.set(seed[s], b / B);
        else to.fill(this.rule.initial?.[s] ?? 0, b / B, b / B + n);
      });
      this.sizes.set(e.key, sizes);
    }
    this.leaveHome();
    if (next.home.kind === 'set') next.home.set.tableHolds = next.home.set.teamTableHolds = null; // the state moved: offsets change
    this.chunkPlans = new WeakMap();
    this.normPlans = new WeakMap();
    this.seeded = null;
    this.home = next.home;
    this.state = next.state;
    if (next.home.kind === 'set') slotReturnOf(next.home.set).register(this, next.home.slots, this);
    else blockReturns.register(this, next.home.block, this);
  }

  private leaveHome(): void {
    if (this.home?.kind === 'set') {
      slotReturnOf(this.home.set).unregister(this);
      this.home.set.releaseSlots(this.home.slots);
    } else if (this.home?.kind === 'copy') {
      blockReturns.unregister(this);
      this.home.staging.release(this.home.block);
    }
    this.home = null;
  }

  /** Writes the set's update table for `entries`, unless it holds them already (for the same `owner`). */
  private tabulate(set: SetMemory, entries: readonly Entry[], owner: object): void {
    if (set.tableHolds === owner) return;
    set.tableHolds = owner;
    entries.forEach((e, i) => {
      writeEntry(set.arena.u32, set.tableAt, i, { param: e.p.byteOffset, grad: e.g.byteOffset, state: this.state.get(e.key)!, length: e.p.length, rows: e.shape.rows, cols: e.shape.cols });
    });
  }

  /**
   * A run, in place: one kernel call over its entries; or, when the set's
   * team of workers is running and the run is large enough to gain from it,
   * the run cut into chunks that the caller and the workers claim. Only part
   * of each key when `ranges` says so (updateRange). `decided`: the update's
   * decision, when the run is the whole update and its norm took it already.
   */
  private runInSet(set: SetMemory, run: Run, scale: number, ranges: KeyRanges | undefined, decided: Share | undefined): void {
    const kernel = kernelOf(set.arena.kernels!, run.kernel, this.dtype);
    const team = set.team;
    // A per-key rule's one key is one chunk, which has nothing to share: claims.ts would deal it to a worker, and
    // handing it over only cost time (torch.Adafactor on one key in Chromium, 2 threads over 1: 0.96 -> 1.00x at
    // 2^17, f32 0.84 -> 1.00x at 2^20). Decided before shareIn, which would keep the workers polling for it.
    const oneChunk = this.rule.perKey === true && run.entries.length === 1;
    const share = oneChunk ? 'alone' : (decided ?? this.shareIn(set, this.elementsOf(run.entries, ranges), run.kernel));
    if (share === 'shared') {
      const plan = this.chunkPlanOf(run.entries, ranges, chunkElements(this.elementsOf(run.entries, ranges), team!.threads));
      this.writeTeamTable(set, team!, plan);
      writeConstants(set.arena.f64, team!.layout.constantsAt, run.kernel, run.c, scale, run.clip, run.wd);
      team!.run(kernel, team!.kernelIndex(`${run.kernel}_${this.dtype}`), plan.bounds.length - 1, CONSTANTS_BYTES);
      return;
    }
    writeConstants(set.arena.f64, set.constantsAt, run.kernel, run.c, scale, run.clip, run.wd);
    if (ranges) {
      // A range on one thread: one chunk, so at most one piece per key, which the set's own table holds.
      const plan = this.chunkPlanOf(run.entries, ranges, Infinity);
      plan.pieces.forEach((piece, i) => writeEntry(set.arena.u32, set.tableAt, i, piece));
      set.tableHolds = null;
      kernel(set.tableAt, plan.pieces.length, set.constantsAt);
    } else {
      this.tabulate(set, run.entries, run);
      kernel(set.tableAt, run.entries.length, set.constantsAt);
    }
    // After the update, so that the workers' polling window starts when the next update may come.
    if (share === 'alone, workers asleep') team!.soloWhileAsleep();
  }

  /**
   * The sum of squares of the update's gradients, in gradNorm.ts's order: on
   * the calling thread, one kernel call over the set's table; or, when
   * `shared` (the update's decision), its blocks cut into chunks that the
   * caller and the workers claim, each block's sum stored in the set's
   * memory, then added here in order. The workers stay as they are when it
   * runs alone: the run that follows wakes them if they should be.
   */
  private sumOfSquaresInSet(set: SetMemory, entries: readonly Entry[], shared: boolean): number {
    const kernels = set.arena.kernels!;
    const team = set.team;
    const plan = shared && team !== null ? this.normPlanOf(set, entries, team.threads) : null;
    if (plan === null) {
      this.tabulate(set, entries, entries);
      return kernels[`sumsq_${this.dtype}`](set.tableAt, entries.length);
    }
    this.writeTeamTable(set, team!, plan);
    const name = `sumsqBlocks_${this.dtype}` as const;
    team!.run(kernels[name], team!.kernelIndex(name), plan.bounds.length - 1, 0);
    const sums = set.arena.f64;
    const at = set.blockSumsAt >>> 3;
    let total = 0;
    for (let i = 0; i < plan.blocks; i++) total += sums[at + i];
    return total;
  }

  /** Norm plans by the update's entries (made again when the state moves); null when their blocks overflow the set's room. */
  private normPlans = new WeakMap<readonly Entry[], NormPlan | null>();

  /**
   * The entries' blocks cut into chunks of whole blocks (about chunkElements
   * elements, rounded up to CHUNK), each piece's SUMS pointing where its
   * blocks' sums go: the blocks in order, so the total adds them in order.
   */
  private normPlanOf(set: SetMemory, entries: readonly Entry[], threads: number): NormPlan | null {
    let plan = this.normPlans.get(entries);
    if (plan !== undefined) return plan;
    const chunk = Math.ceil(chunkElements(this.elementsOf(entries, undefined), threads) / CHUNK) * CHUNK;
    const cut = planChunks(entries.map((entry) => ({ entry, state: [], from: 0, to: entry.p.length })), chunk, CHUNK);
    // A piece's blocks follow the previous piece's: every piece but its key's last holds whole blocks.
    let blocks = 0;
    const pieces = cut.pieces.map((piece) => {
      const sums = set.blockSumsAt + 8 * blocks;
      blocks += Math.ceil(piece.length / CHUNK);
      return { ...piece, state: [sums] };
    });
    plan = blocks <= set.blockSumsCapacity ? { pieces, bounds: cut.bounds, blocks } : null;
    this.normPlans.set(entries, plan);
    return plan;
  }

  /** Writes a chunk plan to the team's table and bounds, unless they hold it already. */
  private writeTeamTable(set: SetMemory, team: Team, plan: ChunkPlan): void {
    if (set.teamTableHolds === plan) return;
    plan.pieces.forEach((piece, i) => writeEntry(set.arena.u32, team.layout.tableAt, i, piece));
    set.arena.u32.set(plan.bounds, team.layout.boundsAt >>> 2);
    set.teamTableHolds = plan;
  }

  /** shareOf on the set's team, when it has one that may be used. */
  private shareIn(set: SetMemory, n: number, kernel: KernelBase): Share {
    return set.team !== null && set.team.usable ? this.shareOf(set.team, n, kernel) : 'alone';
  }

  /**
   * Whether n elements of an update with this kernel (a run, or the whole
   * update for its norm) are shared with the set's workers: when they are large
   * enough to gain (shareAbove), and either a worker is awake or the run is
   * large enough to gain even after waking one (wakeAbove). A run large
   * enough but whose workers sleep runs alone, and the team is nudged after
   * it ran, the first two times and then now and then (team.ts), so that a
   * loop of close updates gets them back and a paced one teaches them its
   * pace. (Nudged after every such run, SGD on the MNIST dict was 17 % slower
   * in an interleaved A/B; never nudged below four times the break-even size,
   * a loop of such runs whose workers had once gone to sleep never got them
   * back: Adam on the MNIST dict in f32 ran alone, 0.98x of one thread.)
   */
  private shareOf(team: Team, n: number, kernel: KernelBase): Share {
    if (n < shareAbove(kernel, this.dtype)) return 'alone';
    // Before this burst moves the window to the next.
    const due = team.windowOpen();
    if (team.startsBurst()) {
      // Alone, and the workers left asleep: the burst's next runs, if any, come with warm caches and wake them.
      if (n < burstShareAbove(kernel, this.dtype)) return 'alone';
      team.expectNext();
    }
    if (team.running < team.threads - 1) void team.start();
    if (team.running === 0) return 'alone';
    return team.awake > 0 || due || n >= wakeAbove(kernel, this.dtype) ? 'shared' : 'alone, workers asleep';
  }

  /** Chunk plans of whole runs, by their entries (made again when the state moves); a range's plan is made each time. */
  private chunkPlans = new WeakMap<readonly Entry[], ChunkPlan>();
  private elementCounts = new WeakMap<readonly Entry[], number>();

  private elementsOf(entries: readonly Entry[], ranges: KeyRanges | undefined): number {
    if (ranges) return entries.reduce((n, e) => n + (ranges.has(e.key) ? ranges.get(e.key)!.to - ranges.get(e.key)!.from : 0), 0);
    let n = this.elementCounts.get(entries);
    if (n === undefined) this.elementCounts.set(entries, (n = entries.reduce((sum, e) => sum + e.p.length, 0)));
    return n;
  }

  /** The run's spans cut into chunks of `chunk` elements (cached for a whole run: its chunk size does not change). */
  private chunkPlanOf(entries: readonly Entry[], ranges: KeyRanges | undefined, chunk: number): ChunkPlan {
    const cached = ranges ? undefined : this.chunkPlans.get(entries);
    if (cached) return cached;
    const spans: Span[] = [];
    for (const entry of entries) {
      const r = ranges ? ranges.get(entry.key) : { from: 0, to: entry.p.length };
      if (r) spans.push({ entry, state: this.state.get(entry.key)!, from: r.from, to: r.to });
    }
    const plan = planChunks(spans, chunk, this.rule.perKey === true ? Infinity : 1);
    if (!ranges) this.chunkPlans.set(entries, plan);
    return plan;
  }

  /**
   * Walks the dict in batches of at most `chunk` elements (a key may span
   * batches): stage each piece's param and grad, run the kernel once over the
   * batch's table, copy the params back. The batches are planned once for a
   * run's entries in this home (see stagingPlan.ts).
   */
  private runCopied(run: Run, scale: number): void {
    const home = this.home as CopyHome;
    const staging = home.staging;
    const all = staging.elements(this.dtype);
    const kernel = kernelOf(staging.kernels, run.kernel, this.dtype);
    const transform = this.rule.perKey === true && (scale !== 1 || run.clip !== Infinity || run.wd !== 0);
    writeConstants(staging.elements('f64') as Float64Array, staging.constantsAt, run.kernel, run.c, scale, run.clip, run.wd);
    for (const batch of this.batchesOf(run.entries, home)) {
      for (const x of batch.pieces) {
        all.set(x.param, x.paramAt);
        all.set(x.grad, x.gradAt);
        if (transform) transformGrads(all, x.gradAt, all, x.paramAt, x.grad.length, scale, run.clip, run.wd, ROUND[this.dtype]);
      }
      if (staging.tableHolds !== batch) {
        staging.words().set(batch.table, staging.tableAt >>> 2);
        staging.tableHolds = batch;
      }
      kernel(staging.tableAt, batch.pieces.length, staging.constantsAt);
      for (const x of batch.pieces) x.param.set(x.staged);
    }
  }

  /** The copy path's batches for these entries, planned on first use in this home and again after the memory grew. */
  private batchesOf(entries: readonly Entry[], home: CopyHome): readonly Batch[] {
    if (home.plannedAt !== home.staging.grown) {
      home.plans = new WeakMap();
      home.plannedAt = home.staging.grown;
    }
    const planned = home.plans.get(entries);
    if (planned) return planned;
    const batches = planBatches(entries, {
      all: home.staging.elements(this.dtype),
      paramsAt: home.paramsAt,
      gradsAt: home.gradsAt,
      chunk: home.chunk,
      wholeKeys: this.rule.perKey ? { maxPieces: STAGING_ELEMENTS } : undefined,
      stateOf: (key) => this.state.get(key)!,
      scratchState: this.rule.scratchState,
    });
    home.plans.set(entries, batches);
    return batches;
  }
}

import { BYTES, type Dtype } from '../dtype.js';
import { Arena, alignUp } from './arena.js';
import { CONSTANTS_BYTES } from './constantsBlock.js';
import { ENTRY_BYTES } from './updateTable.js';
import { CONTROL_BYTES, LINE_BYTES } from '../threads/control.js';
import { MAX_CHUNKS } from '../threads/chunkPlan.js';
import { CHUNK } from '../reductions.js';
import { Team } from '../threads/team.js';
import { sharedKernelModule } from './kernelSource.js';

/**
 * The linear memory behind one ParamSet, as the WebAssembly engine uses it:
 * the set itself holds only the user's views. One fixed-size arena, never
 * grown, so the views stay valid for the set's whole life:
 *
 *     [ constants | update table | params (all keys, packed) | grads (same order) | state slot 0 | slot 1 | ... | team ]
 *
 * With more than one thread the memory is shared, and a last block holds what
 * the team of workers reads (src/threads/team.ts): the control words, one
 * constants block per thread, the split update's table and chunk bounds, and
 * the block sums of a shared global norm (src/gradNorm.ts).
 *
 * Each block is 16-byte aligned. A state slot is as large as the params
 * block, so a key's state buffer mirrors its param at the same offset; a rule
 * whose state is smaller than its param (a row and a column factor) uses the
 * start of that room.
 */
export class SetMemory {
  readonly arena: Arena;
  /** The kernels' constants block (constantsBlock.ts), written before each kernel call. */
  readonly constantsAt: number;
  readonly tableAt: number;
  /** How many entries the update table holds: one per key. */
  readonly tableCapacity: number;
  readonly paramsAt: number;
  readonly gradsAt: number;
  /** Bytes of the params block, of the grads block and of each state slot. */
  readonly blockBytes: number;
  readonly slotsAt: number;
  /**
   * What the update table holds now (an engine's run), so an optimizer that
   * updates the same entries again need not rewrite it; null when unknown.
   * Several optimizers may share a set: each checks it is still the one whose
   * run the table holds.
   */
  tableHolds: object | null = null;
  /** The workers sharing this set's updates, when it has more than one thread. */
  readonly team: Team | null = null;
  /** Entries the team's table can hold: every key cut once, plus a cut per chunk. */
  readonly teamTableCapacity: number;
  /** What the team's table holds now (a chunk plan), as tableHolds. */
  teamTableHolds: object | null = null;
  /** Where a shared global norm's block sums go (f64, one per CHUNK elements of a key), and how many fit. */
  readonly blockSumsAt: number = 0;
  readonly blockSumsCapacity: number;
  private readonly freeSlots: number[];
  /** Each key's dimensions as the set was given them, by its param's byte offset. */
  private readonly dims = new Map<number, { length: number; dims: readonly number[] }>();

  constructor(
    readonly dtype: Dtype,
    keys: number,
    /** Elements of all keys together. */
    readonly size: number,
    slots: number,
    threads = 1,
  ) {
    const tableBytes = alignUp(keys * ENTRY_BYTES);
    this.tableCapacity = keys;
    this.blockBytes = alignUp(size * BYTES[dtype]);
    this.teamTableCapacity = threads > 1 ? keys + MAX_CHUNKS : 0;
    const constantsStride = alignUp(CONSTANTS_BYTES);
    // Each key's blocks, its last one partial: at most one more per key than the whole set's elements fill.
    this.blockSumsCapacity = threads > 1 ? Math.ceil(size / CHUNK) + keys : 0;
    const teamBytes = threads > 1 ? CONTROL_BYTES + LINE_BYTES + constantsStride * threads + alignUp(this.teamTableCapacity * ENTRY_BYTES) + alignUp((this.teamTableCapacity + 1) * 4) + alignUp(this.blockSumsCapacity * 8) : 0;
    this.arena = new Arena(alignUp(CONSTANTS_BYTES) + tableBytes + this.blockBytes * (2 + slots) + teamBytes, undefined, threads > 1);
    this.constantsAt = this.arena.alloc(CONSTANTS_BYTES);
    this.tableAt = this.arena.alloc(tableBytes);
    this.paramsAt = this.arena.alloc(this.blockBytes);
    this.gradsAt = this.arena.alloc(this.blockBytes);
    this.slotsAt = this.arena.alloc(this.blockBytes * slots);
    this.freeSlots = Array.from({ length: slots }, (_, i) => i);
    if (threads > 1 && this.arena.memory) {
      // On a cache line of its own, so that its lines are the ones control.ts lays out.
      const controlAt = Math.ceil(this.arena.alloc(CONTROL_BYTES + LINE_BYTES) / LINE_BYTES) * LINE_BYTES;
      const constantsAt = this.arena.alloc(constantsStride * threads);
      const tableAt = this.arena.alloc(this.teamTableCapacity * ENTRY_BYTES);
      const boundsAt = this.arena.alloc((this.teamTableCapacity + 1) * 4);
      this.blockSumsAt = this.arena.alloc(this.blockSumsCapacity * 8);
      const module = sharedKernelModule()!;
      const names = WebAssembly.Module.exports(module).filter((e) => e.kind === 'function').map((e) => e.name);
      this.team = new Team(this.arena.memory, module, threads, { controlAt, constantsAt, constantsStride, tableAt, boundsAt }, names, ENTRY_BYTES);
    }
    byBuffer.set(this.arena.buffer, this);
  }

  /** Records a key's dimensions (its param view starts at byte `at`). */
  setKeyDims(at: number, length: number, dims: readonly number[]): void {
    this.dims.set(at, { length, dims });
  }

  /** The dimensions of the key whose param view is exactly [at, at + length elements), if any. */
  keyDims(at: number, length: number): readonly number[] | undefined {
    const d = this.dims.get(at);
    return d && d.length === length ? d.dims : undefined;
  }

  /** Number of state slots no optimizer has claimed. */
  get freeStateSlots(): number {
    return this.freeSlots.length;
  }

  /** Claims `n` state slots; null when fewer are free. */
  claimSlots(n: number): number[] | null {
    if (n > this.freeSlots.length) return null;
    return this.freeSlots.splice(0, n);
  }

  /** Returns slots claimed earlier. */
  releaseSlots(slots: readonly number[]): void {
    for (const s of slots) if (!this.freeSlots.includes(s)) this.freeSlots.push(s);
    this.freeSlots.sort((a, b) => a - b);
  }

  /** Byte offset in slot `slot` that mirrors the param element at byte `paramByte`. */
  mirror(slot: number, paramByte: number): number {
    return this.slotsAt + slot * this.blockBytes + (paramByte - this.paramsAt);
  }

  /** Whether [at, at+bytes) lies inside the params block / the grads block. */
  inParams(at: number, bytes: number): boolean {
    return at >= this.paramsAt && at + bytes <= this.paramsAt + this.size * BYTES[this.dtype];
  }
  inGrads(at: number, bytes: number): boolean {
    return at >= this.gradsAt && at + bytes <= this.gradsAt + this.size * BYTES[this.dtype];
  }
}

const byBuffer = new WeakMap<ArrayBufferLike, SetMemory>();

/** The ParamSet memory that holds `buffer`, if any. */
export function setMemoryOf(buffer: ArrayBufferLike): SetMemory | undefined {
  return byBuffer.get(buffer);
}

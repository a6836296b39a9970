import type { Dtype, FloatArray } from '../dtype.js';
import { alignUp, kernelHeapBase, kernelMemory, MAX_PAGES, PAGE_BYTES, pagesFor, type KernelMemory, type MemoryUse } from './arena.js';
import { CONSTANTS_BYTES } from './constantsBlock.js';
import type { KernelExports } from './kernelModule.js';
import { ENTRY_BYTES } from './updateTable.js';

/**
 * Elements staged per kernel call on the copy path. Params and grads pass
 * through a staging area this big (2 × 128 KiB) instead of through full-size
 * copies, so the staged data stays in cache between the copy in, the kernel
 * and the copy out, and a large array costs about what the zero-copy path
 * costs plus two cache-speed copies. A dict that fits is one call.
 */
export const STAGING_ELEMENTS = 16384;

const FOR_COPY_PATH: MemoryUse = {
  name: 'the copy path (one memory shared by every optimizer whose params are not in a ParamSet)',
  remedy: 'drop ParamSets no longer needed',
};

/** A block of the shared memory: its byte offset and size. */
export interface Block {
  readonly at: number;
  readonly bytes: number;
}

/**
 * The one WebAssembly memory that every copy-path optimizer uses: an update
 * table and param/grad staging room that all share (an update is synchronous,
 * so one staging area serves everyone), and each optimizer's state in a block
 * of its own.
 *
 * Why shared: Chromium allows a page only about 125 live WebAssembly memories,
 * so a memory per optimizer failed at the 126th. Why the state lives here and
 * not in ordinary ArrayBuffers staged in and out beside the params (which
 * would need no allocator): a prototype of that, measured with `node
 * bench/run.mjs --only adam,sgd,adagrad --sizes 1K,small,128K,1M --no-tfjs
 * --no-f32 --paths copy` (best median of 5-6 runs interleaved with main's,
 * 2026-11-29), made Adam 44 % slower at 1K, 47 % on the small-net dict, 36 %
 * at 128K and 25 % at 1M (AdaGrad 18-24 %); with the state kept here, the
 * best median of 3 runs interleaved with main's is within -4.9 % to +3.9 %
 * of main's in each of those 12 cases.
 *
 * The memory grows as optimizers need room and never shrinks, but freed
 * blocks are reused: an optimizer's block is released by reset(), by moving to
 * a ParamSet, or when the optimizer is collected. It grows by replacement,
 * never by `memory.grow`: a larger memory and kernel instance are made, what
 * was handed out is copied over, and the old memory is dropped. A grow would
 * detach the old buffer, and once any ArrayBuffer of an isolate is detached V8
 * runs every later typed-array loop of that isolate slower (its detaching
 * protector is gone for good): a user's own plain-JS forward and backward
 * passes too (a plain-JS SGD loop on Float64Arrays took 1.9x as long at 1K
 * and 2.3x at 128K elements after one copy-path update that grew the memory:
 * medians of 9 fresh Node 20 processes, 2026-11-30).
 * Views of this memory therefore stay readable after a growth but are of the
 * old memory: they are valid only while `grown` is what it was when they were
 * made, and callers that keep views check that on each update (a number, not
 * `buffer`: in Node 20 reading a memory's or a view's buffer takes ~35 ns, 5 %
 * of a 1K SGD update) and let go of them in `whenReplaced`, so no old memory
 * stays alive (Chromium allows a page only about 125).
 */
export class SharedStaging {
  /** Byte offsets of the update table and of the param and grad staging areas. */
  readonly tableAt: number;
  /** The kernels' constants block (constantsBlock.ts), written before each run's kernel calls. */
  readonly constantsAt: number;
  readonly paramsAt: number;
  readonly gradsAt: number;
  /** The batch (of any optimizer) whose table the staging table holds now. */
  tableHolds: object | null = null;
  /** True while an update is staging its arrays here. */
  busy = false;

  /** How many times the memory grew (was replaced by a larger one): views made before the last growth are of an old memory. */
  grown = 0;

  private memory!: WebAssembly.Memory;
  private instance!: KernelExports;
  private f64!: Float64Array;
  private f32!: Float32Array;
  private u32!: Uint32Array;
  /** Free blocks below `top`, by offset; no two adjacent, none ending at `top`. */
  private readonly holes: Block[] = [];
  /** Where the room that was never handed out begins. */
  private top: number;
  /** What each live block's user does to let go of its views of the memory when it is replaced. */
  private readonly forgets = new Map<Block, () => void>();

  constructor() {
    // The table has a row per staged piece, and a piece holds at least one element.
    const tableBytes = alignUp(STAGING_ELEMENTS * ENTRY_BYTES);
    const stagingBytes = alignUp(STAGING_ELEMENTS * 8);
    this.constantsAt = alignUp(kernelHeapBase(FOR_COPY_PATH));
    this.tableAt = this.constantsAt + alignUp(CONSTANTS_BYTES);
    this.paramsAt = this.tableAt + tableBytes;
    this.gradsAt = this.paramsAt + stagingBytes;
    this.top = this.gradsAt + stagingBytes;
    const pages = pagesFor(this.top, this.top);
    this.use(kernelMemory(pages, FOR_COPY_PATH));
  }

  /** The kernel instance on the current memory (a new one after every growth). */
  get kernels(): KernelExports {
    return this.instance;
  }

  /** The memory's current buffer (a new one after every growth). */
  get buffer(): ArrayBuffer {
    return this.memory.buffer;
  }

  /** The whole memory as elements of `dtype`, valid until the next `alloc`. */
  elements(dtype: Dtype): FloatArray {
    return dtype === 'f32' ? this.f32 : this.f64;
  }

  /** The whole memory as 32-bit words, valid until the next `alloc`. */
  words(): Uint32Array {
    return this.u32;
  }

  /** Reserves `bytes` (rounded up to 16): the first free block that fits, else new room at the top. */
  alloc(bytes: number): Block {
    const size = alignUp(bytes);
    if (size === 0) return { at: this.top, bytes: 0 };
    const fit = this.holes.findIndex((h) => h.bytes >= size);
    if (fit >= 0) {
      const hole = this.holes[fit];
      if (hole.bytes === size) this.holes.splice(fit, 1);
      else this.holes[fit] = { at: hole.at + size, bytes: hole.bytes - size };
      return { at: hole.at, bytes: size };
    }
    const at = this.top;
    this.ensure(at + size);
    this.top = at + size;
    return { at, bytes: size };
  }

  /**
   * Calls `forget` each time the memory is replaced by a larger one, until
   * `block` is released: it must drop every view of the memory it keeps, which
   * would otherwise keep the old memory alive.
   */
  whenReplaced(block: Block, forget: () => void): void {
    this.forgets.set(block, forget);
  }

  /** Gives a block back, merged with the free blocks beside it. */
  release(block: Block): void {
    this.forgets.delete(block);
    if (block.bytes === 0) return;
    const next = this.holes.findIndex((h) => h.at > block.at);
    const i = next < 0 ? this.holes.length : next;
    const before = this.holes[i - 1];
    const after = this.holes[i];
    const joinBefore = before !== undefined && before.at + before.bytes === block.at;
    const joinAfter = after !== undefined && block.at + block.bytes === after.at;
    const at = joinBefore ? before.at : block.at;
    const end = joinAfter ? after.at + after.bytes : block.at + block.bytes;
    const merged = end === this.top ? [] : [{ at, bytes: end - at }];
    if (end === this.top) this.top = at;
    this.holes.splice(joinBefore ? i - 1 : i, Number(joinBefore) + Number(joinAfter), ...merged);
  }

  /** Grows the memory to hold `end` bytes: by at least a quarter, so a stream of new optimizers grows it rarely. */
  private ensure(end: number): void {
    const have = this.memory.buffer.byteLength / PAGE_BYTES;
    const need = Math.ceil(end / PAGE_BYTES);
    if (need <= have) return;
    const generous = Math.min(MAX_PAGES, Math.max(need, have + Math.ceil(have / 4)));
    let cause: unknown = `more than the ${MAX_PAGES} pages (4 GiB) a WebAssembly memory can have`;
    const tries = need > MAX_PAGES ? [] : generous > need ? [generous, need] : [need];
    for (const pages of tries) {
      let larger: KernelMemory;
      try {
        larger = kernelMemory(pages, FOR_COPY_PATH);
      } catch (refused) {
        cause = refused;
        continue;
      }
      this.replaceWith(larger);
      return;
    }
    throw new RangeError(
      `simd-optim: the copy path's memory could not grow to ${need * PAGE_BYTES} bytes (the state of every optimizer whose params are not in a ParamSet ` +
        'shares it, up to 4 GiB); reset() or drop optimizers no longer needed, or keep the params in a ParamSet',
      { cause },
    );
  }

  /**
   * Moves to a larger memory: copies all that was handed out (the kernels'
   * static data below `constantsAt` is the new instance's own), then lets go
   * of every reference to the old memory, which is dropped, not detached.
   */
  private replaceWith(larger: KernelMemory): void {
    const from = this.constantsAt;
    new Uint8Array(larger.memory.buffer).set(new Uint8Array(this.memory.buffer, from, this.top - from), from);
    this.use(larger);
    this.tableHolds = null; // a batch: its views are of the old memory
    this.grown++;
    for (const forget of this.forgets.values()) forget();
  }

  /** Only this class replaces the memory (the kernels never grow it), so views are remade here and nowhere else. */
  private use({ memory, kernels }: KernelMemory): void {
    this.memory = memory;
    this.instance = kernels;
    this.f64 = new Float64Array(memory.buffer);
    this.f32 = new Float32Array(memory.buffer);
    this.u32 = new Uint32Array(memory.buffer);
  }
}

let shared: SharedStaging | null = null;

/** The copy path's memory, made on first use. */
export function sharedStaging(): SharedStaging {
  return (shared ??= new SharedStaging());
}

import type { Dtype, FloatArray } from '../dtype.js';
import type { KernelExports } from './kernelModule.js';
import { kernelModule, kernelsUnavailable, sharedKernelModule } from './kernelSource.js';

export const PAGE_BYTES = 65536;
/** wasm32 addresses 4 GiB at most (65536 pages). */
export const MAX_PAGES = 65536;
const ALIGN = 16;

export const alignUp = (n: number): number => Math.ceil(n / ALIGN) * ALIGN;

/**
 * A fixed-size block of linear memory with its own kernel instance.
 *
 * Its size is chosen when it is made and never grows: `memory.grow` would
 * detach every Float64Array view handed out so far, so an arena that needs
 * more room is a new arena, never a bigger one. Every ParamSet owns one
 * (copy-path optimizers share one growable memory instead, see
 * sharedStaging.ts). Without WebAssembly SIMD the arena is a plain
 * ArrayBuffer and `kernels` is null.
 */
export class Arena {
  readonly buffer: ArrayBuffer;
  readonly kernels: KernelExports | null;
  readonly f64: Float64Array;
  readonly f32: Float32Array;
  readonly u32: Uint32Array;
  private next: number;

  /** The memory the kernels run on, for workers to instantiate them over when it is shared; null without kernels. */
  readonly memory: WebAssembly.Memory | null;

  /**
   * `bytes` of usable room, allocated in 16-byte-aligned blocks by `alloc`;
   * `shared` makes the memory a shared one (threads), where views are over a
   * SharedArrayBuffer.
   */
  constructor(bytes: number, useKernels = kernelsUnavailable() === null, shared = false) {
    if (useKernels && kernelModule()) {
      const base = kernelHeapBase(FOR_PARAM_SET);
      const pages = pagesFor(base + bytes, bytes);
      const { memory, kernels } = kernelMemory(pages, FOR_PARAM_SET, shared);
      this.kernels = kernels;
      this.memory = memory;
      this.buffer = memory.buffer as ArrayBuffer;
      this.next = base;
    } else {
      this.kernels = null;
      this.memory = null;
      this.buffer = new ArrayBuffer(alignUp(bytes));
      this.next = 0;
    }
    this.f64 = new Float64Array(this.buffer);
    this.f32 = new Float32Array(this.buffer);
    this.u32 = new Uint32Array(this.buffer);
  }

  /** Reserves `bytes` (rounded up to 16) and returns the block's byte offset. */
  alloc(bytes: number): number {
    const at = this.next;
    const end = at + alignUp(bytes);
    if (end > this.buffer.byteLength) {
      throw new RangeError(`simd-optim: arena of ${this.buffer.byteLength} bytes is full (asked ${bytes} more)`);
    }
    this.next = end;
    return at;
  }

  /** The whole arena as elements of `dtype`. */
  elements(dtype: Dtype): FloatArray {
    return dtype === 'f32' ? this.f32 : this.f64;
  }

  /** A view of `length` elements of `dtype` at byte offset `at`. */
  view(dtype: Dtype, at: number, length: number): FloatArray {
    return dtype === 'f32' ? new Float32Array(this.buffer, at, length) : new Float64Array(this.buffer, at, length);
  }
}

/** Pages to hold `end` bytes; `asked` names the request in the error when a wasm32 memory cannot. */
export function pagesFor(end: number, asked: number): number {
  const pages = Math.max(1, Math.ceil(end / PAGE_BYTES));
  if (pages > MAX_PAGES) {
    throw new RangeError(`simd-optim: ${asked} bytes exceed the 4 GiB a WebAssembly memory can hold`);
  }
  return pages;
}

/** Whose memory a new WebAssembly.Memory is, and what a user can do when the browser refuses one. */
export interface MemoryUse {
  readonly name: string;
  readonly remedy: string;
}

export const FOR_PARAM_SET: MemoryUse = { name: 'this ParamSet', remedy: 'reuse ParamSets or drop ones no longer needed' };

/** A WebAssembly memory and the kernel instance that works on it. */
export interface KernelMemory {
  readonly memory: WebAssembly.Memory;
  readonly kernels: KernelExports;
}

/**
 * A new memory of `pages` pages and a kernel instance on it: the one place
 * that makes either (only where the kernels can run: the module is compiled
 * on its first use). The memory cannot grow: growing detaches its old buffer,
 * which slows every later typed-array loop of the isolate (sharedStaging.ts).
 * `shared` makes it a shared memory (threads), instantiated from the kernels'
 * shared variant (sharedModule.ts). Chromium allows a page
 * only about 125 live WebAssembly memories and then throws a bare "could not
 * allocate memory"; that becomes an error that says whose memory it was and
 * what to do.
 */
export function kernelMemory(pages: number, use: MemoryUse, shared = false): KernelMemory {
  let memory: WebAssembly.Memory;
  try {
    memory = new WebAssembly.Memory({ initial: pages, maximum: pages, shared });
  } catch (cause) {
    throw new RangeError(
      `simd-optim: the browser refused a new WebAssembly.Memory of ${pages * PAGE_BYTES} bytes for ${use.name} ` +
        `(Chromium allows about 125 alive per page); ${use.remedy}`,
      { cause },
    );
  }
  const instance = new WebAssembly.Instance((shared ? sharedKernelModule() : kernelModule())!, { env: { memory, abort: wasmAbort } });
  return { memory, kernels: instance.exports as unknown as KernelExports };
}

/**
 * Where the module's static data ends (16-aligned): a memory's usable room
 * starts there. Probed once with a one-page memory, which `use` asked for.
 */
let heapBase = -1;
export function kernelHeapBase(use: MemoryUse): number {
  if (heapBase < 0) heapBase = alignUp(kernelMemory(1, use).kernels.heapBase());
  return heapBase;
}

function wasmAbort(): never {
  throw new Error('simd-optim: a WebAssembly kernel aborted');
}

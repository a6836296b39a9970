import type { Dtype, FloatArray } from '../dtype.js';
import type { KernelExports } from './kernelModule.js';
import { kernelModule, kernelsUnavailable } from './kernelSource.js';

const PAGE_BYTES = 65536;
/** wasm32 addresses 4 GiB at most (65536 pages). */
const MAX_PAGES = 65536;
const ALIGN = 16;

export const alignUp = (n: number): number => Math.ceil(n / ALIGN) * ALIGN;

/**
 * A fixed-size block of linear memory with its own kernel instance.
 *
 * Its size is chosen when it is made and never grows: `memory.grow` would
 * detach every Float64Array view handed out so far, so an arena that needs
 * more room is a new arena, never a bigger one. Every ParamSet and every
 * copy-path workspace owns one. Without WebAssembly SIMD the arena is a plain
 * ArrayBuffer and `kernels` is null.
 */
export class Arena {
  readonly buffer: ArrayBuffer;
  readonly kernels: KernelExports | null;
  readonly f64: Float64Array;
  readonly f32: Float32Array;
  readonly u32: Uint32Array;
  private next: number;

  /** `bytes` of usable room, allocated in 16-byte-aligned blocks by `alloc`. */
  constructor(bytes: number, useKernels = kernelsUnavailable() === null) {
    const module = useKernels ? kernelModule() : null;
    if (module) {
      // The module's static data ends at heapBase; probe it with a one-page memory.
      const base = alignUp(Arena.heapBase(module));
      const pages = Math.max(1, Math.ceil((base + bytes) / PAGE_BYTES));
      if (pages > MAX_PAGES) {
        throw new RangeError(`simd-optim: ${bytes} bytes exceed the 4 GiB a WebAssembly memory can hold`);
      }
      const memory = new WebAssembly.Memory({ initial: pages, maximum: pages });
      const instance = new WebAssembly.Instance(module, { env: { memory, abort: wasmAbort } });
      this.kernels = instance.exports as unknown as KernelExports;
      this.buffer = memory.buffer;
      this.next = base;
    } else {
      this.kernels = null;
      this.buffer = new ArrayBuffer(alignUp(bytes));
      this.next = 0;
    }
    this.f64 = new Float64Array(this.buffer);
    this.f32 = new Float32Array(this.buffer);
    this.u32 = new Uint32Array(this.buffer);
  }

  private static base = -1;
  private static heapBase(module: WebAssembly.Module): number {
    if (Arena.base < 0) {
      const memory = new WebAssembly.Memory({ initial: 1, maximum: 1 });
      const probe = new WebAssembly.Instance(module, { env: { memory, abort: wasmAbort } });
      Arena.base = (probe.exports as unknown as KernelExports).heapBase();
    }
    return Arena.base;
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

function wasmAbort(): never {
  throw new Error('simd-optim: a WebAssembly kernel aborted');
}

// The shaped optimizers' per-key kernels (assembly/shapedExports.ts) on a memory of
// their own, for tests and the micro-benchmark: a bump allocator hands out arrays
// in it, and each kernel call takes the arrays and the reference's host scalars.
import type { Dtype, FloatArray } from '../../src/dtype.js';
import { wasmKernels } from '../../src/wasm/kernelModule.js';
import { machineEpsilon, matricesOf, type AdafactorHost, type AdafactorOptions, type LambHost, type LambOptions } from './shapedReference.js';

type Ptr = number;
type LambKey = (p: Ptr, g: Ptr, m: Ptr, v: Ptr, n: number, lr: number, beta1: number, beta2: number, eps: number, weightDecay: number, omb1: number, omb2: number, bc1: number, bc2: number) => number;
type AdafactorMatrixKey = (p: Ptr, g: Ptr, row: Ptr, col: Ptr, u: Ptr, batches: number, rows: number, cols: number, eps1: number, eps2: number, d: number, weightDecay: number, beta2t: number, omb2t: number, rho: number, lrwd: number) => number;
type AdafactorVectorKey = (p: Ptr, g: Ptr, v: Ptr, u: Ptr, n: number, eps1: number, eps2: number, d: number, weightDecay: number, beta2t: number, omb2t: number, rho: number, lrwd: number) => number;

/** The exports of assembly/shapedExports.ts, per dtype. */
type ShapedExports = { heapBase(): number } & Record<`sumOfSquares_${Dtype}`, (x: Ptr, n: number) => number> &
  Record<`columnSumsOfSquares_${Dtype}`, (x: Ptr, rows: number, cols: number, out: Ptr) => void> &
  Record<`lambKey_${Dtype}`, LambKey> & Record<`adafactorMatrixKey_${Dtype}`, AdafactorMatrixKey> & Record<`adafactorVectorKey_${Dtype}`, AdafactorVectorKey>;

const PAGE = 65536;

export class ShapedKernels {
  readonly k: ShapedExports;
  private readonly memory: WebAssembly.Memory;
  private top: number;

  /** A memory of `bytes` usable bytes (it never grows, so views stay valid). */
  constructor(bytes: number) {
    const probe = new WebAssembly.Instance(wasmKernels.module(), { env: { memory: new WebAssembly.Memory({ initial: 1, maximum: 1 }), abort } });
    const base = Math.ceil((probe.exports as unknown as ShapedExports).heapBase() / 16) * 16;
    const pages = Math.ceil((base + bytes) / PAGE) + 1;
    this.memory = new WebAssembly.Memory({ initial: pages, maximum: pages });
    this.k = new WebAssembly.Instance(wasmKernels.module(), { env: { memory: this.memory, abort } }).exports as unknown as ShapedExports;
    this.top = base;
  }

  /** A zeroed array of n elements in the memory, 16-byte aligned, or `shift` elements past that. */
  array(Array: Float64ArrayConstructor, n: number, shift?: number): Float64Array;
  array(Array: Float64ArrayConstructor | Float32ArrayConstructor, n: number, shift?: number): FloatArray;
  array(Array: Float64ArrayConstructor | Float32ArrayConstructor, n: number, shift = 0): FloatArray {
    const at = this.top + shift * Array.BYTES_PER_ELEMENT;
    this.top = Math.ceil((at + n * Array.BYTES_PER_ELEMENT) / 16) * 16;
    if (this.top > this.memory.buffer.byteLength) throw new RangeError('ShapedKernels: out of memory');
    return new Array(this.memory.buffer, at, n);
  }

  /** An array's pointer (its byte offset in the memory). */
  static at(x: FloatArray): Ptr {
    return x.byteOffset;
  }

  lambKey(p: FloatArray, g: FloatArray, m: FloatArray, v: FloatArray, o: LambOptions, h: LambHost): number {
    return this.k[`lambKey_${dtype(p)}`](p.byteOffset, g.byteOffset, m.byteOffset, v.byteOffset, p.length, o.lr, o.beta1, o.beta2, o.eps, o.weightDecay, h.omb1, h.omb2, h.bc1, h.bc2);
  }

  /** One Adafactor step of a key of `shape`: state { row, col } for 2+ dims, { v } for 1. */
  adafactorKey(p: FloatArray, g: FloatArray, shape: readonly number[], state: { row: FloatArray; col: FloatArray } | { v: FloatArray }, o: AdafactorOptions, h: AdafactorHost): number {
    const eps1 = o.eps1 ?? machineEpsilon(p);
    const scalars = [eps1, o.eps2, o.d, o.weightDecay, h.beta2t, h.omb2t, h.rho, h.lrwd] as const;
    const u = this.scratchFor(p);
    if ('v' in state) return this.k[`adafactorVectorKey_${dtype(p)}`](p.byteOffset, g.byteOffset, state.v.byteOffset, u, p.length, ...scalars);
    const [B, R, C] = matricesOf(shape);
    return this.k[`adafactorMatrixKey_${dtype(p)}`](p.byteOffset, g.byteOffset, state.row.byteOffset, state.col.byteOffset, u, B, R, C, ...scalars);
  }

  /** The pointer of a param's scratch for U (as long as the param, made on its first step). */
  private scratchFor(p: FloatArray): Ptr {
    let u = this.scratch.get(p);
    if (u === undefined) this.scratch.set(p, (u = this.array(p.constructor as Float64ArrayConstructor | Float32ArrayConstructor, p.length)));
    return u.byteOffset;
  }
  private readonly scratch = new WeakMap<FloatArray, FloatArray>();
}

const dtype = (x: FloatArray): Dtype => (x instanceof Float32Array ? 'f32' : 'f64');

function abort(): never {
  throw new Error('a shaped kernel aborted');
}

import type { Dtype } from '../dtype.js';
import { decodeOwnBase64 } from '../base64.js';
import { KERNELS_WASM_BASE64 } from './kernelsBinary.js';
import type { KernelSource } from './kernelSource.js';
import { withSharedMemory } from './sharedModule.js';
import type { KernelBase } from './kernelTable.js';

export type { KernelBase };
export type KernelName = `${KernelBase}_${Dtype}`;

/**
 * Every kernel takes the update table, its entry count and the byte offset of
 * its constants block (the gradient transform and the rule's named constants;
 * see kernelTable.ts and constantsBlock.ts).
 */
export type Kernel = (table: number, count: number, constants: number) => void;

/** The sum of squares of every gradient in the table, in the block order of src/gradNorm.ts. */
export type SumOfSquares = (table: number, count: number) => number;

/**
 * The exports every kernel instance has (see assembly/index.ts); sumsqBlocks
 * stores the block sums of a chunk of a shared norm (assembly/sumOfSquares.ts).
 */
export type KernelExports = { heapBase(): number } & Record<KernelName, Kernel> & Record<`sumsq_${Dtype}`, SumOfSquares> & Record<`sumsqBlocks_${Dtype}`, Kernel>;

/**
 * The smallest module that uses SIMD: one function returning `v128.const 0`.
 * Compiling it answers, in microseconds, the questions the kernel module
 * would: does this runtime have WebAssembly SIMD, and may it compile
 * WebAssembly here (a Content-Security-Policy without 'wasm-unsafe-eval'
 * makes every compile throw).
 */
const SIMD_PROBE = [
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // magic, version 1
  0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7b, // types: () -> v128
  0x03, 0x02, 0x01, 0x00, // functions: one, of type 0
  0x0a, 0x16, 0x01, 0x14, 0x00, 0xfd, 0x0c, ...new Array<number>(16).fill(0), 0x0b, // code: v128.const 0
];

/**
 * The probe padded to the kernels' size with one custom section (id 0, a
 * five-byte LEB128 length, an empty name, zeros), which compilers skip: older
 * Chromium refuses a synchronous compile over 4 KB on the main thread, and a
 * probe as large as the kernels meets any such limit the kernels would.
 */
function probeModule(): Uint8Array<ArrayBuffer> {
  const kernelBytes = Math.floor((KERNELS_WASM_BASE64.length * 3) / 4);
  const bytes = new Uint8Array(Math.max(kernelBytes, SIMD_PROBE.length + 7));
  bytes.set(SIMD_PROBE);
  const at = SIMD_PROBE.length;
  const contents = bytes.length - (at + 6);
  for (let i = 0; i < 5; i++) bytes[at + 1 + i] = ((contents >>> (7 * i)) & 0x7f) | (i < 4 ? 0x80 : 0);
  return bytes;
}

/** Why the kernels cannot run here, or null when they can. */
function probe(): string | null {
  if (typeof WebAssembly !== 'object') return 'this runtime has no WebAssembly';
  const module = probeModule();
  if (!WebAssembly.validate(module)) return 'this runtime has no WebAssembly SIMD';
  try {
    new WebAssembly.Module(module);
  } catch (e) {
    const why = (e as Error).message;
    return e instanceof RangeError
      ? `this runtime refuses to compile a ${module.length}-byte module synchronously here (${why}); a worker may allow it`
      : `this runtime refuses to compile WebAssembly (${why}); a Content-Security-Policy needs 'wasm-unsafe-eval' for it`;
  }
  return null;
}

let compiled: WebAssembly.Module | null = null;
let compiledShared: WebAssembly.Module | null = null;

function compile(variant: (bytes: Uint8Array<ArrayBuffer>) => Uint8Array<ArrayBuffer>): WebAssembly.Module {
  try {
    return new WebAssembly.Module(variant(decodeOwnBase64(KERNELS_WASM_BASE64)));
  } catch (e) {
    throw new Error(`simd-optim: the WebAssembly kernels did not compile (${(e as Error).message}); backend 'js' needs no WebAssembly`, { cause: e });
  }
}

/**
 * The kernels of the main entry. Only the probe runs at import; the module is
 * compiled synchronously on first use (a ParamSet, or the first update on the
 * wasm backend), which takes about a millisecond, so importing needs no
 * top-level await and works through require() and in classic workers.
 */
export const wasmKernels: KernelSource = {
  unavailable: probe(),
  module() {
    return (compiled ??= compile((bytes) => bytes));
  },
  sharedModule() {
    return (compiledShared ??= compile(withSharedMemory));
  },
};

/**
 * Reading a caller's typed array without running any of its code.
 *
 * A caller may pass a subclass of Float64Array whose constructor takes other
 * arguments, or that overrides `length`, `set` or `subarray`; `subarray` and
 * `slice` even call the subclass's constructor (through Symbol.species). So
 * the optimizer reads a caller's array only through the built-in getters of
 * %TypedArray%.prototype, once, when it validates the call, and from then on
 * works on a view of the same memory made with the base constructor. No code
 * of the caller's can then run between the first write and the last.
 */
import type { FloatArray } from './dtype.js';

const TypedArrayPrototype = Object.getPrototypeOf(Int8Array.prototype) as object;

function builtinGetter(name: PropertyKey): (this: unknown) => unknown {
  return Object.getOwnPropertyDescriptor(TypedArrayPrototype, name)!.get! as (this: unknown) => unknown;
}

const nameGetter = builtinGetter(Symbol.toStringTag);
const lengthGetter = builtinGetter('length');
const byteOffsetGetter = builtinGetter('byteOffset');
const bufferGetter = builtinGetter('buffer');

/**
 * The built-in type name of a typed array ('Float64Array', 'Int32Array', ...,
 * also for a subclass or an array from another realm), or undefined for
 * anything else (a Proxy included). Runs no code of `x`'s.
 */
export function typedArrayName(x: unknown): string | undefined {
  return nameGetter.call(x) as string | undefined;
}

/** A typed array's element count as the engine sees it (0 once detached or out of bounds), whatever its class says. */
export function lengthOf(a: FloatArray): number {
  return lengthGetter.call(a) as number;
}

/** A typed array's buffer, whatever its class says. */
export function bufferOf(a: FloatArray): ArrayBufferLike {
  return bufferGetter.call(a) as ArrayBufferLike;
}

/**
 * A plain Float64Array or Float32Array (`base`, `a`'s own built-in type) over
 * the same `length` elements of memory as `a`: writes through it are writes
 * to `a`, and nothing about it is the caller's code.
 */
export function baseView(a: FloatArray, base: Float64ArrayConstructor | Float32ArrayConstructor, length: number): FloatArray {
  return new base(bufferOf(a) as ArrayBuffer, byteOffsetGetter.call(a) as number, length);
}

/**
 * Whether `buffer` has been detached (transferred, or a WebAssembly memory
 * that grew): only a live buffer takes a new view. (Node 20 has no
 * ArrayBuffer.prototype.detached, and a subclass could override it.)
 */
export function isDetached(buffer: ArrayBufferLike): boolean {
  try {
    new Uint8Array(buffer, 0, 0);
    return false;
  } catch {
    return true;
  }
}

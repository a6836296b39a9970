import { ARRAY, type Dtype, type FloatArray } from './dtype.js';

/**
 * A scratch array of n elements of x's type, for a per-key JS loop's
 * intermediate (LAMB's and Adafactor's direction u, reduced before it is
 * applied): one array per type, grown to the largest key asked for and reused.
 * Allocating (and zero-filling) n elements on every update cost more than the
 * pass itself for a key past the cache. Held through a WeakRef, so a collector
 * short of memory may take it back between updates. Its contents are left from
 * the last use: the caller writes every element before reading it, and uses it
 * only until it returns (nothing else runs in between).
 */
export function scratchLike(x: FloatArray, n: number): FloatArray {
  const dtype: Dtype = x instanceof Float32Array ? 'f32' : 'f64';
  let s = cached[dtype]?.deref();
  if (s === undefined || s.length < n) cached[dtype] = new WeakRef((s = new ARRAY[dtype](n)));
  return s.length === n ? s : s.subarray(0, n);
}

const cached: Partial<Record<Dtype, WeakRef<FloatArray>>> = {};

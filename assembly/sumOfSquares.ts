import { ENTRY_BYTES, GRAD, COUNT, SUMS } from "./table";
import { CHUNK, sumOfSquares } from "./reduce";

// The sum of squares of every gradient of an update, for clipping by global
// norm. Always accumulated in f64 (an f32 value's square is exact in f64). The
// order of additions is part of the result, and src/gradNorm.ts repeats it in JS:
//   each entry's gradient is cut into blocks of CHUNK elements from its start;
//   a block's sum is reduce.ts's sumOfSquares over it (at most CHUNK elements:
//   one chunk, in lane order); the blocks are added in order (entries in order,
//   each entry's blocks in order) to a total that starts at 0.
// The blocks are what threads share: sumsqBlocks runs on a chunk of the table
// and stores each block's sum, and the caller adds them in the same order, so
// the norm has the same bits on any number of threads.

/** Σ over the table's entries of their blocks' sums, in order (one thread, one call). */
function tableSquares<T>(table: usize, count: i32): f64 {
  let total: f64 = 0;
  for (let k: i32 = 0; k < count; k++) {
    const e = table + <usize>k * ENTRY_BYTES;
    const g = <usize>load<u32>(e + GRAD);
    const n = <usize>load<u32>(e + COUNT);
    for (let start: usize = 0; start < n; start += CHUNK) total += sumOfSquares<T>(g + start * sizeof<T>(), min<usize>(CHUNK, n - start));
  }
  return total;
}

/**
 * Each block's sum, for a chunk of a shared update's table: entry k's blocks go
 * as f64, in order, from its SUMS address. An entry that is not a key's last
 * piece holds whole blocks (the norm's chunk plans cut keys at multiples of CHUNK).
 */
function blockSquares<T>(table: usize, count: i32): void {
  for (let k: i32 = 0; k < count; k++) {
    const e = table + <usize>k * ENTRY_BYTES;
    const g = <usize>load<u32>(e + GRAD);
    const n = <usize>load<u32>(e + COUNT);
    let to = <usize>load<u32>(e + SUMS);
    for (let start: usize = 0; start < n; start += CHUNK, to += 8) store<f64>(to, sumOfSquares<T>(g + start * sizeof<T>(), min<usize>(CHUNK, n - start)));
  }
}

export function sumsq_f64(table: usize, count: i32): f64 {
  return tableSquares<f64>(table, count);
}

export function sumsq_f32(table: usize, count: i32): f64 {
  return tableSquares<f32>(table, count);
}

// The kernels' signature (table, count, constants), so a team's workers run them as any kernel; no constants.
export function sumsqBlocks_f64(table: usize, count: i32, constants: usize): void {
  blockSquares<f64>(table, count);
}

export function sumsqBlocks_f32(table: usize, count: i32, constants: usize): void {
  blockSquares<f32>(table, count);
}

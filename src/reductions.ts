import type { FloatArray } from './dtype.js';

// The fixed order in which every per-key reduction adds (issue 14; the same order
// for every dtype and thread count, so a result never depends on how the work was
// split). Terms are float64: an f32 element is promoted first, so its square is
// exact; an f64 square is one rounding. The JS engine's reductions (the shaped rules' references): no
// allocation, one term function per sequence; assembly/reduce.ts adds in the same order.

/** Elements per chunk: the unit a thread would take, and the unit sums are combined in. */
export const CHUNK = 4096;

/** The SIMD lanes of an array's type: 2 for Float64Array (f64x2), 4 for Float32Array (f32x4). */
export function lanesOf(x: Float64Array | Float32Array): 2 | 4 {
  return x instanceof Float32Array ? 4 : 2;
}

/**
 * Σ term(i) for i < n, in lane order: the sequence is cut into chunks of CHUNK,
 * each summed by chunkSum, and the chunks are added in order, from the first.
 * For n ≤ CHUNK this is one chunk's value, assembly/reduce.ts's laneSum.
 */
export function laneSum(n: number, lanes: 2 | 4, term: (i: number) => number): number {
  let total = 0;
  for (let start = 0; start < n; start += CHUNK) {
    const chunk = chunkSum(start, Math.min(CHUNK, n - start), lanes, term);
    total = start === 0 ? chunk : total + chunk;
  }
  return total;
}

/**
 * The value of one chunk: Σ term(start + i) for i < m (m ≤ CHUNK) in lane order.
 * Lane j sums (from 0.0, in index order) the terms at positions ≡ j (mod lanes)
 * among the first m − (m mod lanes), and `tail` the rest; the value is
 * (((lane0 + lane1) + lane2) + lane3) + tail. The one definition of a chunk's sum
 * on the JS side (laneSum, and the global norm's blocks in gradNorm.ts).
 */
export function chunkSum(start: number, m: number, lanes: 2 | 4, term: (i: number) => number): number {
  const vector = m - (m % lanes);
  let l0 = 0;
  let l1 = 0;
  let l2 = 0;
  let l3 = 0;
  for (let i = 0; i < vector; i += lanes) {
    l0 += term(start + i);
    l1 += term(start + i + 1);
    if (lanes === 4) {
      l2 += term(start + i + 2);
      l3 += term(start + i + 3);
    }
  }
  let tail = 0;
  for (let i = vector; i < m; i++) tail += term(start + i);
  return (lanes === 4 ? l0 + l1 + l2 + l3 : l0 + l1) + tail;
}

/**
 * Σ term(i) for i < rows, down one column of a row-major matrix (where SIMD runs
 * across columns, so no lanes): chunks of CHUNK rows, each summed in row order
 * from 0.0, the chunks added in order, from the first.
 */
export function columnSum(rows: number, term: (i: number) => number): number {
  let total = 0;
  for (let start = 0; start < rows; start += CHUNK) {
    const end = Math.min(rows, start + CHUNK);
    let chunk = 0;
    for (let i = start; i < end; i++) chunk += term(i);
    total = start === 0 ? chunk : total + chunk;
  }
  return total;
}

/**
 * Σ x[at + k]² for k < n, in laneSum's order, with no call per element: the JS
 * engine's reductions over whole keys (a term function called per element ran
 * the JS backend at a third of the plain port's speed). With `columns`, each
 * square is also added to columns[k]: called on a matrix's rows in order, that
 * is each column's running sum in row order, columnSum's order within a chunk
 * of rows, in the same pass over the matrix as its row sums.
 */
export function squaresInLanes(x: FloatArray, at: number, n: number, lanes: 2 | 4, columns: Float64Array | null): number {
  let total = 0;
  for (let start = 0; start < n; start += CHUNK) {
    const m = Math.min(CHUNK, n - start);
    const vector = m - (m % lanes);
    const from = at + start;
    let l0 = 0;
    let l1 = 0;
    let l2 = 0;
    let l3 = 0;
    for (let i = 0; i < vector; i += lanes) {
      const s0 = x[from + i] * x[from + i];
      const s1 = x[from + i + 1] * x[from + i + 1];
      l0 += s0;
      l1 += s1;
      if (columns !== null) {
        columns[start + i] += s0;
        columns[start + i + 1] += s1;
      }
      if (lanes === 4) {
        const s2 = x[from + i + 2] * x[from + i + 2];
        const s3 = x[from + i + 3] * x[from + i + 3];
        l2 += s2;
        l3 += s3;
        if (columns !== null) {
          columns[start + i + 2] += s2;
          columns[start + i + 3] += s3;
        }
      }
    }
    let tail = 0;
    for (let i = vector; i < m; i++) {
      const s = x[from + i] * x[from + i];
      tail += s;
      if (columns !== null) columns[start + i] += s;
    }
    const chunk = (lanes === 4 ? l0 + l1 + l2 + l3 : l0 + l1) + tail;
    total = start === 0 ? chunk : total + chunk;
  }
  return total;
}

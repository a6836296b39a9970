// The three products of a fully connected layer, over row-major arrays.
//
// Zero inputs are skipped: MNIST pixels are ~80% zeros and ReLU outputs about
// half, so listing the nonzero ones first roughly halves the work (0·w adds
// nothing). The nonzero rows are then taken four at a time, so each output row
// is loaded and stored once per four input rows instead of once per row: the
// innermost loop runs over contiguous rows (i-k-j order) with four products each.
import type { FloatArray } from './floatArray.js';

let nonzero = new Int32Array(1024);

/** Positions i in [0, count) where x[start + i·stride] ≠ 0, in a shared scratch array; returns how many. */
function listNonzero(x: FloatArray, start: number, stride: number, count: number): number {
  if (nonzero.length < count) nonzero = new Int32Array(count);
  let nz = 0;
  for (let i = 0; i < count; i++) if (x[start + i * stride] !== 0) nonzero[nz++] = i;
  return nz;
}

/**
 * row[at .. at+m) += Σ_q coef[cAt + list[q]·cStride] · src[list[q]·m .. +m), over the
 * nz positions in `nonzero`: the shared inner step of both products below.
 */
function addScaledRows(row: FloatArray, at: number, src: FloatArray, coef: FloatArray, cAt: number, cStride: number, nz: number, m: number): void {
  const list = nonzero;
  let q = 0;
  for (; q + 3 < nz; q += 4) {
    const r0 = list[q], r1 = list[q + 1], r2 = list[q + 2], r3 = list[q + 3];
    const c0 = coef[cAt + r0 * cStride], c1 = coef[cAt + r1 * cStride], c2 = coef[cAt + r2 * cStride], c3 = coef[cAt + r3 * cStride];
    const s0 = r0 * m, s1 = r1 * m, s2 = r2 * m, s3 = r3 * m;
    for (let j = 0; j < m; j++) row[at + j] += c0 * src[s0 + j] + c1 * src[s1 + j] + c2 * src[s2 + j] + c3 * src[s3 + j];
  }
  for (; q < nz; q++) {
    const r = list[q];
    const c = coef[cAt + r * cStride];
    const s = r * m;
    for (let j = 0; j < m; j++) row[at + j] += c * src[s + j];
  }
}

/** out[n×m] = a[n×k] · w[k×m] + b[m] (b added to every row). */
export function affine(a: FloatArray, w: FloatArray, b: FloatArray, out: FloatArray, n: number, k: number, m: number): void {
  for (let i = 0; i < n; i++) {
    const o = i * m;
    for (let j = 0; j < m; j++) out[o + j] = b[j];
    const nz = listNonzero(a, i * k, 1, k);
    addScaledRows(out, o, w, a, i * k, 1, nz, m);
  }
}

/** gw[k×m] = aᵀ · d (a is n×k, d is n×m) and gb[m] = the column sums of d; both overwritten. */
export function affineParamGrads(a: FloatArray, d: FloatArray, gw: FloatArray, gb: FloatArray, n: number, k: number, m: number): void {
  gb.fill(0, 0, m);
  for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) gb[j] += d[i * m + j];
  gw.fill(0, 0, k * m);
  for (let p = 0; p < k; p++) {
    // Row p of gw gathers row i of d for every sample i whose input p is nonzero.
    const nz = listNonzero(a, p, k, n);
    addScaledRows(gw, p * m, d, a, p, k, nz, m);
  }
}

/**
 * da[n×k] = d[n×m] · wᵀ where the layer's input a (a ReLU output) is positive,
 * 0 where it is not: the gradient through the ReLU that produced a. Four rows
 * of w at a time share each load of d's row.
 */
export function reluInputGrads(d: FloatArray, w: FloatArray, a: FloatArray, da: FloatArray, n: number, k: number, m: number): void {
  for (let i = 0; i < n; i++) {
    const di = i * m;
    const ai = i * k;
    const nz = listNonzero(a, ai, 1, k);
    da.fill(0, ai, ai + k);
    const list = nonzero;
    let q = 0;
    for (; q + 3 < nz; q += 4) {
      const p0 = list[q], p1 = list[q + 1], p2 = list[q + 2], p3 = list[q + 3];
      const w0 = p0 * m, w1 = p1 * m, w2 = p2 * m, w3 = p3 * m;
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      for (let j = 0; j < m; j++) {
        const g = d[di + j];
        s0 += g * w[w0 + j];
        s1 += g * w[w1 + j];
        s2 += g * w[w2 + j];
        s3 += g * w[w3 + j];
      }
      da[ai + p0] = s0;
      da[ai + p1] = s1;
      da[ai + p2] = s2;
      da[ai + p3] = s3;
    }
    for (; q < nz; q++) {
      const wp = list[q] * m;
      let s = 0;
      for (let j = 0; j < m; j++) s += d[di + j] * w[wp + j];
      da[ai + list[q]] = s;
    }
  }
}

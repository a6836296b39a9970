// The shaped optimizers' per-key kernels and the reductions they use, one wrapper per dtype.
// Pointers are byte offsets into the imported memory; counts and shapes are element counts;
// every scalar is an f64 the kernel rounds to the key's type once. See lamb.ts and adafactor.ts.
import { StoreSums, columnSumsOfSquares, sumOfSquares } from "./reduce";
import { lambKey } from "./lamb";
import { adafactorMatrixKey, adafactorVectorKey } from "./adafactor";

/** Σx² over n elements at x, in the fixed lane/chunk order. */
export function sumOfSquares_f64(x: usize, n: usize): f64 { return sumOfSquares<f64>(x, n); }
export function sumOfSquares_f32(x: usize, n: usize): f64 { return sumOfSquares<f32>(x, n); }

/** Each column's Σx² of a row-major rows × cols matrix at x, stored as cols f64 values at `out`. */
export function columnSumsOfSquares_f64(x: usize, rows: usize, cols: usize, out: usize): void { columnSumsOfSquares<f64, StoreSums<f64>>(x, rows, cols, out, 0, 0, 0); }
export function columnSumsOfSquares_f32(x: usize, rows: usize, cols: usize, out: usize): void { columnSumsOfSquares<f32, StoreSums<f32>>(x, rows, cols, out, 0, 0, 0); }

/** LAMB, one key: returns the trust ratio. */
export function lambKey_f64(p: usize, g: usize, m: usize, v: usize, n: usize, lr: f64, beta1: f64, beta2: f64, eps: f64, weightDecay: f64, omb1: f64, omb2: f64, bc1: f64, bc2: f64): f64 {
  return lambKey<f64>(p, g, m, v, n, lr, beta1, beta2, eps, weightDecay, omb1, omb2, bc1, bc2);
}
export function lambKey_f32(p: usize, g: usize, m: usize, v: usize, n: usize, lr: f64, beta1: f64, beta2: f64, eps: f64, weightDecay: f64, omb1: f64, omb2: f64, bc1: f64, bc2: f64): f64 {
  return lambKey<f32>(p, g, m, v, n, lr, beta1, beta2, eps, weightDecay, omb1, omb2, bc1, bc2);
}

/** torch.Adafactor, one key of 2+ dims (batches matrices of rows × cols), U in n elements of scratch at u: returns the clipping denominator. */
export function adafactorMatrixKey_f64(p: usize, g: usize, row: usize, col: usize, u: usize, batches: usize, rows: usize, cols: usize, eps1: f64, eps2: f64, d: f64, weightDecay: f64, beta2t: f64, omb2t: f64, rho: f64, lrwd: f64): f64 {
  return adafactorMatrixKey<f64>(p, g, row, col, u, batches, rows, cols, eps1, eps2, d, weightDecay, beta2t, omb2t, rho, lrwd);
}
export function adafactorMatrixKey_f32(p: usize, g: usize, row: usize, col: usize, u: usize, batches: usize, rows: usize, cols: usize, eps1: f64, eps2: f64, d: f64, weightDecay: f64, beta2t: f64, omb2t: f64, rho: f64, lrwd: f64): f64 {
  return adafactorMatrixKey<f32>(p, g, row, col, u, batches, rows, cols, eps1, eps2, d, weightDecay, beta2t, omb2t, rho, lrwd);
}

/** torch.Adafactor, one key of 1 dim (n elements, second moment v): returns the clipping denominator. */
export function adafactorVectorKey_f64(p: usize, g: usize, v: usize, u: usize, n: usize, eps1: f64, eps2: f64, d: f64, weightDecay: f64, beta2t: f64, omb2t: f64, rho: f64, lrwd: f64): f64 {
  return adafactorVectorKey<f64>(p, g, v, u, n, eps1, eps2, d, weightDecay, beta2t, omb2t, rho, lrwd);
}
export function adafactorVectorKey_f32(p: usize, g: usize, v: usize, u: usize, n: usize, eps1: f64, eps2: f64, d: f64, weightDecay: f64, beta2t: f64, omb2t: f64, rho: f64, lrwd: f64): f64 {
  return adafactorVectorKey<f32>(p, g, v, u, n, eps1, eps2, d, weightDecay, beta2t, omb2t, rho, lrwd);
}

import { runF64 } from "./skeleton";

// p -= lr * g                      c0 = lr
class SgdRule {
  @inline vec(p: usize, g: usize, s0: usize, s1: usize, lr: v128, c1: v128, c2: v128, c3: v128): void {
    v128.store(p, f64x2.sub(v128.load(p), f64x2.mul(lr, v128.load(g))));
  }
  @inline lane(p: usize, g: usize, s0: usize, s1: usize, lr: f64, c1: f64, c2: f64, c3: f64): void {
    store<f64>(p, load<f64>(p) - lr * load<f64>(g));
  }
}

/** SGD over every entry of `table`: `p = p - lr*g`. */
export function sgd_f64(table: usize, count: i32, lr: f64): void {
  runF64<SgdRule>(table, count, lr, 0, 0, 0);
}

import { run } from "./skeleton";

// p -= lr * g                      c0 = lr
class SgdRule<T> {
  @inline vec(p: usize, g: usize, s0: usize, s1: usize, s2: usize, lr: v128, c1: v128, c2: v128, c3: v128): void {
    v128.store(p, v128.sub<T>(v128.load(p), v128.mul<T>(lr, v128.load(g))));
  }
  @inline lane(p: usize, g: usize, s0: usize, s1: usize, s2: usize, lr: T, c1: T, c2: T, c3: T): void {
    store<T>(p, load<T>(p) - lr * load<T>(g));
  }
}

/** SGD over every entry of `table`: `p = p - lr*g`. */
export function sgd_f64(table: usize, count: i32, lr: f64): void {
  run<f64, SgdRule<f64>>(table, count, lr, 0, 0, 0);
}
export function sgd_f32(table: usize, count: i32, lr: f64): void {
  run<f32, SgdRule<f32>>(table, count, lr, 0, 0, 0);
}

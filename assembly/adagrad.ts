import { run } from "./skeleton";

// h = h + g*g ; p = p - (lr*g) / (sqrt(h) + eps)        c0 = lr, c1 = eps
class AdaGradRule<T> {
  @inline vec(p: usize, g: usize, h: usize, s1: usize, s2: usize, lr: v128, eps: v128, c2: v128, c3: v128): void {
    const grad = v128.load(g);
    const acc = v128.add<T>(v128.load(h), v128.mul<T>(grad, grad));
    v128.store(h, acc);
    const step = v128.div<T>(v128.mul<T>(lr, grad), v128.add<T>(v128.sqrt<T>(acc), eps));
    v128.store(p, v128.sub<T>(v128.load(p), step));
  }
  @inline lane(p: usize, g: usize, h: usize, s1: usize, s2: usize, lr: T, eps: T, c2: T, c3: T): void {
    const grad = load<T>(g);
    const acc: T = load<T>(h) + grad * grad;
    store<T>(h, acc);
    store<T>(p, load<T>(p) - (lr * grad) / (sqrt<T>(acc) + eps));
  }
}

/** AdaGrad over every entry of `table`; state 0 is the sum of squared gradients h. */
export function adagrad_f64(table: usize, count: i32, lr: f64, eps: f64): void {
  run<f64, AdaGradRule<f64>>(table, count, lr, eps, 0, 0);
}
export function adagrad_f32(table: usize, count: i32, lr: f64, eps: f64): void {
  run<f32, AdaGradRule<f32>>(table, count, lr, eps, 0, 0);
}

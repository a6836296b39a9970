import { run } from "./skeleton";

// h = h*decay ; h = h + ((1-decay)*g)*g ; p = p - (lr*g) / (sqrt(h) + eps)
//   c0 = decay, c1 = 1 - decay, c2 = lr, c3 = eps
class RmsPropRule<T> {
  @inline vec(p: usize, g: usize, h: usize, s1: usize, s2: usize, d: v128, oneMinusD: v128, lr: v128, eps: v128): void {
    const grad = v128.load(g);
    const acc = v128.add<T>(v128.mul<T>(v128.load(h), d), v128.mul<T>(v128.mul<T>(oneMinusD, grad), grad));
    v128.store(h, acc);
    const step = v128.div<T>(v128.mul<T>(lr, grad), v128.add<T>(v128.sqrt<T>(acc), eps));
    v128.store(p, v128.sub<T>(v128.load(p), step));
  }
  @inline lane(p: usize, g: usize, h: usize, s1: usize, s2: usize, d: T, oneMinusD: T, lr: T, eps: T): void {
    const grad = load<T>(g);
    const acc: T = load<T>(h) * d + (oneMinusD * grad) * grad;
    store<T>(h, acc);
    store<T>(p, load<T>(p) - (lr * grad) / (sqrt<T>(acc) + eps));
  }
}

/** RMSProp over every entry of `table`; state 0 is the running mean square h. */
export function rmsprop_f64(table: usize, count: i32, decay: f64, oneMinusDecay: f64, lr: f64, eps: f64): void {
  run<f64, RmsPropRule<f64>>(table, count, decay, oneMinusDecay, lr, eps);
}
export function rmsprop_f32(table: usize, count: i32, decay: f64, oneMinusDecay: f64, lr: f64, eps: f64): void {
  run<f32, RmsPropRule<f32>>(table, count, decay, oneMinusDecay, lr, eps);
}

import { run } from "./skeleton";

// The seed's Adam (bias correction folded into lr_t, eps added to sqrt(v)):
//   m = m + (1-b1)*(g - m) ; v = v + (1-b2)*(g*g - v) ; p = p - (lr_t*m) / (sqrt(v) + eps)
//   c0 = 1 - b1, c1 = 1 - b2, c2 = lr_t, c3 = eps
class AdamRule<T> {
  @inline vec(p: usize, g: usize, m: usize, v: usize, s2: usize, b1c: v128, b2c: v128, lrT: v128, eps: v128): void {
    const grad = v128.load(g);
    const mom = v128.load(m);
    const vel = v128.load(v);
    const m1 = v128.add<T>(mom, v128.mul<T>(b1c, v128.sub<T>(grad, mom)));
    const v1 = v128.add<T>(vel, v128.mul<T>(b2c, v128.sub<T>(v128.mul<T>(grad, grad), vel)));
    v128.store(m, m1);
    v128.store(v, v1);
    const step = v128.div<T>(v128.mul<T>(lrT, m1), v128.add<T>(v128.sqrt<T>(v1), eps));
    v128.store(p, v128.sub<T>(v128.load(p), step));
  }
  @inline lane(p: usize, g: usize, m: usize, v: usize, s2: usize, b1c: T, b2c: T, lrT: T, eps: T): void {
    const grad = load<T>(g);
    const mom = load<T>(m);
    const vel = load<T>(v);
    const m1: T = mom + b1c * (grad - mom);
    const v1: T = vel + b2c * (grad * grad - vel);
    store<T>(m, m1);
    store<T>(v, v1);
    store<T>(p, load<T>(p) - (lrT * m1) / (sqrt<T>(v1) + eps));
  }
}

/** Adam over every entry of `table`; state 0 is m, state 1 is v. */
export function adam_f64(table: usize, count: i32, oneMinusBeta1: f64, oneMinusBeta2: f64, lrT: f64, eps: f64): void {
  run<f64, AdamRule<f64>>(table, count, oneMinusBeta1, oneMinusBeta2, lrT, eps);
}
export function adam_f32(table: usize, count: i32, oneMinusBeta1: f64, oneMinusBeta2: f64, lrT: f64, eps: f64): void {
  run<f32, AdamRule<f32>>(table, count, oneMinusBeta1, oneMinusBeta2, lrT, eps);
}

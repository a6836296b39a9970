import { run } from "./skeleton";

// The seed's Momentum (lr inside the velocity):
//   v = momentum*v - lr*g ;  p = p + v          c0 = momentum, c1 = lr
class MomentumRule<T> {
  @inline vec(p: usize, g: usize, v: usize, s1: usize, s2: usize, mu: v128, lr: v128, c2: v128, c3: v128): void {
    const vel = v128.sub<T>(v128.mul<T>(mu, v128.load(v)), v128.mul<T>(lr, v128.load(g)));
    v128.store(v, vel);
    v128.store(p, v128.add<T>(v128.load(p), vel));
  }
  @inline lane(p: usize, g: usize, v: usize, s1: usize, s2: usize, mu: T, lr: T, c2: T, c3: T): void {
    const vel: T = mu * load<T>(v) - lr * load<T>(g);
    store<T>(v, vel);
    store<T>(p, load<T>(p) + vel);
  }
}

/** Momentum over every entry of `table`; state 0 is the velocity. */
export function momentum_f64(table: usize, count: i32, momentum: f64, lr: f64): void {
  run<f64, MomentumRule<f64>>(table, count, momentum, lr, 0, 0);
}
export function momentum_f32(table: usize, count: i32, momentum: f64, lr: f64): void {
  run<f32, MomentumRule<f32>>(table, count, momentum, lr, 0, 0);
}

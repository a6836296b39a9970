import { runF64 } from "./skeleton";

// The seed's Momentum (lr inside the velocity):
//   v = momentum*v - lr*g ;  p = p + v          c0 = momentum, c1 = lr
class MomentumRule {
  @inline vec(p: usize, g: usize, v: usize, s1: usize, mu: v128, lr: v128, c2: v128, c3: v128): void {
    const vel = f64x2.sub(f64x2.mul(mu, v128.load(v)), f64x2.mul(lr, v128.load(g)));
    v128.store(v, vel);
    v128.store(p, f64x2.add(v128.load(p), vel));
  }
  @inline lane(p: usize, g: usize, v: usize, s1: usize, mu: f64, lr: f64, c2: f64, c3: f64): void {
    const vel = mu * load<f64>(v) - lr * load<f64>(g);
    store<f64>(v, vel);
    store<f64>(p, load<f64>(p) + vel);
  }
}

/** Momentum over every entry of `table`; state 0 is the velocity. */
export function momentum_f64(table: usize, count: i32, momentum: f64, lr: f64): void {
  runF64<MomentumRule>(table, count, momentum, lr, 0, 0);
}

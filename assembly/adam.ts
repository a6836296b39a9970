import { runF64 } from "./skeleton";

// The seed's Adam (bias correction folded into lr_t, eps added to sqrt(v)):
//   m = m + (1-b1)*(g - m) ; v = v + (1-b2)*(g*g - v) ; p = p - (lr_t*m) / (sqrt(v) + eps)
//   c0 = 1 - b1, c1 = 1 - b2, c2 = lr_t, c3 = eps
class AdamRule {
  @inline vec(p: usize, g: usize, m: usize, v: usize, b1c: v128, b2c: v128, lrT: v128, eps: v128): void {
    const grad = v128.load(g);
    const mom = v128.load(m);
    const vel = v128.load(v);
    const m1 = f64x2.add(mom, f64x2.mul(b1c, f64x2.sub(grad, mom)));
    const v1 = f64x2.add(vel, f64x2.mul(b2c, f64x2.sub(f64x2.mul(grad, grad), vel)));
    v128.store(m, m1);
    v128.store(v, v1);
    const step = f64x2.div(f64x2.mul(lrT, m1), f64x2.add(f64x2.sqrt(v1), eps));
    v128.store(p, f64x2.sub(v128.load(p), step));
  }
  @inline lane(p: usize, g: usize, m: usize, v: usize, b1c: f64, b2c: f64, lrT: f64, eps: f64): void {
    const grad = load<f64>(g);
    const mom = load<f64>(m);
    const vel = load<f64>(v);
    const m1 = mom + b1c * (grad - mom);
    const v1 = vel + b2c * (grad * grad - vel);
    store<f64>(m, m1);
    store<f64>(v, v1);
    store<f64>(p, load<f64>(p) - (lrT * m1) / (sqrt<f64>(v1) + eps));
  }
}

/** Adam over every entry of `table`; state 0 is m, state 1 is v. */
export function adam_f64(table: usize, count: i32, oneMinusBeta1: f64, oneMinusBeta2: f64, lrT: f64, eps: f64): void {
  runF64<AdamRule>(table, count, oneMinusBeta1, oneMinusBeta2, lrT, eps);
}

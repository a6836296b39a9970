import { runF64 } from "./skeleton";

// h = h*decay ; h = h + ((1-decay)*g)*g ; p = p - (lr*g) / (sqrt(h) + eps)
//   c0 = decay, c1 = 1 - decay, c2 = lr, c3 = eps
class RmsPropRule {
  @inline vec(p: usize, g: usize, h: usize, s1: usize, d: v128, oneMinusD: v128, lr: v128, eps: v128): void {
    const grad = v128.load(g);
    const acc = f64x2.add(f64x2.mul(v128.load(h), d), f64x2.mul(f64x2.mul(oneMinusD, grad), grad));
    v128.store(h, acc);
    const step = f64x2.div(f64x2.mul(lr, grad), f64x2.add(f64x2.sqrt(acc), eps));
    v128.store(p, f64x2.sub(v128.load(p), step));
  }
  @inline lane(p: usize, g: usize, h: usize, s1: usize, d: f64, oneMinusD: f64, lr: f64, eps: f64): void {
    const grad = load<f64>(g);
    const acc = load<f64>(h) * d + (oneMinusD * grad) * grad;
    store<f64>(h, acc);
    store<f64>(p, load<f64>(p) - (lr * grad) / (sqrt<f64>(acc) + eps));
  }
}

/** RMSProp over every entry of `table`; state 0 is the running mean square h. */
export function rmsprop_f64(table: usize, count: i32, decay: f64, oneMinusDecay: f64, lr: f64, eps: f64): void {
  runF64<RmsPropRule>(table, count, decay, oneMinusDecay, lr, eps);
}

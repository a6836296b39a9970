import { runF64 } from "./skeleton";

// h = h + g*g ; p = p - (lr*g) / (sqrt(h) + eps)        c0 = lr, c1 = eps
class AdaGradRule {
  @inline vec(p: usize, g: usize, h: usize, s1: usize, lr: v128, eps: v128, c2: v128, c3: v128): void {
    const grad = v128.load(g);
    const acc = f64x2.add(v128.load(h), f64x2.mul(grad, grad));
    v128.store(h, acc);
    const step = f64x2.div(f64x2.mul(lr, grad), f64x2.add(f64x2.sqrt(acc), eps));
    v128.store(p, f64x2.sub(v128.load(p), step));
  }
  @inline lane(p: usize, g: usize, h: usize, s1: usize, lr: f64, eps: f64, c2: f64, c3: f64): void {
    const grad = load<f64>(g);
    const acc = load<f64>(h) + grad * grad;
    store<f64>(h, acc);
    store<f64>(p, load<f64>(p) - (lr * grad) / (sqrt<f64>(acc) + eps));
  }
}

/** AdaGrad over every entry of `table`; state 0 is the sum of squared gradients h. */
export function adagrad_f64(table: usize, count: i32, lr: f64, eps: f64): void {
  runF64<AdaGradRule>(table, count, lr, eps, 0, 0);
}

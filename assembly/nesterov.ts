import { runF64 } from "./skeleton";

// The book's Nesterov (common/optimizer.py, corrected edition: params first):
//   p = p + (mu*mu)*v ; p = p - ((1+mu)*lr)*g ; v = v*mu ; v = v - lr*g
//   c0 = mu*mu, c1 = (1+mu)*lr, c2 = mu, c3 = lr   (scalar products made on the host, as Python does)
class NesterovRule {
  @inline vec(p: usize, g: usize, v: usize, s1: usize, mu2: v128, step: v128, mu: v128, lr: v128): void {
    const grad = v128.load(g);
    const vel = v128.load(v);
    let par = f64x2.add(v128.load(p), f64x2.mul(mu2, vel));
    par = f64x2.sub(par, f64x2.mul(step, grad));
    v128.store(p, par);
    v128.store(v, f64x2.sub(f64x2.mul(vel, mu), f64x2.mul(lr, grad)));
  }
  @inline lane(p: usize, g: usize, v: usize, s1: usize, mu2: f64, step: f64, mu: f64, lr: f64): void {
    const grad = load<f64>(g);
    const vel = load<f64>(v);
    let par = load<f64>(p) + mu2 * vel;
    par = par - step * grad;
    store<f64>(p, par);
    store<f64>(v, vel * mu - lr * grad);
  }
}

/** Nesterov over every entry of `table`; state 0 is the velocity. */
export function nesterov_f64(table: usize, count: i32, muSquared: f64, stepScale: f64, mu: f64, lr: f64): void {
  runF64<NesterovRule>(table, count, muSquared, stepScale, mu, lr);
}

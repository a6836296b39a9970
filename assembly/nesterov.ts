import { run } from "./skeleton";

// The book's Nesterov (common/optimizer.py, corrected edition: params first):
//   p = p + (mu*mu)*v ; p = p - ((1+mu)*lr)*g ; v = v*mu ; v = v - lr*g
//   c0 = mu*mu, c1 = (1+mu)*lr, c2 = mu, c3 = lr   (scalar products made on the host, as Python does)
class NesterovRule<T> {
  @inline vec(p: usize, g: usize, v: usize, s1: usize, s2: usize, mu2: v128, step: v128, mu: v128, lr: v128): void {
    const grad = v128.load(g);
    const vel = v128.load(v);
    let par = v128.add<T>(v128.load(p), v128.mul<T>(mu2, vel));
    par = v128.sub<T>(par, v128.mul<T>(step, grad));
    v128.store(p, par);
    v128.store(v, v128.sub<T>(v128.mul<T>(vel, mu), v128.mul<T>(lr, grad)));
  }
  @inline lane(p: usize, g: usize, v: usize, s1: usize, s2: usize, mu2: T, step: T, mu: T, lr: T): void {
    const grad = load<T>(g);
    const vel = load<T>(v);
    let par: T = load<T>(p) + mu2 * vel;
    par = par - step * grad;
    store<T>(p, par);
    store<T>(v, vel * mu - lr * grad);
  }
}

/** Nesterov over every entry of `table`; state 0 is the velocity. */
export function nesterov_f64(table: usize, count: i32, muSquared: f64, stepScale: f64, mu: f64, lr: f64): void {
  run<f64, NesterovRule<f64>>(table, count, muSquared, stepScale, mu, lr);
}
export function nesterov_f32(table: usize, count: i32, muSquared: f64, stepScale: f64, mu: f64, lr: f64): void {
  run<f32, NesterovRule<f32>>(table, count, muSquared, stepScale, mu, lr);
}

// The book's Nesterov (common/optimizer.py, corrected edition: params first):
//   p = p + (mu*mu)*v ; p = p - ((1+mu)*lr)*g ; v = v*mu ; v = v - lr*g
//   c0 = mu*mu, c1 = (1+mu)*lr, c2 = mu, c3 = lr   (scalar products made on the host, as Python does)
export class NesterovRule<T> {
  @inline vec(p: usize, grad: v128, v: usize, s1: usize, s2: usize, mu2: v128, step: v128, mu: v128, lr: v128, c4: v128, c5: v128, c6: v128, c7: v128, c8: v128, c9: v128, c10: v128, c11: v128): void {
    const vel = v128.load(v);
    let par = v128.add<T>(v128.load(p), v128.mul<T>(mu2, vel));
    par = v128.sub<T>(par, v128.mul<T>(step, grad));
    v128.store(p, par);
    v128.store(v, v128.sub<T>(v128.mul<T>(vel, mu), v128.mul<T>(lr, grad)));
  }
  @inline lane(p: usize, grad: T, v: usize, s1: usize, s2: usize, mu2: T, step: T, mu: T, lr: T, c4: T, c5: T, c6: T, c7: T, c8: T, c9: T, c10: T, c11: T): void {
    const vel = load<T>(v);
    let par: T = load<T>(p) + mu2 * vel;
    par = par - step * grad;
    store<T>(p, par);
    store<T>(v, vel * mu - lr * grad);
  }
}


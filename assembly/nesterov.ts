// The book's Nesterov (common/optimizer.py, corrected edition: params first):
//   p = p + (mu*mu)*v ; p = p - ((1+mu)*lr)*g ; v = v*mu ; v = v - lr*g
//   constants: mu2 = mu*mu, stepScale = (1+mu)*lr, momentum = mu, lr   (products made on the host, as Python does)
export class NesterovRule<T> {
  @inline vec(p: usize, grad: v128, v: usize, s1: usize, s2: usize, mu2: v128, stepScale: v128, momentum: v128, lr: v128): void {
    const vel = v128.load(v);
    let par = v128.add<T>(v128.load(p), v128.mul<T>(mu2, vel));
    par = v128.sub<T>(par, v128.mul<T>(stepScale, grad));
    v128.store(p, par);
    v128.store(v, v128.sub<T>(v128.mul<T>(vel, momentum), v128.mul<T>(lr, grad)));
  }
  @inline lane(p: usize, grad: T, v: usize, s1: usize, s2: usize, mu2: T, stepScale: T, momentum: T, lr: T): void {
    const vel = load<T>(v);
    let par: T = load<T>(p) + mu2 * vel;
    par = par - stepScale * grad;
    store<T>(p, par);
    store<T>(v, vel * momentum - lr * grad);
  }
}


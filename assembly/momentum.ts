// The seed's Momentum (lr inside the velocity):
//   v = momentum*v - lr*g ;  p = p + v          c0 = momentum, c1 = lr
export class MomentumRule<T> {
  @inline vec(p: usize, grad: v128, v: usize, s1: usize, s2: usize, mu: v128, lr: v128, c2: v128, c3: v128, c4: v128, c5: v128, c6: v128, c7: v128, c8: v128, c9: v128, c10: v128, c11: v128): void {
    const vel = v128.sub<T>(v128.mul<T>(mu, v128.load(v)), v128.mul<T>(lr, grad));
    v128.store(v, vel);
    v128.store(p, v128.add<T>(v128.load(p), vel));
  }
  @inline lane(p: usize, grad: T, v: usize, s1: usize, s2: usize, mu: T, lr: T, c2: T, c3: T, c4: T, c5: T, c6: T, c7: T, c8: T, c9: T, c10: T, c11: T): void {
    const vel: T = mu * load<T>(v) - lr * grad;
    store<T>(v, vel);
    store<T>(p, load<T>(p) + vel);
  }
}


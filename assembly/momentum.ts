// The seed's Momentum (lr inside the velocity):
//   v = momentum*v - lr*g ;  p = p + v          constants: momentum, lr
export class MomentumRule<T> {
  @inline vec(p: usize, grad: v128, v: usize, s1: usize, s2: usize, momentum: v128, lr: v128): void {
    const vel = v128.sub<T>(v128.mul<T>(momentum, v128.load(v)), v128.mul<T>(lr, grad));
    v128.store(v, vel);
    v128.store(p, v128.add<T>(v128.load(p), vel));
  }
  @inline lane(p: usize, grad: T, v: usize, s1: usize, s2: usize, momentum: T, lr: T): void {
    const vel: T = momentum * load<T>(v) - lr * grad;
    store<T>(v, vel);
    store<T>(p, load<T>(p) + vel);
  }
}


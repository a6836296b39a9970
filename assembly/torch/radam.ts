// torch.optim.RAdam, in the operation order of test/golden/makeTorchGolden.py:
//   m = (beta1*m) + ((1-beta1)*g) ; v = (beta2*v) + ((1-beta2)*(g*g)) ; mhat = m / bc1
//   rectified (rho_t > 5): p = p - (((lr*mhat)*r) * (sqrtBc2 / (sqrt(v) + eps)))
//   else:                  p = p - (lr*mhat)
//   constants (all made on the host): b1, b2, omb1 = 1 - beta1, omb2 = 1 - beta2, lr, bc1, rect = r, sqrtBc2 = sqrt(bc2), eps
// The host chooses the variant from rho_t each step.

@inline function momentsVec<T>(grad: v128, m: usize, v: usize, b1: v128, b2: v128, omb1: v128, omb2: v128): v128 {
  const m1 = v128.add<T>(v128.mul<T>(b1, v128.load(m)), v128.mul<T>(omb1, grad));
  const v1 = v128.add<T>(v128.mul<T>(b2, v128.load(v)), v128.mul<T>(omb2, v128.mul<T>(grad, grad)));
  v128.store(m, m1);
  v128.store(v, v1);
  return m1;
}
@inline function momentsLane<T>(grad: T, m: usize, v: usize, b1: T, b2: T, omb1: T, omb2: T): T {
  const m1: T = b1 * load<T>(m) + omb1 * grad;
  const v1: T = b2 * load<T>(v) + omb2 * (grad * grad);
  store<T>(m, m1);
  store<T>(v, v1);
  return m1;
}

export class TorchRadamRule<T> {
  @inline vec(p: usize, grad: v128, m: usize, v: usize, s2: usize, b1: v128, b2: v128, omb2: v128, lr: v128, bc1: v128, rect: v128, sqrtBc2: v128, eps: v128, omb1: v128): void {
    const mhat = v128.div<T>(momentsVec<T>(grad, m, v, b1, b2, omb1, omb2), bc1);
    const l = v128.div<T>(sqrtBc2, v128.add<T>(v128.sqrt<T>(v128.load(v)), eps));
    const step = v128.mul<T>(v128.mul<T>(v128.mul<T>(lr, mhat), rect), l);
    v128.store(p, v128.sub<T>(v128.load(p), step));
  }
  @inline lane(p: usize, grad: T, m: usize, v: usize, s2: usize, b1: T, b2: T, omb2: T, lr: T, bc1: T, rect: T, sqrtBc2: T, eps: T, omb1: T): void {
    const mhat: T = momentsLane<T>(grad, m, v, b1, b2, omb1, omb2) / bc1;
    const l: T = sqrtBc2 / (sqrt<T>(load<T>(v)) + eps);
    store<T>(p, load<T>(p) - ((lr * mhat) * rect) * l);
  }
}

export class TorchRadamUnrectifiedRule<T> {
  @inline vec(p: usize, grad: v128, m: usize, v: usize, s2: usize, b1: v128, b2: v128, omb2: v128, lr: v128, bc1: v128, omb1: v128): void {
    const mhat = v128.div<T>(momentsVec<T>(grad, m, v, b1, b2, omb1, omb2), bc1);
    v128.store(p, v128.sub<T>(v128.load(p), v128.mul<T>(lr, mhat)));
  }
  @inline lane(p: usize, grad: T, m: usize, v: usize, s2: usize, b1: T, b2: T, omb2: T, lr: T, bc1: T, omb1: T): void {
    const mhat: T = momentsLane<T>(grad, m, v, b1, b2, omb1, omb2) / bc1;
    store<T>(p, load<T>(p) - lr * mhat);
  }
}

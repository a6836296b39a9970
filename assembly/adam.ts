// The seed's Adam (bias correction folded into lr_t, eps added to sqrt(v)):
//   m = m + (1-b1)*(g - m) ; v = v + (1-b2)*(g*g - v) ; p = p - (lr_t*m) / (sqrt(v) + eps)
//   constants: b1c = 1 - b1, b2c = 1 - b2, lrT = lr_t, eps
export class AdamRule<T> {
  @inline vec(p: usize, grad: v128, m: usize, v: usize, s2: usize, b1c: v128, b2c: v128, lrT: v128, eps: v128): void {
    const mom = v128.load(m);
    const vel = v128.load(v);
    const m1 = v128.add<T>(mom, v128.mul<T>(b1c, v128.sub<T>(grad, mom)));
    const v1 = v128.add<T>(vel, v128.mul<T>(b2c, v128.sub<T>(v128.mul<T>(grad, grad), vel)));
    v128.store(m, m1);
    v128.store(v, v1);
    const step = v128.div<T>(v128.mul<T>(lrT, m1), v128.add<T>(v128.sqrt<T>(v1), eps));
    v128.store(p, v128.sub<T>(v128.load(p), step));
  }
  @inline lane(p: usize, grad: T, m: usize, v: usize, s2: usize, b1c: T, b2c: T, lrT: T, eps: T): void {
    const mom = load<T>(m);
    const vel = load<T>(v);
    const m1: T = mom + b1c * (grad - mom);
    const v1: T = vel + b2c * (grad * grad - vel);
    store<T>(m, m1);
    store<T>(v, v1);
    store<T>(p, load<T>(p) - (lrT * m1) / (sqrt<T>(v1) + eps));
  }
}


// The seed's moments with PyTorch's eps convention (eps added to √v̂ after bias correction):
//   m, v as above ; p = p - (lr*(m/bc1)) / (sqrt(v/bc2) + eps)
//   constants: b1c, b2c, lr, eps, bc1 = 1 - b1^t, bc2 = 1 - b2^t
export class AdamTorchEpsRule<T> {
  @inline vec(p: usize, grad: v128, m: usize, v: usize, s2: usize, b1c: v128, b2c: v128, lr: v128, eps: v128, bc1: v128, bc2: v128): void {
    const mom = v128.load(m);
    const vel = v128.load(v);
    const m1 = v128.add<T>(mom, v128.mul<T>(b1c, v128.sub<T>(grad, mom)));
    const v1 = v128.add<T>(vel, v128.mul<T>(b2c, v128.sub<T>(v128.mul<T>(grad, grad), vel)));
    v128.store(m, m1);
    v128.store(v, v1);
    const step = v128.div<T>(v128.mul<T>(lr, v128.div<T>(m1, bc1)), v128.add<T>(v128.sqrt<T>(v128.div<T>(v1, bc2)), eps));
    v128.store(p, v128.sub<T>(v128.load(p), step));
  }
  @inline lane(p: usize, grad: T, m: usize, v: usize, s2: usize, b1c: T, b2c: T, lr: T, eps: T, bc1: T, bc2: T): void {
    const mom = load<T>(m);
    const vel = load<T>(v);
    const m1: T = mom + b1c * (grad - mom);
    const v1: T = vel + b2c * (grad * grad - vel);
    store<T>(m, m1);
    store<T>(v, v1);
    store<T>(p, load<T>(p) - (lr * (m1 / bc1)) / (sqrt<T>(v1 / bc2) + eps));
  }
}

// h = h*decay ; h = h + ((1-decay)*g)*g ; p = p - (lr*g) / (sqrt(h) + eps)
//   c0 = decay, c1 = 1 - decay, c2 = lr, c3 = eps
export class RmsPropRule<T> {
  @inline vec(p: usize, grad: v128, h: usize, s1: usize, s2: usize, d: v128, oneMinusD: v128, lr: v128, eps: v128, c4: v128, c5: v128, c6: v128, c7: v128, c8: v128, c9: v128, c10: v128, c11: v128): void {
    const acc = v128.add<T>(v128.mul<T>(v128.load(h), d), v128.mul<T>(v128.mul<T>(oneMinusD, grad), grad));
    v128.store(h, acc);
    const step = v128.div<T>(v128.mul<T>(lr, grad), v128.add<T>(v128.sqrt<T>(acc), eps));
    v128.store(p, v128.sub<T>(v128.load(p), step));
  }
  @inline lane(p: usize, grad: T, h: usize, s1: usize, s2: usize, d: T, oneMinusD: T, lr: T, eps: T, c4: T, c5: T, c6: T, c7: T, c8: T, c9: T, c10: T, c11: T): void {
    const acc: T = load<T>(h) * d + (oneMinusD * grad) * grad;
    store<T>(h, acc);
    store<T>(p, load<T>(p) - (lr * grad) / (sqrt<T>(acc) + eps));
  }
}

// The same with eps inside the square root (epsInSqrt; TF.js, Keras, Optax): p = p - (lr*g) / sqrt(h + eps)
export class RmsPropEpsInSqrtRule<T> {
  @inline vec(p: usize, grad: v128, h: usize, s1: usize, s2: usize, d: v128, oneMinusD: v128, lr: v128, eps: v128, c4: v128, c5: v128, c6: v128, c7: v128, c8: v128, c9: v128, c10: v128, c11: v128): void {
    const acc = v128.add<T>(v128.mul<T>(v128.load(h), d), v128.mul<T>(v128.mul<T>(oneMinusD, grad), grad));
    v128.store(h, acc);
    const step = v128.div<T>(v128.mul<T>(lr, grad), v128.sqrt<T>(v128.add<T>(acc, eps)));
    v128.store(p, v128.sub<T>(v128.load(p), step));
  }
  @inline lane(p: usize, grad: T, h: usize, s1: usize, s2: usize, d: T, oneMinusD: T, lr: T, eps: T, c4: T, c5: T, c6: T, c7: T, c8: T, c9: T, c10: T, c11: T): void {
    const acc: T = load<T>(h) * d + (oneMinusD * grad) * grad;
    store<T>(h, acc);
    store<T>(p, load<T>(p) - (lr * grad) / sqrt<T>(acc + eps));
  }
}

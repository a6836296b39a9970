// h = h*decay ; h = h + ((1-decay)*g)*g ; p = p - (lr*g) / (sqrt(h) + eps)
//   constants: decay, oneMinusDecay = 1 - decay, lr, eps
export class RmsPropRule<T> {
  @inline vec(p: usize, grad: v128, h: usize, s1: usize, s2: usize, decay: v128, oneMinusDecay: v128, lr: v128, eps: v128): void {
    const acc = v128.add<T>(v128.mul<T>(v128.load(h), decay), v128.mul<T>(v128.mul<T>(oneMinusDecay, grad), grad));
    v128.store(h, acc);
    const step = v128.div<T>(v128.mul<T>(lr, grad), v128.add<T>(v128.sqrt<T>(acc), eps));
    v128.store(p, v128.sub<T>(v128.load(p), step));
  }
  @inline lane(p: usize, grad: T, h: usize, s1: usize, s2: usize, decay: T, oneMinusDecay: T, lr: T, eps: T): void {
    const acc: T = load<T>(h) * decay + (oneMinusDecay * grad) * grad;
    store<T>(h, acc);
    store<T>(p, load<T>(p) - (lr * grad) / (sqrt<T>(acc) + eps));
  }
}

// The same with eps inside the square root (epsInSqrt; TF.js, Keras, Optax): p = p - (lr*g) / sqrt(h + eps)
export class RmsPropEpsInSqrtRule<T> {
  @inline vec(p: usize, grad: v128, h: usize, s1: usize, s2: usize, decay: v128, oneMinusDecay: v128, lr: v128, eps: v128): void {
    const acc = v128.add<T>(v128.mul<T>(v128.load(h), decay), v128.mul<T>(v128.mul<T>(oneMinusDecay, grad), grad));
    v128.store(h, acc);
    const step = v128.div<T>(v128.mul<T>(lr, grad), v128.sqrt<T>(v128.add<T>(acc, eps)));
    v128.store(p, v128.sub<T>(v128.load(p), step));
  }
  @inline lane(p: usize, grad: T, h: usize, s1: usize, s2: usize, decay: T, oneMinusDecay: T, lr: T, eps: T): void {
    const acc: T = load<T>(h) * decay + (oneMinusDecay * grad) * grad;
    store<T>(h, acc);
    store<T>(p, load<T>(p) - (lr * grad) / sqrt<T>(acc + eps));
  }
}

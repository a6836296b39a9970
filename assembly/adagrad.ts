// h = h + g*g ; p = p - (lr*g) / (sqrt(h) + eps)        constants: lr, eps
export class AdaGradRule<T> {
  @inline vec(p: usize, grad: v128, h: usize, s1: usize, s2: usize, lr: v128, eps: v128): void {
    const acc = v128.add<T>(v128.load(h), v128.mul<T>(grad, grad));
    v128.store(h, acc);
    const step = v128.div<T>(v128.mul<T>(lr, grad), v128.add<T>(v128.sqrt<T>(acc), eps));
    v128.store(p, v128.sub<T>(v128.load(p), step));
  }
  @inline lane(p: usize, grad: T, h: usize, s1: usize, s2: usize, lr: T, eps: T): void {
    const acc: T = load<T>(h) + grad * grad;
    store<T>(h, acc);
    store<T>(p, load<T>(p) - (lr * grad) / (sqrt<T>(acc) + eps));
  }
}


// p -= lr * g                      constants: lr
export class SgdRule<T> {
  @inline vec(p: usize, grad: v128, s0: usize, s1: usize, s2: usize, lr: v128): void {
    v128.store(p, v128.sub<T>(v128.load(p), v128.mul<T>(lr, grad)));
  }
  @inline lane(p: usize, grad: T, s0: usize, s1: usize, s2: usize, lr: T): void {
    store<T>(p, load<T>(p) - lr * grad);
  }
}


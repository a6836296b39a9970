// p -= lr * g                      c0 = lr
export class SgdRule<T> {
  @inline vec(p: usize, grad: v128, s0: usize, s1: usize, s2: usize, lr: v128, c1: v128, c2: v128, c3: v128, c4: v128, c5: v128, c6: v128, c7: v128, c8: v128, c9: v128, c10: v128, c11: v128): void {
    v128.store(p, v128.sub<T>(v128.load(p), v128.mul<T>(lr, grad)));
  }
  @inline lane(p: usize, grad: T, s0: usize, s1: usize, s2: usize, lr: T, c1: T, c2: T, c3: T, c4: T, c5: T, c6: T, c7: T, c8: T, c9: T, c10: T, c11: T): void {
    store<T>(p, load<T>(p) - lr * grad);
  }
}


// torch.optim.Adamax, in the operation order of test/golden/makeTorchGolden.py:
//   m = (beta1*m) + ((1-beta1)*g) ; u = max(beta2*u, |g| + eps)    (eps inside the max)
//   p = p - ((lr*m) / (bc1*u))
//   constants: b1, omb1 = 1 - beta1, b2, eps, lr, bc1 = 1 - beta1^t
export class TorchAdamaxRule<T> {
  @inline vec(p: usize, grad: v128, m: usize, u: usize, s2: usize, b1: v128, omb1: v128, b2: v128, eps: v128, lr: v128, bc1: v128): void {
    const m1 = v128.add<T>(v128.mul<T>(b1, v128.load(m)), v128.mul<T>(omb1, grad));
    const u1 = v128.max<T>(v128.mul<T>(b2, v128.load(u)), v128.add<T>(v128.abs<T>(grad), eps));
    v128.store(m, m1);
    v128.store(u, u1);
    v128.store(p, v128.sub<T>(v128.load(p), v128.div<T>(v128.mul<T>(lr, m1), v128.mul<T>(bc1, u1))));
  }
  @inline lane(p: usize, grad: T, m: usize, u: usize, s2: usize, b1: T, omb1: T, b2: T, eps: T, lr: T, bc1: T): void {
    const m1: T = b1 * load<T>(m) + omb1 * grad;
    const u1: T = max<T>(b2 * load<T>(u), abs<T>(grad) + eps);
    store<T>(m, m1);
    store<T>(u, u1);
    store<T>(p, load<T>(p) - (lr * m1) / (bc1 * u1));
  }
}

// torch.optim.NAdam, in the operation order of test/golden/makeTorchGolden.py:
//   m = (beta1*m) + ((1-beta1)*g) ; v = (beta2*v) + ((1-beta2)*(g*g))
//   mhat = ((muNext*m) / omProdNext) + ((omMu*g) / omProd)   omProdNext = 1 - (muProduct*muNext), omProd = 1 - muProduct
//   p = p - ((lr*mhat) / (sqrt(v / bc2) + eps))
//   constants (all made on the host): b1, b2, omb1 = 1 - beta1, omb2 = 1 - beta2, lr, eps, bc2, muNext,
//   omMu = 1 - mu, omProdNext, omProd
export class TorchNadamRule<T> {
  @inline vec(p: usize, grad: v128, m: usize, v: usize, s2: usize, b1: v128, b2: v128, lr: v128, eps: v128, bc2: v128, muNext: v128, omMu: v128, omb1: v128, omb2: v128, omProdNext: v128, omProd: v128): void {
    const m1 = v128.add<T>(v128.mul<T>(b1, v128.load(m)), v128.mul<T>(omb1, grad));
    const v1 = v128.add<T>(v128.mul<T>(b2, v128.load(v)), v128.mul<T>(omb2, v128.mul<T>(grad, grad)));
    v128.store(m, m1);
    v128.store(v, v1);
    const mhat = v128.add<T>(v128.div<T>(v128.mul<T>(muNext, m1), omProdNext), v128.div<T>(v128.mul<T>(omMu, grad), omProd));
    const step = v128.div<T>(v128.mul<T>(lr, mhat), v128.add<T>(v128.sqrt<T>(v128.div<T>(v1, bc2)), eps));
    v128.store(p, v128.sub<T>(v128.load(p), step));
  }
  @inline lane(p: usize, grad: T, m: usize, v: usize, s2: usize, b1: T, b2: T, lr: T, eps: T, bc2: T, muNext: T, omMu: T, omb1: T, omb2: T, omProdNext: T, omProd: T): void {
    const m1: T = b1 * load<T>(m) + omb1 * grad;
    const v1: T = b2 * load<T>(v) + omb2 * (grad * grad);
    store<T>(m, m1);
    store<T>(v, v1);
    const mhat: T = (muNext * m1) / omProdNext + (omMu * grad) / omProd;
    store<T>(p, load<T>(p) - (lr * mhat) / (sqrt<T>(v1 / bc2) + eps));
  }
}

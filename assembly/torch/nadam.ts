// torch.optim.NAdam, in the operation order of test/golden/makeTorchGolden.py:
//   m = (beta1*m) + ((1-beta1)*g) ; v = (beta2*v) + ((1-beta2)*(g*g))
//   mhat = ((muNext*m) / c1) + ((oneMinusMu*g) / c2)   c1 = 1 - (muProduct*muNext), c2 = 1 - muProduct
//   p = p - ((lr*mhat) / (sqrt(v / bc2) + eps))
//   c0 = beta1, c1 = beta2, c2 = lr, c3 = eps, c4 = bc2, c5 = muNext, c6 = 1 - mu, c7 = muProduct
// NAdam needs eleven scalars and a kernel takes eight, so 1 - beta1, 1 - beta2 and the two
// mu-product corrections are computed here, in T: in f64 these are the host's own
// operations (same operands, same rounding); in f32 they round each operand to f32
// first, where NumPy's rule would round only the f64 result.
export class TorchNadamRule<T> {
  @inline vec(p: usize, grad: v128, m: usize, v: usize, s2: usize, b1: v128, b2: v128, lr: v128, eps: v128, bc2: v128, muNext: v128, omMu: v128, muProd: v128): void {
    const one = v128.splat<T>(<T>1);
    const m1 = v128.add<T>(v128.mul<T>(b1, v128.load(m)), v128.mul<T>(v128.sub<T>(one, b1), grad));
    const v1 = v128.add<T>(v128.mul<T>(b2, v128.load(v)), v128.mul<T>(v128.sub<T>(one, b2), v128.mul<T>(grad, grad)));
    v128.store(m, m1);
    v128.store(v, v1);
    const c1 = v128.sub<T>(one, v128.mul<T>(muProd, muNext));
    const c2 = v128.sub<T>(one, muProd);
    const mhat = v128.add<T>(v128.div<T>(v128.mul<T>(muNext, m1), c1), v128.div<T>(v128.mul<T>(omMu, grad), c2));
    const step = v128.div<T>(v128.mul<T>(lr, mhat), v128.add<T>(v128.sqrt<T>(v128.div<T>(v1, bc2)), eps));
    v128.store(p, v128.sub<T>(v128.load(p), step));
  }
  @inline lane(p: usize, grad: T, m: usize, v: usize, s2: usize, b1: T, b2: T, lr: T, eps: T, bc2: T, muNext: T, omMu: T, muProd: T): void {
    const m1: T = b1 * load<T>(m) + (<T>1 - b1) * grad;
    const v1: T = b2 * load<T>(v) + (<T>1 - b2) * (grad * grad);
    store<T>(m, m1);
    store<T>(v, v1);
    const mhat: T = (muNext * m1) / (<T>1 - muProd * muNext) + (omMu * grad) / (<T>1 - muProd);
    store<T>(p, load<T>(p) - (lr * mhat) / (sqrt<T>(v1 / bc2) + eps));
  }
}

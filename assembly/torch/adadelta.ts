// torch.optim.Adadelta, in the operation order of test/golden/makeTorchGolden.py:
//   v = (v*rho) + ((g*g)*(1-rho))
//   delta = (sqrt(u + eps) / sqrt(v + eps)) * g          (u: accDelta before this step)
//   u = (u*rho) + ((delta*delta)*(1-rho))
//   p = p - (lr*delta)
//   constants: rho, omr = 1 - rho, eps, lr
export class TorchAdadeltaRule<T> {
  @inline vec(p: usize, grad: v128, sq: usize, acc: usize, s2: usize, rho: v128, omr: v128, eps: v128, lr: v128): void {
    const v = v128.add<T>(v128.mul<T>(v128.load(sq), rho), v128.mul<T>(v128.mul<T>(grad, grad), omr));
    v128.store(sq, v);
    const u = v128.load(acc);
    const delta = v128.mul<T>(v128.div<T>(v128.sqrt<T>(v128.add<T>(u, eps)), v128.sqrt<T>(v128.add<T>(v, eps))), grad);
    v128.store(acc, v128.add<T>(v128.mul<T>(u, rho), v128.mul<T>(v128.mul<T>(delta, delta), omr)));
    v128.store(p, v128.sub<T>(v128.load(p), v128.mul<T>(lr, delta)));
  }
  @inline lane(p: usize, grad: T, sq: usize, acc: usize, s2: usize, rho: T, omr: T, eps: T, lr: T): void {
    const v: T = load<T>(sq) * rho + (grad * grad) * omr;
    store<T>(sq, v);
    const u = load<T>(acc);
    const delta: T = (sqrt<T>(u + eps) / sqrt<T>(v + eps)) * grad;
    store<T>(acc, u * rho + (delta * delta) * omr);
    store<T>(p, load<T>(p) - lr * delta);
  }
}

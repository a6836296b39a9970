// torch.optim.Adam and AdamW, in the operation order of test/golden/makeTorchGolden.py:
//   AdamW only:  p = p - (lrWd*p)                       (decoupled decay first, on the old p)
//   m = (beta1*m) + ((1-beta1)*g) ; v = (beta2*v) + ((1-beta2)*(g*g))
//   amsgrad:     vmax = max(vmax, v) ; vhat = vmax / bc2      else vhat = v / bc2
//   p = p - ((lr*(m / bc1)) / (sqrt(vhat) + eps))
// constants: b1, b2, omb1 = 1 - beta1, omb2 = 1 - beta2, lr, eps, bc1, bc2, and lrWd = lr*wd (AdamW's kernels only)

@inline function adamVec<T>(pv: v128, grad: v128, m: usize, v: usize, vmax: usize, b1: v128, b2: v128, omb1: v128, omb2: v128, lr: v128, eps: v128, bc1: v128, bc2: v128, amsgrad: bool): v128 {
  const m1 = v128.add<T>(v128.mul<T>(b1, v128.load(m)), v128.mul<T>(omb1, grad));
  const v1 = v128.add<T>(v128.mul<T>(b2, v128.load(v)), v128.mul<T>(omb2, v128.mul<T>(grad, grad)));
  v128.store(m, m1);
  v128.store(v, v1);
  let top = v1;
  if (amsgrad) {
    top = v128.max<T>(v128.load(vmax), v1);
    v128.store(vmax, top);
  }
  const step = v128.div<T>(v128.mul<T>(lr, v128.div<T>(m1, bc1)), v128.add<T>(v128.sqrt<T>(v128.div<T>(top, bc2)), eps));
  return v128.sub<T>(pv, step);
}

@inline function adamLane<T>(pv: T, grad: T, m: usize, v: usize, vmax: usize, b1: T, b2: T, omb1: T, omb2: T, lr: T, eps: T, bc1: T, bc2: T, amsgrad: bool): T {
  const m1: T = b1 * load<T>(m) + omb1 * grad;
  const v1: T = b2 * load<T>(v) + omb2 * (grad * grad);
  store<T>(m, m1);
  store<T>(v, v1);
  let top = v1;
  if (amsgrad) {
    top = max<T>(load<T>(vmax), v1);
    store<T>(vmax, top);
  }
  return pv - (lr * (m1 / bc1)) / (sqrt<T>(top / bc2) + eps);
}

export class TorchAdamRule<T> {
  @inline vec(p: usize, grad: v128, m: usize, v: usize, s2: usize, b1: v128, b2: v128, omb1: v128, omb2: v128, lr: v128, eps: v128, bc1: v128, bc2: v128): void {
    v128.store(p, adamVec<T>(v128.load(p), grad, m, v, s2, b1, b2, omb1, omb2, lr, eps, bc1, bc2, false));
  }
  @inline lane(p: usize, grad: T, m: usize, v: usize, s2: usize, b1: T, b2: T, omb1: T, omb2: T, lr: T, eps: T, bc1: T, bc2: T): void {
    store<T>(p, adamLane<T>(load<T>(p), grad, m, v, s2, b1, b2, omb1, omb2, lr, eps, bc1, bc2, false));
  }
}

export class TorchAdamAmsgradRule<T> {
  @inline vec(p: usize, grad: v128, m: usize, v: usize, vmax: usize, b1: v128, b2: v128, omb1: v128, omb2: v128, lr: v128, eps: v128, bc1: v128, bc2: v128): void {
    v128.store(p, adamVec<T>(v128.load(p), grad, m, v, vmax, b1, b2, omb1, omb2, lr, eps, bc1, bc2, true));
  }
  @inline lane(p: usize, grad: T, m: usize, v: usize, vmax: usize, b1: T, b2: T, omb1: T, omb2: T, lr: T, eps: T, bc1: T, bc2: T): void {
    store<T>(p, adamLane<T>(load<T>(p), grad, m, v, vmax, b1, b2, omb1, omb2, lr, eps, bc1, bc2, true));
  }
}

export class TorchAdamWRule<T> {
  @inline vec(p: usize, grad: v128, m: usize, v: usize, s2: usize, b1: v128, b2: v128, lrWd: v128, omb2: v128, lr: v128, eps: v128, bc1: v128, bc2: v128, omb1: v128): void {
    const p0 = v128.load(p);
    const pv = v128.sub<T>(p0, v128.mul<T>(lrWd, p0));
    v128.store(p, adamVec<T>(pv, grad, m, v, s2, b1, b2, omb1, omb2, lr, eps, bc1, bc2, false));
  }
  @inline lane(p: usize, grad: T, m: usize, v: usize, s2: usize, b1: T, b2: T, lrWd: T, omb2: T, lr: T, eps: T, bc1: T, bc2: T, omb1: T): void {
    const p0 = load<T>(p);
    store<T>(p, adamLane<T>(p0 - lrWd * p0, grad, m, v, s2, b1, b2, omb1, omb2, lr, eps, bc1, bc2, false));
  }
}

export class TorchAdamWAmsgradRule<T> {
  @inline vec(p: usize, grad: v128, m: usize, v: usize, vmax: usize, b1: v128, b2: v128, lrWd: v128, omb2: v128, lr: v128, eps: v128, bc1: v128, bc2: v128, omb1: v128): void {
    const p0 = v128.load(p);
    const pv = v128.sub<T>(p0, v128.mul<T>(lrWd, p0));
    v128.store(p, adamVec<T>(pv, grad, m, v, vmax, b1, b2, omb1, omb2, lr, eps, bc1, bc2, true));
  }
  @inline lane(p: usize, grad: T, m: usize, v: usize, vmax: usize, b1: T, b2: T, lrWd: T, omb2: T, lr: T, eps: T, bc1: T, bc2: T, omb1: T): void {
    const p0 = load<T>(p);
    store<T>(p, adamLane<T>(p0 - lrWd * p0, grad, m, v, vmax, b1, b2, omb1, omb2, lr, eps, bc1, bc2, true));
  }
}

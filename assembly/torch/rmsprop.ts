// torch.optim.RMSprop, in the operation order of test/golden/makeTorchGolden.py:
//   v = (alpha*v) + ((1-alpha)*(g*g))
//   centered: gAvg = (gAvg*alpha) + ((1-alpha)*g) ; vt = v - (gAvg*gAvg)     else vt = v
//   momentum: b = (momentum*b) + (g / (sqrt(vt) + eps)) ; p = p - (lr*b)
//   else:     p = p - ((lr*g) / (sqrt(vt) + eps))
//   constants: alpha, oma = 1 - alpha, lr, eps, momentum
// Which buffers exist is fixed when the optimizer is made, so each of the four
// variants is its own kernel with its state packed from s0: squareAvg, then
// gradAvg if centered, then momentumBuffer if momentum > 0.

@inline function squareAvgVec<T>(at: usize, grad: v128, alpha: v128, oma: v128): v128 {
  const v = v128.add<T>(v128.mul<T>(alpha, v128.load(at)), v128.mul<T>(oma, v128.mul<T>(grad, grad)));
  v128.store(at, v);
  return v;
}
@inline function squareAvgLane<T>(at: usize, grad: T, alpha: T, oma: T): T {
  const v: T = alpha * load<T>(at) + oma * (grad * grad);
  store<T>(at, v);
  return v;
}

/** Updates gAvg at `at` and returns the centered estimate v − gAvg². */
@inline function centeredVec<T>(v: v128, at: usize, grad: v128, alpha: v128, oma: v128): v128 {
  const avg = v128.add<T>(v128.mul<T>(v128.load(at), alpha), v128.mul<T>(oma, grad));
  v128.store(at, avg);
  return v128.sub<T>(v, v128.mul<T>(avg, avg));
}
@inline function centeredLane<T>(v: T, at: usize, grad: T, alpha: T, oma: T): T {
  const avg: T = load<T>(at) * alpha + oma * grad;
  store<T>(at, avg);
  return v - avg * avg;
}

@inline function plainStepVec<T>(p: usize, grad: v128, vt: v128, lr: v128, eps: v128): void {
  const step = v128.div<T>(v128.mul<T>(lr, grad), v128.add<T>(v128.sqrt<T>(vt), eps));
  v128.store(p, v128.sub<T>(v128.load(p), step));
}
@inline function plainStepLane<T>(p: usize, grad: T, vt: T, lr: T, eps: T): void {
  store<T>(p, load<T>(p) - (lr * grad) / (sqrt<T>(vt) + eps));
}

@inline function momentumStepVec<T>(p: usize, grad: v128, vt: v128, at: usize, mu: v128, lr: v128, eps: v128): void {
  const b = v128.add<T>(v128.mul<T>(mu, v128.load(at)), v128.div<T>(grad, v128.add<T>(v128.sqrt<T>(vt), eps)));
  v128.store(at, b);
  v128.store(p, v128.sub<T>(v128.load(p), v128.mul<T>(lr, b)));
}
@inline function momentumStepLane<T>(p: usize, grad: T, vt: T, at: usize, mu: T, lr: T, eps: T): void {
  const b: T = mu * load<T>(at) + grad / (sqrt<T>(vt) + eps);
  store<T>(at, b);
  store<T>(p, load<T>(p) - lr * b);
}

export class TorchRmspropRule<T> {
  @inline vec(p: usize, grad: v128, sq: usize, s1: usize, s2: usize, alpha: v128, oma: v128, lr: v128, eps: v128): void {
    plainStepVec<T>(p, grad, squareAvgVec<T>(sq, grad, alpha, oma), lr, eps);
  }
  @inline lane(p: usize, grad: T, sq: usize, s1: usize, s2: usize, alpha: T, oma: T, lr: T, eps: T): void {
    plainStepLane<T>(p, grad, squareAvgLane<T>(sq, grad, alpha, oma), lr, eps);
  }
}

export class TorchRmspropCenteredRule<T> {
  @inline vec(p: usize, grad: v128, sq: usize, avg: usize, s2: usize, alpha: v128, oma: v128, lr: v128, eps: v128): void {
    const v = squareAvgVec<T>(sq, grad, alpha, oma);
    plainStepVec<T>(p, grad, centeredVec<T>(v, avg, grad, alpha, oma), lr, eps);
  }
  @inline lane(p: usize, grad: T, sq: usize, avg: usize, s2: usize, alpha: T, oma: T, lr: T, eps: T): void {
    const v = squareAvgLane<T>(sq, grad, alpha, oma);
    plainStepLane<T>(p, grad, centeredLane<T>(v, avg, grad, alpha, oma), lr, eps);
  }
}

export class TorchRmspropMomentumRule<T> {
  @inline vec(p: usize, grad: v128, sq: usize, buf: usize, s2: usize, alpha: v128, oma: v128, lr: v128, eps: v128, momentum: v128): void {
    momentumStepVec<T>(p, grad, squareAvgVec<T>(sq, grad, alpha, oma), buf, momentum, lr, eps);
  }
  @inline lane(p: usize, grad: T, sq: usize, buf: usize, s2: usize, alpha: T, oma: T, lr: T, eps: T, momentum: T): void {
    momentumStepLane<T>(p, grad, squareAvgLane<T>(sq, grad, alpha, oma), buf, momentum, lr, eps);
  }
}

export class TorchRmspropCenteredMomentumRule<T> {
  @inline vec(p: usize, grad: v128, sq: usize, avg: usize, buf: usize, alpha: v128, oma: v128, lr: v128, eps: v128, momentum: v128): void {
    const v = squareAvgVec<T>(sq, grad, alpha, oma);
    momentumStepVec<T>(p, grad, centeredVec<T>(v, avg, grad, alpha, oma), buf, momentum, lr, eps);
  }
  @inline lane(p: usize, grad: T, sq: usize, avg: usize, buf: usize, alpha: T, oma: T, lr: T, eps: T, momentum: T): void {
    const v = squareAvgLane<T>(sq, grad, alpha, oma);
    momentumStepLane<T>(p, grad, centeredLane<T>(v, avg, grad, alpha, oma), buf, momentum, lr, eps);
  }
}

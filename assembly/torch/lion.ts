// Lion (Chen et al. 2023; optax.lion), in the operation order of test/golden/makeTorchGolden.py:
//   u = sign((beta1*m) + ((1-beta1)*g))         sign as NumPy's: ±1, 0 for ±0, NaN kept
//   with decay: u = u + (wd*p)                  (decoupled; p before this step)
//   p = p - (lr*u)
//   m = (beta2*m) + ((1-beta2)*g)
//   constants: b1, omb1 = 1 - beta1, b2, omb2 = 1 - beta2, lr, wd (the decay variant only)
// The decay is a variant of its own, not u + 0*p: that would turn an infinite p into NaN.

/** sign(x) lane-wise: 1 where x > 0, −1 where x < 0, +0 where x is ±0, x itself where NaN. */
@inline function signVec<T>(x: v128): v128 {
  const zero = v128.splat<T>(<T>0);
  const pos = v128.and(v128.gt<T>(x, zero), v128.splat<T>(<T>1));
  const neg = v128.and(v128.lt<T>(x, zero), v128.splat<T>(<T>-1));
  return v128.bitselect(x, v128.or(pos, neg), v128.ne<T>(x, x));
}
@inline function signLane<T>(x: T): T {
  return x > <T>0 ? <T>1 : x < <T>0 ? <T>-1 : x == <T>0 ? <T>0 : x;
}

@inline function directionVec<T>(grad: v128, m: usize, b1: v128, omb1: v128): v128 {
  return signVec<T>(v128.add<T>(v128.mul<T>(b1, v128.load(m)), v128.mul<T>(omb1, grad)));
}
@inline function directionLane<T>(grad: T, m: usize, b1: T, omb1: T): T {
  return signLane<T>(b1 * load<T>(m) + omb1 * grad);
}

@inline function finishVec<T>(p: usize, u: v128, grad: v128, m: usize, b2: v128, omb2: v128, lr: v128): void {
  v128.store(p, v128.sub<T>(v128.load(p), v128.mul<T>(lr, u)));
  v128.store(m, v128.add<T>(v128.mul<T>(b2, v128.load(m)), v128.mul<T>(omb2, grad)));
}
@inline function finishLane<T>(p: usize, u: T, grad: T, m: usize, b2: T, omb2: T, lr: T): void {
  store<T>(p, load<T>(p) - lr * u);
  store<T>(m, b2 * load<T>(m) + omb2 * grad);
}

export class TorchLionRule<T> {
  @inline vec(p: usize, grad: v128, m: usize, s1: usize, s2: usize, b1: v128, omb1: v128, b2: v128, omb2: v128, lr: v128): void {
    finishVec<T>(p, directionVec<T>(grad, m, b1, omb1), grad, m, b2, omb2, lr);
  }
  @inline lane(p: usize, grad: T, m: usize, s1: usize, s2: usize, b1: T, omb1: T, b2: T, omb2: T, lr: T): void {
    finishLane<T>(p, directionLane<T>(grad, m, b1, omb1), grad, m, b2, omb2, lr);
  }
}

export class TorchLionDecayRule<T> {
  @inline vec(p: usize, grad: v128, m: usize, s1: usize, s2: usize, b1: v128, omb1: v128, b2: v128, omb2: v128, lr: v128, wd: v128): void {
    const u = v128.add<T>(directionVec<T>(grad, m, b1, omb1), v128.mul<T>(wd, v128.load(p)));
    finishVec<T>(p, u, grad, m, b2, omb2, lr);
  }
  @inline lane(p: usize, grad: T, m: usize, s1: usize, s2: usize, b1: T, omb1: T, b2: T, omb2: T, lr: T, wd: T): void {
    finishLane<T>(p, directionLane<T>(grad, m, b1, omb1) + wd * load<T>(p), grad, m, b2, omb2, lr);
  }
}

// torch.optim.SGD with momentum, in the operation order of test/golden/makeTorchGolden.py
// (with momentum 0 it is the seed's `sgd` kernel, p = p - (lr*g), and keeps no state):
//   first step:  b = g                                  (PyTorch starts the buffer at the gradient)
//   later steps: b = (momentum*b) + ((1-dampening)*g)
//   nesterov:    p = p - (lr*(g + (momentum*b)))        else p = p - (lr*b)
//   constants: lr, momentum, omd = 1 - dampening
// The four kernels are one rule with two compile-time switches.

@inline function sgdVec<T>(p: usize, grad: v128, b: usize, lr: v128, mom: v128, omd: v128, first: bool, nesterov: bool): void {
  const buf = first ? grad : v128.add<T>(v128.mul<T>(mom, v128.load(b)), v128.mul<T>(omd, grad));
  v128.store(b, buf);
  const d = nesterov ? v128.add<T>(grad, v128.mul<T>(mom, buf)) : buf;
  v128.store(p, v128.sub<T>(v128.load(p), v128.mul<T>(lr, d)));
}

@inline function sgdLane<T>(p: usize, grad: T, b: usize, lr: T, mom: T, omd: T, first: bool, nesterov: bool): void {
  const buf: T = first ? grad : mom * load<T>(b) + omd * grad;
  store<T>(b, buf);
  const d: T = nesterov ? grad + mom * buf : buf;
  store<T>(p, load<T>(p) - lr * d);
}

export class TorchSgdFirstRule<T> {
  @inline vec(p: usize, grad: v128, b: usize, s1: usize, s2: usize, lr: v128, momentum: v128, omd: v128): void {
    sgdVec<T>(p, grad, b, lr, momentum, omd, true, false);
  }
  @inline lane(p: usize, grad: T, b: usize, s1: usize, s2: usize, lr: T, momentum: T, omd: T): void {
    sgdLane<T>(p, grad, b, lr, momentum, omd, true, false);
  }
}

export class TorchSgdMomentumRule<T> {
  @inline vec(p: usize, grad: v128, b: usize, s1: usize, s2: usize, lr: v128, momentum: v128, omd: v128): void {
    sgdVec<T>(p, grad, b, lr, momentum, omd, false, false);
  }
  @inline lane(p: usize, grad: T, b: usize, s1: usize, s2: usize, lr: T, momentum: T, omd: T): void {
    sgdLane<T>(p, grad, b, lr, momentum, omd, false, false);
  }
}

export class TorchSgdNesterovFirstRule<T> {
  @inline vec(p: usize, grad: v128, b: usize, s1: usize, s2: usize, lr: v128, momentum: v128, omd: v128): void {
    sgdVec<T>(p, grad, b, lr, momentum, omd, true, true);
  }
  @inline lane(p: usize, grad: T, b: usize, s1: usize, s2: usize, lr: T, momentum: T, omd: T): void {
    sgdLane<T>(p, grad, b, lr, momentum, omd, true, true);
  }
}

export class TorchSgdNesterovRule<T> {
  @inline vec(p: usize, grad: v128, b: usize, s1: usize, s2: usize, lr: v128, momentum: v128, omd: v128): void {
    sgdVec<T>(p, grad, b, lr, momentum, omd, false, true);
  }
  @inline lane(p: usize, grad: T, b: usize, s1: usize, s2: usize, lr: T, momentum: T, omd: T): void {
    sgdLane<T>(p, grad, b, lr, momentum, omd, false, true);
  }
}

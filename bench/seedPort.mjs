// The seed's classes ported to plain JavaScript the way a careful JS user
// would: the same dict-of-arrays API, one fused loop per key, loop-invariant
// scalars hoisted into locals. This is the baseline every benchmark divides by.
// (Adam uses Math.pow for beta**t, as a JS port naturally would; that only
// affects lr_t's last bit, not the speed.)

export class SGD {
  constructor(lr = 0.01) {
    this.lr = lr;
  }
  update(params, grads) {
    const lr = this.lr;
    for (const key in params) {
      const p = params[key], g = grads[key];
      for (let i = 0; i < p.length; i++) p[i] -= lr * g[i];
    }
  }
}

const zerosLike = (params) => Object.fromEntries(Object.keys(params).map((k) => [k, new Float64Array(params[k].length)]));

export class Momentum {
  constructor(lr = 0.01, momentum = 0.9) {
    this.lr = lr;
    this.momentum = momentum;
    this.v = null;
  }
  update(params, grads) {
    if (this.v === null) this.v = zerosLike(params);
    const lr = this.lr, mu = this.momentum;
    for (const key in params) {
      const p = params[key], g = grads[key], v = this.v[key];
      for (let i = 0; i < p.length; i++) {
        v[i] = mu * v[i] - lr * g[i];
        p[i] += v[i];
      }
    }
  }
}

export class Nesterov {
  constructor(lr = 0.01, momentum = 0.9) {
    this.lr = lr;
    this.momentum = momentum;
    this.v = null;
  }
  update(params, grads) {
    if (this.v === null) this.v = zerosLike(params);
    const lr = this.lr, mu = this.momentum, mu2 = mu * mu, step = (1 + mu) * lr;
    for (const key in params) {
      const p = params[key], g = grads[key], v = this.v[key];
      for (let i = 0; i < p.length; i++) {
        p[i] += mu2 * v[i];
        p[i] -= step * g[i];
        v[i] *= mu;
        v[i] -= lr * g[i];
      }
    }
  }
}

export class AdaGrad {
  constructor(lr = 0.01) {
    this.lr = lr;
    this.h = null;
  }
  update(params, grads) {
    if (this.h === null) this.h = zerosLike(params);
    const lr = this.lr;
    for (const key in params) {
      const p = params[key], g = grads[key], h = this.h[key];
      for (let i = 0; i < p.length; i++) {
        h[i] += g[i] * g[i];
        p[i] -= (lr * g[i]) / (Math.sqrt(h[i]) + 1e-7);
      }
    }
  }
}

export class RMSProp {
  constructor(lr = 0.01, decayRate = 0.9) {
    this.lr = lr;
    this.decayRate = decayRate;
    this.h = null;
  }
  update(params, grads) {
    if (this.h === null) this.h = zerosLike(params);
    const lr = this.lr, d = this.decayRate, oneMinusD = 1 - d;
    for (const key in params) {
      const p = params[key], g = grads[key], h = this.h[key];
      for (let i = 0; i < p.length; i++) {
        h[i] *= d;
        h[i] += oneMinusD * g[i] * g[i];
        p[i] -= (lr * g[i]) / (Math.sqrt(h[i]) + 1e-7);
      }
    }
  }
}

export class Adam {
  constructor(lr = 0.001, beta1 = 0.9, beta2 = 0.999) {
    this.lr = lr;
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.m = null;
    this.v = null;
    this.iter = 0;
  }
  update(params, grads) {
    if (this.m === null) {
      this.m = zerosLike(params);
      this.v = zerosLike(params);
    }
    this.iter += 1;
    const lrT = (this.lr * Math.sqrt(1.0 - this.beta2 ** this.iter)) / (1.0 - this.beta1 ** this.iter);
    const b1c = 1 - this.beta1, b2c = 1 - this.beta2;
    for (const key in params) {
      const p = params[key], g = grads[key], m = this.m[key], v = this.v[key];
      for (let i = 0; i < p.length; i++) {
        m[i] += b1c * (g[i] - m[i]);
        v[i] += b2c * (g[i] * g[i] - v[i]);
        p[i] -= (lrT * m[i]) / (Math.sqrt(v[i]) + 1e-7);
      }
    }
  }
}

// torch.optim's algorithms ported to plain JavaScript the way a JS user would
// write them from PyTorch's documentation (the algorithm box of each class),
// with PyTorch's defaults and option names in camelCase: the baseline of the
// bench's torch rows, as seedPort.mjs is for the seed's. Same dict-of-arrays
// API as the seed port: `update(params, grads)` in place, state arrays keyed
// by parameter name (`opt.state[key].expAvg`), made lazily like the params
// (so a Float32Array dict gets Float32Array state), one step counter per
// optimizer, per-step scalars hoisted out of the loops. Powers use `**`, as a
// port naturally would. Lion is not in torch.optim: it follows its paper and
// optax.lion, with simd-optim's defaults. LAMB follows Optax's `lamb`, with
// simd-optim's option names. Adafactor and LAMB reduce over a key (norms,
// RMS); the ports sum plainly from the first element, as a user would, not in
// simd-optim's fixed chunked order, so they agree with it to rounding, not to
// the bit. Adafactor needs each key's matrix shape, which a Float64Array does
// not carry: like simd-optim it takes a `shapes: { key: [rows, cols] }`
// option (a key without one, or of one dimension, keeps the unfactored
// second moment).

/** The per-key state object, made on first use with one array per name, filled with `initial`. */
function stateOf(opt, key, p, names, initial = 0) {
  let s = opt.state[key];
  if (s === undefined) {
    s = {};
    for (const name of names) s[name] = new p.constructor(p.length).fill(initial);
    opt.state[key] = s;
  }
  return s;
}

/** What every port holds: its hyperparameters as fields, the per-key state, the step count. */
class PortOptimizer {
  constructor(hyperparameters) {
    Object.assign(this, hyperparameters);
    this.state = {};
    this.step = 0;
  }
}

export class SGD extends PortOptimizer {
  constructor({ lr = 1e-3, momentum = 0, dampening = 0, weightDecay = 0, nesterov = false } = {}) {
    super({ lr, momentum, dampening, weightDecay, nesterov });
  }
  update(params, grads) {
    this.step += 1;
    const { lr, momentum: mu, weightDecay: wd, nesterov } = this;
    const first = this.step === 1, oneMinusDampening = 1 - this.dampening;
    for (const key in params) {
      const p = params[key], g = grads[key];
      if (mu === 0) {
        for (let i = 0; i < p.length; i++) p[i] -= lr * (wd === 0 ? g[i] : g[i] + wd * p[i]);
        continue;
      }
      const b = stateOf(this, key, p, ['momentumBuffer']).momentumBuffer;
      for (let i = 0; i < p.length; i++) {
        const gi = wd === 0 ? g[i] : g[i] + wd * p[i];
        // The buffer starts at the first gradient, undamped.
        const bi = first ? gi : mu * b[i] + oneMinusDampening * gi;
        b[i] = bi;
        p[i] -= lr * (nesterov ? gi + mu * bi : bi);
      }
    }
  }
}

export class Adam extends PortOptimizer {
  constructor({ lr = 1e-3, betas = [0.9, 0.999], eps = 1e-8, weightDecay = 0, amsgrad = false } = {}) {
    super({ lr, betas, eps, weightDecay, amsgrad });
  }
  /** Adam adds L2 to the gradient; AdamW overrides this pair to decay the weights instead. */
  get l2() {
    return this.weightDecay;
  }
  get decoupled() {
    return 0;
  }
  update(params, grads) {
    this.step += 1;
    const [b1, b2] = this.betas;
    const { lr, eps, amsgrad } = this;
    const wd = this.l2, shrink = 1 - lr * this.decoupled;
    const bc1 = 1 - b1 ** this.step, bc2 = 1 - b2 ** this.step;
    const names = amsgrad ? ['expAvg', 'expAvgSq', 'maxExpAvgSq'] : ['expAvg', 'expAvgSq'];
    for (const key in params) {
      const p = params[key], g = grads[key];
      const s = stateOf(this, key, p, names);
      const m = s.expAvg, v = s.expAvgSq, vmax = s.maxExpAvgSq;
      for (let i = 0; i < p.length; i++) {
        const pi = shrink === 1 ? p[i] : shrink * p[i];
        const gi = wd === 0 ? g[i] : g[i] + wd * pi;
        m[i] = b1 * m[i] + (1 - b1) * gi;
        v[i] = b2 * v[i] + (1 - b2) * gi * gi;
        let vi = v[i];
        if (amsgrad) vi = vmax[i] = Math.max(vmax[i], vi);
        p[i] = pi - (lr * (m[i] / bc1)) / (Math.sqrt(vi / bc2) + eps);
      }
    }
  }
}

export class AdamW extends Adam {
  constructor({ weightDecay = 1e-2, ...rest } = {}) {
    super({ weightDecay, ...rest });
  }
  get l2() {
    return 0;
  }
  get decoupled() {
    return this.weightDecay;
  }
}

export class RMSprop extends PortOptimizer {
  constructor({ lr = 1e-2, alpha = 0.99, eps = 1e-8, weightDecay = 0, momentum = 0, centered = false } = {}) {
    super({ lr, alpha, eps, weightDecay, momentum, centered });
  }
  update(params, grads) {
    const { lr, alpha, eps, weightDecay: wd, momentum: mu, centered } = this;
    const names = ['squareAvg', ...(centered ? ['gradAvg'] : []), ...(mu > 0 ? ['momentumBuffer'] : [])];
    for (const key in params) {
      const p = params[key], g = grads[key];
      const s = stateOf(this, key, p, names);
      const v = s.squareAvg, gAvg = s.gradAvg, b = s.momentumBuffer;
      for (let i = 0; i < p.length; i++) {
        const gi = wd === 0 ? g[i] : g[i] + wd * p[i];
        v[i] = alpha * v[i] + (1 - alpha) * gi * gi;
        let vt = v[i];
        if (centered) {
          gAvg[i] = alpha * gAvg[i] + (1 - alpha) * gi;
          vt -= gAvg[i] * gAvg[i];
        }
        if (mu > 0) {
          b[i] = mu * b[i] + gi / (Math.sqrt(vt) + eps);
          p[i] -= lr * b[i];
        } else {
          p[i] -= (lr * gi) / (Math.sqrt(vt) + eps);
        }
      }
    }
  }
}

export class Adagrad extends PortOptimizer {
  constructor({ lr = 1e-2, lrDecay = 0, weightDecay = 0, initialAccumulatorValue = 0, eps = 1e-10 } = {}) {
    super({ lr, lrDecay, weightDecay, initialAccumulatorValue, eps });
  }
  update(params, grads) {
    this.step += 1;
    const { eps, weightDecay: wd } = this;
    const clr = this.lr / (1 + (this.step - 1) * this.lrDecay);
    for (const key in params) {
      const p = params[key], g = grads[key];
      const sum = stateOf(this, key, p, ['sum'], this.initialAccumulatorValue).sum;
      for (let i = 0; i < p.length; i++) {
        const gi = wd === 0 ? g[i] : g[i] + wd * p[i];
        sum[i] += gi * gi;
        p[i] -= (clr * gi) / (Math.sqrt(sum[i]) + eps);
      }
    }
  }
}

export class Adamax extends PortOptimizer {
  constructor({ lr = 2e-3, betas = [0.9, 0.999], eps = 1e-8, weightDecay = 0 } = {}) {
    super({ lr, betas, eps, weightDecay });
  }
  update(params, grads) {
    this.step += 1;
    const [b1, b2] = this.betas;
    const { lr, eps, weightDecay: wd } = this;
    const bc1 = 1 - b1 ** this.step;
    for (const key in params) {
      const p = params[key], g = grads[key];
      const s = stateOf(this, key, p, ['expAvg', 'expInf']);
      const m = s.expAvg, u = s.expInf;
      for (let i = 0; i < p.length; i++) {
        const gi = wd === 0 ? g[i] : g[i] + wd * p[i];
        m[i] = b1 * m[i] + (1 - b1) * gi;
        u[i] = Math.max(b2 * u[i], Math.abs(gi) + eps);
        p[i] -= (lr * m[i]) / (bc1 * u[i]);
      }
    }
  }
}

export class NAdam extends PortOptimizer {
  constructor({ lr = 2e-3, betas = [0.9, 0.999], eps = 1e-8, weightDecay = 0, momentumDecay = 4e-3 } = {}) {
    super({ lr, betas, eps, weightDecay, momentumDecay });
    this.muProduct = 1;
  }
  update(params, grads) {
    const t = (this.step += 1);
    const [b1, b2] = this.betas;
    const { lr, eps, weightDecay: wd, momentumDecay: psi } = this;
    const mu = b1 * (1 - 0.5 * 0.96 ** (t * psi));
    const muNext = b1 * (1 - 0.5 * 0.96 ** ((t + 1) * psi));
    this.muProduct *= mu;
    const c1 = 1 - this.muProduct * muNext, c2 = 1 - this.muProduct, bc2 = 1 - b2 ** t;
    for (const key in params) {
      const p = params[key], g = grads[key];
      const s = stateOf(this, key, p, ['expAvg', 'expAvgSq']);
      const m = s.expAvg, v = s.expAvgSq;
      for (let i = 0; i < p.length; i++) {
        const gi = wd === 0 ? g[i] : g[i] + wd * p[i];
        m[i] = b1 * m[i] + (1 - b1) * gi;
        v[i] = b2 * v[i] + (1 - b2) * gi * gi;
        const mHat = (muNext * m[i]) / c1 + ((1 - mu) * gi) / c2;
        p[i] -= (lr * mHat) / (Math.sqrt(v[i] / bc2) + eps);
      }
    }
  }
}

export class RAdam extends PortOptimizer {
  constructor({ lr = 1e-3, betas = [0.9, 0.999], eps = 1e-8, weightDecay = 0 } = {}) {
    super({ lr, betas, eps, weightDecay });
  }
  update(params, grads) {
    const t = (this.step += 1);
    const [b1, b2] = this.betas;
    const { lr, eps, weightDecay: wd } = this;
    const bc1 = 1 - b1 ** t, b2t = b2 ** t;
    const rhoInf = 2 / (1 - b2) - 1;
    const rhoT = rhoInf - (2 * t * b2t) / (1 - b2t);
    // The variance is tractable only once ρ_t > 5; before, the step is plain momentum.
    const rect = rhoT > 5 ? Math.sqrt(((rhoT - 4) * (rhoT - 2) * rhoInf) / ((rhoInf - 4) * (rhoInf - 2) * rhoT)) : 0;
    const sqrtBc2 = Math.sqrt(1 - b2t);
    for (const key in params) {
      const p = params[key], g = grads[key];
      const s = stateOf(this, key, p, ['expAvg', 'expAvgSq']);
      const m = s.expAvg, v = s.expAvgSq;
      for (let i = 0; i < p.length; i++) {
        const gi = wd === 0 ? g[i] : g[i] + wd * p[i];
        m[i] = b1 * m[i] + (1 - b1) * gi;
        v[i] = b2 * v[i] + (1 - b2) * gi * gi;
        const mHat = m[i] / bc1;
        p[i] -= rect === 0 ? lr * mHat : lr * mHat * rect * (sqrtBc2 / (Math.sqrt(v[i]) + eps));
      }
    }
  }
}

export class Adadelta extends PortOptimizer {
  constructor({ lr = 1.0, rho = 0.9, eps = 1e-6, weightDecay = 0 } = {}) {
    super({ lr, rho, eps, weightDecay });
  }
  update(params, grads) {
    const { lr, rho, eps, weightDecay: wd } = this;
    for (const key in params) {
      const p = params[key], g = grads[key];
      const s = stateOf(this, key, p, ['squareAvg', 'accDelta']);
      const v = s.squareAvg, u = s.accDelta;
      for (let i = 0; i < p.length; i++) {
        const gi = wd === 0 ? g[i] : g[i] + wd * p[i];
        v[i] = rho * v[i] + (1 - rho) * gi * gi;
        const delta = (Math.sqrt(u[i] + eps) / Math.sqrt(v[i] + eps)) * gi;
        u[i] = rho * u[i] + (1 - rho) * delta * delta;
        p[i] -= lr * delta;
      }
    }
  }
}

export class Lion extends PortOptimizer {
  constructor({ lr = 1e-3, betas = [0.9, 0.99], weightDecay = 0 } = {}) {
    super({ lr, betas, weightDecay });
  }
  update(params, grads) {
    const [b1, b2] = this.betas;
    const { lr, weightDecay: wd } = this;
    for (const key in params) {
      const p = params[key], g = grads[key];
      const m = stateOf(this, key, p, ['expAvg']).expAvg;
      for (let i = 0; i < p.length; i++) {
        const c = b1 * m[i] + (1 - b1) * g[i];
        p[i] -= lr * (wd === 0 ? Math.sign(c) : Math.sign(c) + wd * p[i]);
        m[i] = b2 * m[i] + (1 - b2) * g[i];
      }
    }
  }
}

/** Σ x², summed in index order. */
function sumOfSquares(x) {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i] * x[i];
  return s;
}

/** A scratch array per key for an update direction that is reduced before it is applied. */
function scratchOf(opt, key, p) {
  opt.scratch ??= {};
  return (opt.scratch[key] ??= new p.constructor(p.length));
}

export class Adafactor extends PortOptimizer {
  constructor({ lr = 1e-2, beta2Decay = -0.8, eps1 = null, eps2 = 1e-3, d = 1.0, weightDecay = 0, shapes = {} } = {}) {
    super({ lr, beta2Decay, eps1, eps2, d, weightDecay, shapes });
  }
  /** A key of 2+ dims is B matrices of R × C (the last two dims); anything else is one vector. */
  matricesOf(key, n) {
    const dims = this.shapes[key];
    if (dims === undefined || dims.length < 2) return null;
    const [r, c] = dims.slice(-2);
    return { b: n / (r * c), r, c };
  }
  /** Per key: the row and column factors of each matrix (torch's row_var, col_var), or the full second moment. */
  stateFor(key, p) {
    let s = this.state[key];
    if (s !== undefined) return s;
    const m = this.matricesOf(key, p.length);
    const A = p.constructor;
    s = m === null ? { variance: new A(p.length) } : { rowVar: new A(m.b * m.r), colVar: new A(m.b * m.c) };
    return (this.state[key] = s);
  }
  update(params, grads) {
    const t = (this.step += 1);
    const { lr, eps2, d, weightDecay: wd } = this;
    const beta2t = 1 - t ** this.beta2Decay;
    const rho = Math.min(lr, 1 / Math.sqrt(t));
    for (const key in params) {
      const p = params[key], g = grads[key], n = p.length;
      // PyTorch's default eps1 is the dtype's machine epsilon.
      const eps1 = this.eps1 ?? (p instanceof Float32Array ? 2 ** -23 : Number.EPSILON);
      const alpha = Math.max(eps2, Math.sqrt(sumOfSquares(p) / n)) * rho;
      if (wd !== 0) for (let i = 0; i < n; i++) p[i] -= lr * wd * p[i];
      const s = this.stateFor(key, p);
      const u = scratchOf(this, key, p);
      const m = this.matricesOf(key, n);
      if (m === null) {
        const v = s.variance;
        for (let i = 0; i < n; i++) {
          v[i] = beta2t * v[i] + (1 - beta2t) * g[i] * g[i];
          u[i] = g[i] / Math.max(Math.sqrt(v[i]), eps1);
        }
      } else {
        this.factoredDirection(g, s, u, m, beta2t, eps1);
      }
      // Update clipping: the step's RMS is at most d.
      const denom = Math.max(1, Math.sqrt(sumOfSquares(u) / n) / d);
      for (let i = 0; i < n; i++) p[i] -= alpha * (u[i] / denom);
    }
  }
  /** U = G / max(√V̂, eps1) for each R × C matrix, V̂ = row ⊗ col / mean(row), the factors updated first with means of G². */
  factoredDirection(g, { rowVar, colVar }, u, { b, r, c }, beta2t, eps1) {
    for (let k = 0; k < b; k++) {
      const base = k * r * c, row = rowVar.subarray(k * r, (k + 1) * r), col = colVar.subarray(k * c, (k + 1) * c);
      const colSums = new Float64Array(c);
      let rowTotal = 0;
      for (let i = 0; i < r; i++) {
        let rowSum = 0;
        for (let j = 0; j < c; j++) {
          const gij = g[base + i * c + j];
          rowSum += gij * gij;
          colSums[j] += gij * gij;
        }
        row[i] = beta2t * row[i] + (1 - beta2t) * (rowSum / c);
        rowTotal += row[i];
      }
      for (let j = 0; j < c; j++) col[j] = beta2t * col[j] + (1 - beta2t) * (colSums[j] / r);
      const den = Math.max(rowTotal / r, eps1);
      for (let i = 0; i < r; i++) {
        for (let j = 0; j < c; j++) {
          const at = base + i * c + j;
          u[at] = g[at] / Math.max(Math.sqrt((row[i] * col[j]) / den), eps1);
        }
      }
    }
  }
}

export class LAMB extends PortOptimizer {
  constructor({ lr = 1e-3, beta1 = 0.9, beta2 = 0.999, eps = 1e-6, weightDecay = 0 } = {}) {
    super({ lr, beta1, beta2, eps, weightDecay });
  }
  update(params, grads) {
    const t = (this.step += 1);
    const { lr, beta1: b1, beta2: b2, eps, weightDecay: wd } = this;
    const bc1 = 1 - b1 ** t, bc2 = 1 - b2 ** t;
    for (const key in params) {
      const p = params[key], g = grads[key];
      const s = stateOf(this, key, p, ['mu', 'nu']);
      const m = s.mu, v = s.nu;
      const u = scratchOf(this, key, p);
      for (let i = 0; i < p.length; i++) {
        m[i] = b1 * m[i] + (1 - b1) * g[i];
        v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
        u[i] = m[i] / bc1 / (Math.sqrt(v[i] / bc2) + eps) + wd * p[i];
      }
      // The trust ratio ‖p‖ / ‖u‖ scales the whole key's step; 1 where either norm is 0.
      const pn = Math.sqrt(sumOfSquares(p)), un = Math.sqrt(sumOfSquares(u));
      const ratio = pn === 0 || un === 0 ? 1 : pn / un;
      for (let i = 0; i < p.length; i++) p[i] -= lr * ratio * u[i];
    }
  }
}

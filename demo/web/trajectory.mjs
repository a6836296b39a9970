// The book's figure 6-8 problem, run by simd-optim's kernels: f(x, y) = x²/20 + y²,
// whose gradient (x/10, 2y) is 20 times steeper in y than in x. That anisotropy
// is what makes SGD zigzag.
import { AdaGrad, Adam, Momentum, Nesterov, ParamSet, RMSProp, SGD, backend } from 'simd-optim';

export { backend };

export const f = (x, y) => (x * x) / 20 + y * y;

/** The book's settings: start (-7, 2), 30 steps, and its learning rates (Nesterov and RMSProp are extras). */
export const BOOK = {
  start: [-7, 2],
  steps: 30,
  lr: { SGD: 0.95, Momentum: 0.1, Nesterov: 0.1, AdaGrad: 1.5, RMSProp: 0.1, Adam: 0.3 },
  shown: ['SGD', 'Momentum', 'AdaGrad', 'Adam'],
};

const CLASSES = { SGD, Momentum, Nesterov, AdaGrad, RMSProp, Adam };
export const NAMES = Object.keys(CLASSES);

/**
 * One optimizer on one ParamSet for the page's whole life: a rerun resets the
 * optimizer instead of making new ones, so dragging the start point around
 * allocates no new WebAssembly memory.
 */
export class Runner {
  constructor(name) {
    this.name = name;
    this.set = new ParamSet({ x: 1, y: 1 });
    this.opt = new CLASSES[name]({ lr: BOOK.lr[name] });
  }

  /** The points visited from `start` in `steps` updates at learning rate `lr`, start included. */
  run(lr, [x0, y0], steps) {
    const { params, grads } = this.set;
    this.opt.reset();
    this.opt.lr = lr;
    params.x[0] = x0;
    params.y[0] = y0;
    const points = [[x0, y0]];
    for (let t = 0; t < steps; t++) {
      grads.x[0] = params.x[0] / 10;
      grads.y[0] = 2 * params.y[0];
      this.opt.update(params, grads);
      points.push([params.x[0], params.y[0]]);
    }
    return { points, path: this.opt.lastPath };
  }
}

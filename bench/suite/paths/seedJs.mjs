// The baseline: the optimizers ported to plain JavaScript, the seed's classes
// (bench/seedPort.mjs) for the seed's rows and PyTorch's documented algorithms
// (bench/torchPort.mjs) for the torch rows. The f64 variant is what every
// "× plain JS" divides by; the f32 variant is the same code on Float32Arrays,
// the baseline of simd-optim's f32 paths.
import { ARRAY_OF, copyDict } from '../data.mjs';

/**
 * The seed port allocates its state lazily as Float64Arrays. For the f32
 * baseline every state field it leaves null until the first update is filled
 * beforehand with Float32Arrays, so the whole update runs on float32 storage,
 * as a user porting the seed to Float32Array would write it.
 */
function giveStateOf(opt, params, dtype) {
  for (const field of Object.keys(opt)) {
    if (opt[field] !== null) continue;
    opt[field] = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, new ARRAY_OF[dtype](v.length)]));
  }
}

function seedPath(dtype) {
  return {
    id: dtype === 'f64' ? 'seed-js' : 'seed-js-f32',
    label: dtype === 'f64' ? 'plain JS port (of the book’s classes or PyTorch’s algorithms)' : 'plain JS port on Float32Array (of the book’s classes or PyTorch’s algorithms)',
    short: dtype === 'f64' ? 'plain JS' : 'plain JS f32',
    dtype,
    role: 'baseline',
    supports: (optimizer) => typeof optimizer.port === 'function',
    setup({ optimizer, size, data, lib }) {
      const params = copyDict(data.params, dtype);
      const grads = copyDict(data.grads, dtype);
      // Each dtype has its own instance of each port module (lib.ports[family][dtype]),
      // so V8's type feedback for the f64 loops never sees a Float32Array:
      // sharing one class would make the baseline polymorphic and slower.
      const opt = optimizer.port(lib.ports[optimizer.family][dtype], size);
      // The torch port makes its state like the params; the seed port needs it given.
      if (dtype !== 'f64' && optimizer.family === 'seed') giveStateOf(opt, params, dtype);
      return {
        run(k) {
          for (let i = 0; i < k; i++) opt.update(params, grads);
        },
        check() {
          const p = Object.values(params)[0];
          return p.every(Number.isFinite) ? [] : ['params went non-finite'];
        },
      };
    },
  };
}

export const seedJsPath = seedPath('f64');
export const seedJsF32Path = seedPath('f32');

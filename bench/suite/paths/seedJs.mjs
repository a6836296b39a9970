// The baseline: the optimizers ported to plain JavaScript, the seed's classes
// (bench/seedPort.mjs) for the seed's rows and PyTorch's documented algorithms
// (bench/torchPort.mjs) for the torch rows. The f64 variant is what every
// "× plain JS" divides by; the f32 variant is the same code on Float32Arrays,
// the baseline of simd-optim's f32 paths.
import { ARRAY_OF, copyDict } from '../data.mjs';
import { caseTag, compilePort } from './freshPort.mjs';

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
    async setup({ optimizer, size, data, lib }) {
      const params = copyDict(data.params, dtype);
      const grads = copyDict(data.grads, dtype);
      // Each case (optimizer, dtype, size) runs its own copy of the port,
      // compiled from the port's source text (lib.portSources[family]), so its
      // loops have seen one dtype, one dict and one optimizer: see freshPort.mjs.
      const port = await compilePort(lib.portSources[optimizer.family], caseTag({ optimizer, dtype, size }));
      const opt = optimizer.port(port, size);
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

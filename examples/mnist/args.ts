// Command-line options of the example.
import type { Dtype } from './floatArray.js';

export type BackendChoice = 'both' | 'wasm' | 'js';

export interface Args {
  iters: number;
  backend: BackendChoice;
  dtype: Dtype;
  seed: number;
  /** Where the SVG goes; null: the default for this run. */
  svg: string | null;
}

export const USAGE = `usage: npm run example:mnist -- [options]
  --iters N               iterations per optimizer (default 2000, the book's)
  --backend both|wasm|js  'wasm': simd-optim; 'js': the package's pure-JS optimizers;
                          'both' (default): each optimizer trained once on each, to time the update
  --dtype f64|f32         element type of data, activations, params and grads (default f64)
  --seed N                seed of the split, the init and the batches (default 1)
  --svg PATH              where to write the loss curves (default examples/mnist/out/loss-curves.svg
                          for 2000 iterations, examples/mnist/build/ otherwise)`;

export function parseArgs(argv: readonly string[]): Args {
  const args: Args = { iters: 2000, backend: 'both', dtype: 'f64', seed: 1, svg: null };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`${flag} needs a value`);
      return v;
    };
    const integer = (min: number): number => {
      const v = value();
      const n = Number(v);
      if (!Number.isSafeInteger(n) || n < min) throw new UsageError(`${flag} must be an integer >= ${min}, got '${v}'`);
      return n;
    };
    const oneOf = <T extends string>(choices: readonly T[]): T => {
      const v = value();
      if (!(choices as readonly string[]).includes(v)) throw new UsageError(`${flag} must be one of ${choices.join(', ')}, got '${v}'`);
      return v as T;
    };
    switch (flag) {
      case '--iters': args.iters = integer(20); break;
      case '--backend': args.backend = oneOf(['both', 'wasm', 'js'] as const); break;
      case '--dtype': args.dtype = oneOf(['f64', 'f32'] as const); break;
      case '--seed': args.seed = integer(0); break;
      case '--svg': args.svg = value(); break;
      case '--help': case '-h': throw new UsageError('');
      default: throw new UsageError(`unknown option '${flag}'`);
    }
  }
  return args;
}

export class UsageError extends Error {}

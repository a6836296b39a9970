import * as simd from '../../src/index.js';
import type { Dict } from '../../src/index.js';

export type OptimizerName = 'SGD' | 'Momentum' | 'Nesterov' | 'AdaGrad' | 'RMSProp' | 'Adam';
export const OPTIMIZER_NAMES: OptimizerName[] = ['SGD', 'Momentum', 'Nesterov', 'AdaGrad', 'RMSProp', 'Adam'];

/** The common surface of every optimizer, for tests that loop over them. */
export interface AnyOptimizer {
  update(params: Dict, grads: Dict): void;
  reset(): void;
  stateOf(key: string): Record<string, Float64Array | Float32Array> | undefined;
  readonly dtype: 'f64' | 'f32' | null;
  readonly stateNames: readonly string[];
  readonly lastPath: string | null;
  readonly steps: number;
}

export function make(name: OptimizerName, options: Record<string, unknown> = {}): AnyOptimizer {
  const Cls = simd[name] as unknown as new (o: Record<string, unknown>) => AnyOptimizer;
  return new Cls(options);
}

export const clone = <A extends Float64Array | Float32Array>(d: Readonly<Record<string, A>>): Record<string, A> =>
  Object.fromEntries(Object.entries(d).map(([k, v]) => [k, v.slice()]));

import { Adam } from '../../src/index.js';

/** One Adam update on a fresh copy-path optimizer with `n` elements, returned live. */
export function adamOn(n: number): Adam {
  const adam = new Adam({ lr: 0.01, backend: 'wasm' });
  adam.update({ w: new Float64Array(n).fill(0.5) }, { w: new Float64Array(n).fill(0.25) });
  return adam;
}

// The roofline: a plain memory copy (TypedArray.prototype.set, a memmove in
// V8) that reads and writes, in total, exactly the bytes the update must move
// (see trafficBytes), in the same process and the same rounds as the
// optimizers. No update that touches every byte once can beat it by much, so
// each path's time is shown against it.
import { trafficBytes } from '../optimizers.mjs';
import { BYTES_OF } from '../data.mjs';

export function rooflinePath(dtype = 'f64') {
  return {
    id: dtype === 'f64' ? 'roofline' : `roofline-${dtype}`,
    label: `roofline: TypedArray.prototype.set of the update's bytes (${dtype})`,
    short: dtype === 'f64' ? 'roofline' : `roofline ${dtype}`,
    dtype,
    role: 'roofline',
    supports: () => true,
    setup({ optimizer, size }) {
      // Half the traffic is read from `from`, half written to `to`.
      const half = Math.ceil(trafficBytes(optimizer, size.elements, BYTES_OF[dtype]) / 2);
      const from = new Uint8Array(half).fill(1);
      const to = new Uint8Array(half);
      return {
        run(k) {
          for (let i = 0; i < k; i++) to.set(from);
        },
        check: () => (to[half - 1] === 1 ? [] : ['the copy did not happen']),
      };
    },
  };
}

// A quick check that bench/torchPort.mjs computes what PyTorch documents, so
// the torch rows' baseline does the same work as the package: one step of
// every torch case of the golden data (test/golden/torchGolden.json, NumPy),
// from its stored initial parameters and first gradients. The port is written
// as a user would, not in the golden script's operation order, so it is held
// to a relative error, not to the bit. `node bench/checkTorchPort.mjs`
import { readFileSync } from 'node:fs';
import * as T from './torchPort.mjs';

const golden = JSON.parse(readFileSync(new URL('../test/golden/torchGolden.json', import.meta.url), 'utf8'));
const decode = (b64) => {
  const bytes = Buffer.from(b64, 'base64');
  return new Float64Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
};
const dict = (encoded) => Object.fromEntries(Object.entries(encoded).map(([k, v]) => [k, decode(v)]));

/** The golden options, in the port's (PyTorch's) constructor form. */
function portOptions({ beta1, beta2, ...rest }) {
  return beta1 === undefined ? rest : { ...rest, betas: [beta1, beta2] };
}

const TOLERANCE = 1e-12;
let failed = 0;
for (const c of golden.cases.filter((c) => c.family === 'torch')) {
  const params = dict(golden.initial);
  const opt = new T[c.optimizer](portOptions(c.options));
  opt.update(params, dict(golden.inputs.grads['1']));
  let worst = 0;
  for (const [key, expected] of Object.entries(dict(c.checkpoints['1']))) {
    for (let i = 0; i < expected.length; i++) {
      const scale = Math.max(Math.abs(expected[i]), 1e-300);
      worst = Math.max(worst, Math.abs(params[key][i] - expected[i]) / scale);
    }
  }
  const ok = worst <= TOLERANCE;
  if (!ok) failed++;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${c.id.padEnd(40)} worst relative error ${worst.toExponential(2)}`);
}
if (failed) {
  console.log(`${failed} case(s) off by more than ${TOLERANCE}`);
  process.exitCode = 1;
}

// The simd-optim half of scripts/checkPytorch.py: reads a JSON request on stdin,
// runs each case through the built package by name (dist/, so `npm run build` first) and
// writes the params after every step as JSON on stdout.
//
// Request: { cases: [{ optimizer: 'Adam' (a torch.* class), options, dtype: 'f64' | 'f32',
//                      initial: { key: b64 }, grads: [{ key: b64 }, ...one per step] }] }
// Reply:   { backend, results: [[{ key: b64 }, ...one per step], ...one per case] }
// Arrays are base64 little-endian float64 or float32, as the golden files hold them.
import { torch, backend } from 'simd-optim';

const ARRAY = { f64: Float64Array, f32: Float32Array };

const decode = (b64, dtype) => {
  const bytes = Buffer.from(b64, 'base64');
  return new ARRAY[dtype](bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
};
const encode = (a) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');

function run({ optimizer, options, dtype, initial, grads }) {
  const Cls = torch[optimizer];
  if (!Cls) throw new Error(`simd-optim has no torch.${optimizer}`);
  const opt = new Cls(options);
  const params = Object.fromEntries(Object.entries(initial).map(([k, b64]) => [k, decode(b64, dtype)]));
  return grads.map((step) => {
    const g = Object.fromEntries(Object.entries(step).map(([k, b64]) => [k, decode(b64, dtype)]));
    opt.update(params, g);
    return Object.fromEntries(Object.entries(params).map(([k, p]) => [k, encode(p)]));
  });
}

let text = '';
for await (const chunk of process.stdin) text += chunk;
const { cases } = JSON.parse(text);
process.stdout.write(JSON.stringify({ backend, results: cases.map(run) }));

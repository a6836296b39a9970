// Loads what the suite times, in the browser page: simd-optim's built dist/
// (its wasm is inlined, so nothing is fetched), the plain-JS ports from the
// server (each once per dtype, see suite/paths/seedJs.mjs), and TensorFlow.js with its
// cpu and wasm backends, the wasm binaries fetched from node_modules.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { getThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import * as simd from '../../dist/esm/index.js';
import { startTfBackends, tfjsInfo } from '../suite/paths/tfjs.mjs';

// A computed specifier, so esbuild leaves the import to the browser: two URLs, two module instances.
const port = (file, dtype) => import(new URL(`../${file}?dtype=${dtype}`, import.meta.url).href);

export async function loadLibs({ tfjs = true, log }) {
  let backends = [];
  let info = null;
  if (tfjs) {
    setWasmPaths(new URL('/node_modules/@tensorflow/tfjs-backend-wasm/dist/', location.href).href);
    backends = await startTfBackends(tf, ['wasm', 'cpu'], log);
    info = { ...(await tfjsInfo(tf)), wasmThreads: backends.includes('wasm') ? getThreadsCount() : null };
  }
  return {
    simd,
    ports: {
      seed: { f64: await port('seedPort.mjs', 'f64'), f32: await port('seedPort.mjs', 'f32') },
      torch: { f64: await port('torchPort.mjs', 'f64'), f32: await port('torchPort.mjs', 'f32') },
    },
    tf: tfjs ? tf : null,
    tfBackends: backends,
    versions: { simdOptimBackend: simd.backend, tfjs: info },
  };
}

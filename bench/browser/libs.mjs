// Loads what the suite times, in the browser page: simd-optim's built dist/
// (its wasm is inlined, so nothing is fetched), the plain-JS ports' source
// texts from the server (compiled per case, see suite/paths/freshPort.mjs), and TensorFlow.js with its
// cpu and wasm backends, the wasm binaries fetched from node_modules.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { getThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import * as simd from '../../dist/esm/index.js';
import { startTfBackends, tfjsInfo } from '../suite/paths/tfjs.mjs';

async function sourceOf(file) {
  const response = await fetch(new URL(`../${file}`, import.meta.url));
  if (!response.ok) throw new Error(`could not fetch bench/${file}: HTTP ${response.status}`);
  return response.text();
}

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
    portSources: { seed: await sourceOf('seedPort.mjs'), torch: await sourceOf('torchPort.mjs') },
    tf: tfjs ? tf : null,
    tfBackends: backends,
    versions: { simdOptimBackend: simd.backend, tfjs: info },
  };
}

// Loads what the suite times, in Node: simd-optim by its package name (the
// built dist/), the plain-JS ports (seed and torch), and TensorFlow.js with its cpu and wasm
// backends. The wasm backend is told where its .wasm binaries are with
// setWasmPaths, found through Node's resolver (no fixed path), since Node
// cannot fetch them from a URL.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import * as simd from 'simd-optim';
import { startTfBackends, tfjsInfo } from '../suite/paths/tfjs.mjs';

const require = createRequire(import.meta.url);

async function loadTf(log) {
  const tf = await import('@tensorflow/tfjs-core');
  await import('@tensorflow/tfjs-backend-cpu');
  const wasm = await import('@tensorflow/tfjs-backend-wasm');
  // The package's main file sits in dist/, beside the three .wasm binaries; a
  // path prefix (with its trailing slash) is what the Node build reads with fs.
  wasm.setWasmPaths(`${dirname(require.resolve('@tensorflow/tfjs-backend-wasm'))}/`);
  const backends = await startTfBackends(tf, ['wasm', 'cpu'], log);
  return { tf, backends, info: { ...(await tfjsInfo(tf)), wasmThreads: wasm.getThreadsCount() } };
}

/** → the `lib` object the suite takes. */
export async function loadLibs({ tfjs = true, log = console.error } = {}) {
  const simdPackage = require('simd-optim/package.json');
  const tfLoaded = tfjs ? await loadTf(log) : null;
  return {
    simd,
    // The ports' source texts, compiled afresh for each case: see suite/paths/freshPort.mjs.
    portSources: {
      seed: await readFile(new URL('../seedPort.mjs', import.meta.url), 'utf8'),
      torch: await readFile(new URL('../torchPort.mjs', import.meta.url), 'utf8'),
    },
    tf: tfLoaded?.tf ?? null,
    tfBackends: tfLoaded?.backends ?? [],
    versions: {
      simdOptim: simdPackage.version,
      simdOptimBackend: simd.backend,
      tfjs: tfLoaded?.info ?? null,
    },
  };
}

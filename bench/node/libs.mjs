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

async function loadTf(names, log) {
  const tf = await import('@tensorflow/tfjs-core');
  if (names.includes('cpu')) await import('@tensorflow/tfjs-backend-cpu');
  const wasm = names.includes('wasm') ? await import('@tensorflow/tfjs-backend-wasm') : null;
  // The package's main file sits in dist/, beside the three .wasm binaries; a
  // path prefix (with its trailing slash) is what the Node build reads with fs.
  wasm?.setWasmPaths(`${dirname(require.resolve('@tensorflow/tfjs-backend-wasm'))}/`);
  const backends = await startTfBackends(tf, names, log);
  return { tf, backends, info: { ...(await tfjsInfo(tf)), ...(wasm ? { wasmThreads: wasm.getThreadsCount() } : {}) } };
}

/**
 * → the `lib` object the suite takes. `tfBackends`: the TF.js backends to
 * start (a case's process starts only those its paths use).
 */
export async function loadLibs({ tfjs = true, tfBackends = ['wasm', 'cpu'], log = console.error } = {}) {
  const simdPackage = require('simd-optim/package.json');
  const tfLoaded = tfjs && tfBackends.length ? await loadTf(tfBackends, log) : null;
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

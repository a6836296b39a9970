// Every path the suite can time, in table and round order. With f32 on, each
// f64 path that has an f32 twin gets it (the plain-JS baseline on
// Float32Array, simd-optim's paths, the roofline of the halved bytes); the
// TF.js paths are float32 either way.
//
// A path whose setup or updates may grow a WebAssembly.Memory says so with
// `growsMemory: true`. Growing detaches the memory's old ArrayBuffer, and after
// the first detach V8 runs every typed-array loop of that isolate slower for
// good (bench/suite/detachWatch.mjs), which would slow the plain-JS baseline of
// the same and every later case. In Node such a path runs in a worker thread
// of its own (bench/node/workerPath.mjs), in step with the other paths'
// rounds. A new path (thread rows, say) that may grow a non-shared memory must
// set it too: the Node run reports a detach in the baselines' thread as a problem.
import { bytesAlonePath } from './bytesAlone.mjs';
import { rooflinePath } from './roofline.mjs';
import { seedJsF32Path, seedJsPath } from './seedJs.mjs';
import { copyPath, jsReferencePath, plainDefaultPath, zeroCopyPath } from './simdOptim.mjs';
import { tfjsCpuPath, tfjsWasmPath } from './tfjs.mjs';

/** The paths to run, given what this runtime has: `f32` (issue 6 landed), `tfBackends` (names that initialised). */
export function allPaths({ f32 = false, tfBackends = [] } = {}) {
  // Each ParamSet on one thread, on two (one worker), and with the default 'auto'; then the memory's bound on two threads.
  const sets = (dtype) => [zeroCopyPath(dtype, 1), zeroCopyPath(dtype, 2), zeroCopyPath(dtype, 'auto'), bytesAlonePath(dtype)];
  const paths = [seedJsPath, jsReferencePath('f64'), ...sets('f64'), copyPath('f64'), plainDefaultPath('f64')];
  if (f32) paths.push(seedJsF32Path, jsReferencePath('f32'), ...sets('f32'), copyPath('f32'), plainDefaultPath('f32'));
  if (tfBackends.includes('wasm')) paths.push(tfjsWasmPath);
  if (tfBackends.includes('cpu')) paths.push(tfjsCpuPath);
  paths.push(rooflinePath('f64'));
  if (f32) paths.push(rooflinePath('f32'));
  return paths;
}

/** What each path's speed-up is taken against, besides the f64 plain-JS port every path is compared with (the one-thread ParamSet: for the thread paths' scaling). */
export const REFERENCES = ['seed-js', 'seed-js-f32', 'tfjs-wasm', 'zero-copy', 'zero-copy-f32'];

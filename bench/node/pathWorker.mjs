// A worker thread that runs one path of one case (see workerPath.mjs): it
// loads what the path needs, sets the path up on the case's data and then
// answers the case thread's calls until told to stop. Its own isolate takes
// whatever the path does to V8 (a grown memory's detach), away from the
// plain-JS baselines.
import { parentPort, workerData } from 'node:worker_threads';
import { makeData } from '../suite/data.mjs';
import { timeCalls } from '../suite/measure.mjs';
import { optimizerById } from '../suite/optimizers.mjs';
import { allPaths } from '../suite/paths/all.mjs';
import { sizeById, sizeFor } from '../suite/sizes.mjs';
import { loadLibs } from './libs.mjs';
import { COMMAND, serve, viewsOf } from './workerProtocol.mjs';

const { sab, port, pathId, optimizerId, sizeId } = workerData;
const message = (error) => error?.stack ?? String(error);

async function setUp() {
  const path = allPaths({ f32: true, tfBackends: ['wasm', 'cpu'] }).find((p) => p.id === pathId);
  if (!path) throw new Error(`no path '${pathId}'`);
  const optimizer = optimizerById(optimizerId);
  const listed = sizeById(sizeId);
  if (!optimizer || !listed) throw new Error(`no case '${optimizerId} ${sizeId}'`);
  const lib = await loadLibs({ tfjs: Boolean(path.tfBackend), tfBackends: path.tfBackend ? [path.tfBackend] : [], log: () => {} });
  if (path.tfBackend && !lib.tfBackends.includes(path.tfBackend)) throw new Error(`TensorFlow.js backend '${path.tfBackend}' did not initialise in the worker`);
  const size = sizeFor(optimizer, listed);
  const run = await path.setup({ optimizer, size, data: makeData(listed.shapes), lib });
  // Only this path runs in this thread, so it enters its context once.
  await run.enter?.();
  return run;
}

function answer(run, command, a, b) {
  try {
    if (command === COMMAND.run) {
      const t0 = performance.now();
      run.run(a);
      return performance.now() - t0;
    }
    if (command === COMMAND.timeCalls) return timeCalls(run, a, b);
    if (command === COMMAND.check) {
      port.postMessage({ problems: run.check?.() ?? [] });
      return 0;
    }
    if (command === COMMAND.stop) {
      run.dispose?.();
      return null;
    }
    throw new Error(`unknown command ${command}`);
  } catch (error) {
    port.postMessage({ error: message(error) });
    return command === COMMAND.stop ? null : NaN;
  }
}

try {
  const run = await setUp();
  parentPort.postMessage({ ready: true });
  serve(viewsOf(sab), (command, a, b) => answer(run, command, a, b));
} catch (error) {
  parentPort.postMessage({ error: message(error) });
}

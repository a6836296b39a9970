// The process of one case (one optimizer at one size), started by
// caseProcesses.mjs with the case as a JSON argument: it times the case's
// paths in interleaved rounds, as the suite always has, and sends its row back
// over the IPC channel. Nothing a case does to V8 or to the heap can reach
// another case this way, and the paths that grow a WebAssembly.Memory run in
// worker threads (workerPath.mjs), so the plain-JS baselines here run as in a
// process that never detached an ArrayBuffer (suite/detachWatch.mjs): what a user's
// plain-JS training loop gets.
import { detachProblem, watchDetaches } from '../suite/detachWatch.mjs';

// Before anything is loaded, so nothing can detach unseen.
const watch = watchDetaches();

const { loadLibs } = await import('./libs.mjs');
const { caseOfSpec } = await import('../suite/isolatedCases.mjs');
const { runCase } = await import('../suite/suite.mjs');
const { inWorker } = await import('./workerPath.mjs');
const { coreProbe } = await import('../suite/coreProbe.mjs');
const { Worker } = await import('node:worker_threads');

/** The core probe's worker in Node (coreProbe.mjs): unref'd, so it never keeps the process alive. */
async function startProbeWorker(source, flags) {
  const worker = new Worker(`require('node:worker_threads').parentPort.once('message', (${source}))`, { eval: true });
  await new Promise((online, failed) => worker.once('online', online).once('error', failed));
  worker.postMessage(flags);
  worker.unref();
  return () => worker.terminate();
}

async function main() {
  const spec = JSON.parse(process.argv[2]);
  const { optimizer, listed, size, paths: named } = caseOfSpec(spec);
  const paths = named.map((p) => (p.growsMemory ? inWorker(p) : p));
  // TF.js is loaded here only for the backends this thread runs (the wasm one runs in a worker).
  const tfHere = [...new Set(paths.filter((p) => p.tfBackend && !p.inWorker && p.supports(optimizer, size)).map((p) => p.tfBackend))];
  const lib = await loadLibs({ tfjs: tfHere.length > 0, tfBackends: tfHere, log: (line) => process.stderr.write(`${line}\n`) });
  const missing = tfHere.filter((b) => !lib.tfBackends.includes(b));
  if (missing.length) throw new Error(`TensorFlow.js backend(s) ${missing.join(', ')} did not initialise in the case's process`);

  // Cases with thread paths check that the machine's two cores are two (coreProbe.mjs).
  const probe = paths.some((p) => p.usesThreads) ? await coreProbe(startProbeWorker) : null;
  const row = await runCase({ optimizer, listed, paths, lib, settings: spec.settings, coresShared: probe?.shared });
  await probe?.close();
  if (watch.count() > 0) row.problems.push(detachProblem(watch.causes));
  row.process = { pid: process.pid, inWorkers: paths.filter((p) => p.inWorker && row.paths[p.id]).map((p) => p.id) };
  await new Promise((resolve, reject) => process.send(row, (error) => (error ? reject(error) : resolve())));
}

main().then(
  () => process.disconnect(),
  (error) => {
    process.stderr.write(`${error?.stack ?? error}\n`);
    process.exitCode = 1;
    process.disconnect?.();
  },
);

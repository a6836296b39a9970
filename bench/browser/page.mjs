// The browser page's script: times one case of the suite `npm run bench` runs
// and hands its row back to the driver (bench/browser/run.mjs), which opens a
// page of its own for each case, gathers the rows and writes the results.
// Progress lines go to the console, which the driver prints.
import { detachProblem, watchDetaches } from '../suite/detachWatch.mjs';
import { coreProbe } from '../suite/coreProbe.mjs';
import { caseOfSpec } from '../suite/isolatedCases.mjs';
import { runCase } from '../suite/suite.mjs';
import { loadLibs } from './libs.mjs';

// Before any library starts (importing only defines them), so nothing can detach unseen.
const watch = watchDetaches();

/** This page's own id, in each row it times: rows of one case pooled from several pages list theirs. */
const PAGE = crypto.randomUUID();

const pre = document.getElementById('log');
const log = (line) => {
  console.log(`[bench] ${line}`);
  pre.textContent += `\n${line}`;
};

function browserEnvironment() {
  return {
    runtime: 'browser',
    userAgent: navigator.userAgent,
    logicalCpus: navigator.hardwareConcurrency,
    crossOriginIsolated: globalThis.crossOriginIsolated === true,
  };
}

/** The core probe's worker in the page (coreProbe.mjs): a worker from a blob, started once it said it runs. */
async function startProbeWorker(source, flags) {
  const url = URL.createObjectURL(new Blob([`onmessage = (e) => { postMessage('running'); (${source})(e.data); };`], { type: 'text/javascript' }));
  const worker = new Worker(url);
  await new Promise((running, failed) => {
    worker.onmessage = running;
    worker.onerror = (e) => failed(new Error(`the core probe's worker failed: ${e.message}`));
    worker.postMessage(flags);
  });
  URL.revokeObjectURL(url);
  return () => worker.terminate();
}

/** Called by the driver in its first page: what this browser has, for the run's plan and its results. */
globalThis.describeRuntime = async ({ tfjs }) => {
  const lib = await loadLibs({ tfjs, log });
  return { tfBackends: lib.tfBackends, versions: lib.versions, environment: browserEnvironment() };
};

/**
 * Called by the driver in a new page for each case (run.mjs): times the case
 * a spec names (isolatedCases.mjs) → its row. Loads TF.js only when a path of
 * the case needs it.
 */
globalThis.runBenchCase = async (spec) => {
  const { optimizer, listed, size, paths } = caseOfSpec(spec);
  const lib = await loadLibs({ tfjs: paths.some((p) => p.tfBackend && p.supports(optimizer, size)), log });
  // Only a cross-origin isolated page has the shared memory both the probe and the thread paths need.
  const probe = globalThis.crossOriginIsolated && paths.some((p) => p.usesThreads) ? await coreProbe(startProbeWorker) : null;
  try {
    const row = await runCase({ optimizer, listed, paths, lib, settings: spec.settings, coresShared: probe?.shared });
    if (watch.count() > 0) row.problems.push(detachProblem(watch.causes, 'page'));
    row.process = { page: PAGE };
    return row;
  } finally {
    probe?.close();
  }
};
globalThis.benchReady = true;

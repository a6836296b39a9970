// The browser page's script: runs the same suite as `npm run bench` and hands
// the results object back to the driver (bench/browser/run.mjs), which writes
// it. Progress lines go to the console, which the driver prints.
import { coreProbe, PROBE_THRESHOLDS } from '../suite/coreProbe.mjs';
import { parseOptions } from '../suite/options.mjs';
import { runSuite } from '../suite/suite.mjs';
import { loadLibs } from './libs.mjs';

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

/** Called by the driver with the command-line flags; resolves to the results object. */
globalThis.runBench = async (argv, command) => {
  const options = parseOptions(argv);
  options.command = command;
  const lib = await loadLibs({ tfjs: options.tfjs, log });
  // Only a cross-origin isolated page has the shared memory both the probe and the thread paths need.
  const probe = globalThis.crossOriginIsolated ? await coreProbe(startProbeWorker) : null;
  try {
    const results = await runSuite({ options, lib, environment: browserEnvironment(), log, coresShared: probe?.shared });
    if (probe) results.coreProbe = PROBE_THRESHOLDS;
    return results;
  } finally {
    probe?.close();
  }
};
globalThis.benchReady = true;

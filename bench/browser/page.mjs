// The browser page's script: runs the same suite as `npm run bench` and hands
// the results object back to the driver (bench/browser/run.mjs), which writes
// it. Progress lines go to the console, which the driver prints.
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

/** Called by the driver with the command-line flags; resolves to the results object. */
globalThis.runBench = async (argv, command) => {
  const options = parseOptions(argv);
  options.command = command;
  const lib = await loadLibs({ tfjs: options.tfjs, log });
  return runSuite({ options, lib, environment: browserEnvironment(), log });
};
globalThis.benchReady = true;

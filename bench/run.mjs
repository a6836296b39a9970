// `npm run bench`: every optimizer simd-optim exports, at every size, through
// every path (plain JS, simd-optim's paths, TensorFlow.js, the roofline), each
// case (optimizer × size) in a Node process of its own (node/caseProcesses.mjs;
// this process only plans, gathers and writes). Writes bench/results/<date>-<host>.json and .svg and
// prints a Markdown table. Flags: node bench/run.mjs --help.
import { relative } from 'node:path';
import { loadAverageNow, nodeEnvironment } from './node/environment.mjs';
import { PROBE_THRESHOLDS } from './suite/coreProbe.mjs';
import { inOwnProcesses } from './node/caseProcesses.mjs';
import { loadLibs } from './node/libs.mjs';
import { writeResults } from './node/writeResults.mjs';
import { parseOptions, runTags } from './suite/options.mjs';
import { runSuite } from './suite/suite.mjs';
import { markdownTable } from './suite/table.mjs';

const log = (line) => process.stderr.write(`${line}\n`);

async function main() {
  const options = parseOptions(process.argv.slice(2));
  options.command = ['npm run bench', ...(options.argv.length ? ['--', ...options.argv] : [])].join(' ');
  const environment = nodeEnvironment();
  const lib = await loadLibs({ tfjs: options.tfjs, log });
  const results = await runSuite({ options, lib, environment, log, runner: inOwnProcesses({ processesOf: options.processesOf }) });
  results.environment.loadAverageAtEnd = loadAverageNow();
  results.coreProbe = PROBE_THRESHOLDS;
  const written = await writeResults(results, { dir: options.out ?? undefined, tags: runTags(options) });

  console.log(`\n${markdownTable(results)}\n`);
  console.log(`${options.command} · ${environment.cpuModel} × ${environment.logicalCpus}, Node ${environment.node} (V8 ${environment.v8}) · ` +
    `load average ${environment.loadAverageAtStart[0]} → ${results.environment.loadAverageAtEnd[0]} · ${results.durationSeconds} s`);
  log(`wrote ${relative(process.cwd(), written.json)} and ${relative(process.cwd(), written.svg)}`);
  if (results.problems.length) {
    log(`\n${results.problems.length} problem(s):\n  ${results.problems.join('\n  ')}`);
    process.exitCode = 1;
  }
}

main().catch((error) => {
  log(error?.stack ?? String(error));
  process.exitCode = 1;
});

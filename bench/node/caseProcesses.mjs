// The Node run's way of running cases (the `runner` of suite.mjs's runSuite):
// each case in a new Node process of its own (caseProcess.mjs), one after
// another, never two at once. Why: whatever a long run accumulates in one
// process (above all, once any ArrayBuffer is detached V8 runs every later
// typed-array loop slower; see suite/detachWatch.mjs) cannot reach the next case,
// so a case times the same in a full run as in a narrowed one.
//
// A case whose process fails, or ends without sending its row, is a failure
// of that case with the process's last words, which runSuite reports as a
// problem of the run; the run goes on.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { isolatedRunner } from '../suite/isolatedCases.mjs';

export const CASE_PROCESS = fileURLToPath(new URL('./caseProcess.mjs', import.meta.url));

const lastLines = (text, n = 6) => text.trim().split('\n').slice(-n).join('\n');

/** Runs one case in a new process of `module` → its row (rejects when the process fails or sends none). */
export function runInProcess(spec, module = CASE_PROCESS) {
  return new Promise((resolve, reject) => {
    const child = fork(module, [JSON.stringify(spec)], { stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
    let output = '';
    const keep = (chunk) => {
      output = (output + chunk).slice(-8000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    let row = null;
    child.on('message', (message) => {
      row = message;
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (code === 0 && row) return resolve(row);
      const how = signal ? `was killed by ${signal}` : code === 0 ? 'ended without sending its results' : `exited with code ${code}`;
      reject(new Error(`its process ${how}${output.trim() ? `:\n    ${lastLines(output).replace(/\n/g, '\n    ')}` : ''}`));
    });
  });
}

/**
 * The runner: every case in a process of its own, or in `processesOf(size)`
 * of them one after another, each with its share of the rounds, their rounds
 * then pooled (isolatedCases.mjs). `module` is for the tests.
 */
export function inOwnProcesses({ processesOf = () => 1, module = CASE_PROCESS } = {}) {
  return isolatedRunner({
    description: 'one Node process per case (several, rounds pooled, where a row says so in `process`), its TF.js columns in another beside the paths they are compared with (`tfjsPart`); in each, the paths that may grow a WebAssembly memory run in worker threads of their own',
    runsOf: processesOf,
    runOne: (spec) => runInProcess(spec, module),
  });
}

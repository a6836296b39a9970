// What the Node run ran on, for the results file: a figure means little
// without the machine, the runtime and how busy the machine was.
import os from 'node:os';

export function nodeEnvironment() {
  const cpus = os.cpus();
  return {
    runtime: 'node',
    node: process.version,
    v8: process.versions.v8,
    platform: `${os.platform()} ${os.release()}`,
    arch: os.arch(),
    host: os.hostname(),
    cpuModel: cpus[0]?.model ?? 'unknown',
    logicalCpus: cpus.length,
    memoryGB: Number((os.totalmem() / 2 ** 30).toFixed(1)),
    loadAverageAtStart: os.loadavg().map((x) => Number(x.toFixed(2))),
  };
}

/** The 1-minute load average now, to record beside the one at the start. */
export const loadAverageNow = () => os.loadavg().map((x) => Number(x.toFixed(2)));

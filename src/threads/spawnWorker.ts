import { workerMain, type WorkerStart } from './workerMain.js';

/** A started worker, as the team needs it. */
export interface WorkerHandle {
  /** Stops the worker on purpose (not reported as a death). */
  terminate(): void;
  /** The Worker object itself (tests stop it from outside, as a crash would). */
  readonly worker: unknown;
}

/** What this file uses of Node's worker_threads (the package's sources do not assume Node's types). */
interface NodeWorker {
  unref(): void;
  on(event: 'error' | 'exit', listener: (value: unknown) => void): void;
  terminate(): Promise<number>;
}
type NodeWorkerClass = new (code: string, options: { eval: true; workerData: unknown }) => NodeWorker;

const host = globalThis as { process?: { versions?: { node?: string } }; window?: unknown };
const isNode = typeof host.process?.versions?.node === 'string' && host.window === undefined;

/**
 * Starts one worker running workerMain over `start`. Its code is workerMain's
 * own source text, so the package needs no separate worker file that each
 * bundler would have to find: Node evaluates it (`eval: true`), a browser
 * loads it from a Blob URL (a Content-Security-Policy must allow `blob:` in
 * worker-src for that; where it does not, starting fails and the set runs on
 * the calling thread). `died` is called at most once, with why the worker
 * stopped, if it stops before terminate().
 *
 * In Node the worker is unref'd: it never keeps a finished script alive.
 */
export async function spawnWorker(start: WorkerStart, died: (why: Error) => void): Promise<WorkerHandle> {
  let closing = false;
  let reported = false;
  const report = (why: Error) => {
    if (!closing && !reported) died(why);
    reported = true;
  };
  if (isNode) {
    // A computed specifier, so bundlers for the browser leave Node's module alone.
    const specifier = 'node:worker_threads';
    const { Worker } = (await import(/* @vite-ignore */ /* webpackIgnore: true */ specifier)) as { Worker: NodeWorkerClass };
    // A dynamic import works whether Node evaluates the code as CommonJS or, under an inherited --input-type=module, as ESM.
    const code = `import('node:worker_threads').then(({ workerData }) => (${workerMain.toString()})(workerData));`;
    const worker = new Worker(code, { eval: true, workerData: start });
    worker.unref();
    worker.on('error', (e) => report(e instanceof Error ? e : new Error(String(e))));
    worker.on('exit', (code) => report(new Error(`the worker exited with code ${code}`)));
    return {
      worker,
      terminate: () => {
        closing = true;
        void worker.terminate();
      },
    };
  }
  const worker = new Worker(workerUrl());
  worker.addEventListener('error', (e) => report(new Error(`the worker failed: ${e.message || 'an error event without a message'}`)));
  worker.addEventListener('messageerror', () => report(new Error('the worker could not receive its start message')));
  worker.postMessage(start);
  return {
    worker,
    terminate: () => {
      closing = true;
      worker.terminate();
    },
  };
}

let url: string | null = null;
/** One Blob URL of the worker's code per page, kept for every later worker. */
function workerUrl(): string {
  // A worker that returns (it retired after idling) closes itself, as a Node worker ends with its script.
  url ??= URL.createObjectURL(new Blob([`self.onmessage = (e) => { (${workerMain.toString()})(e.data); self.close(); };`], { type: 'text/javascript' }));
  return url;
}

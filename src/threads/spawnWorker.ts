import { runClaims } from './claims.js';
import { pollWindow } from './pollWindow.js';
import { workerMain, type WorkerStart } from './workerMain.js';

/** The worker's code: workerMain, the claim loop it shares with the caller and its polling window, as source text, applied to `start`. */
const workerCode = (start: string): string => `(${workerMain.toString()})(${start}, ${runClaims.toString()}, ${pollWindow.toString()})`;

/** A started worker, as the team needs it. */
export interface WorkerHandle {
  /** Stops the worker on purpose (not reported as a death). */
  terminate(): void;
  /** The Worker object itself (tests stop it from outside, as a crash would). */
  readonly worker: unknown;
}

/** Starts one worker running workerMain over `start`; `died` hears, at most once, why it stopped before terminate(). */
export type SpawnWorker = (start: WorkerStart, died: (why: Error) => void) => WorkerHandle;

/** What this file uses of Node's worker_threads (the package's sources do not assume Node's types). */
interface NodeWorker {
  unref(): void;
  on(event: 'error' | 'exit', listener: (value: unknown) => void): void;
  terminate(): Promise<number>;
}
type NodeWorkerClass = new (code: string, options: { eval: true; workerData: unknown }) => NodeWorker;
type NodeProcess = { versions?: { node?: string }; getBuiltinModule?: (id: string) => unknown };

const host = globalThis as { process?: NodeProcess; window?: unknown };
const isNode = typeof host.process?.versions?.node === 'string' && host.window === undefined;

/**
 * How to start a worker here, now, without waiting: a browser's Worker, or
 * Node's worker_threads through process.getBuiltinModule (Node ≥ 20.16). A
 * worker started synchronously runs at once, even while the calling thread
 * stays busy in a synchronous training loop. Null where neither is there (Node
 * before 20.16: see spawnerLater).
 */
export function spawnerNow(): SpawnWorker | null {
  if (!isNode) return typeof Worker === 'function' ? spawnBrowserWorker : null;
  const threads = host.process?.getBuiltinModule?.('node:worker_threads') as { Worker: NodeWorkerClass } | undefined;
  return threads ? nodeSpawner(threads.Worker) : null;
}

/** Node before 20.16: worker_threads by a dynamic import, which resolves only when the event loop next turns. */
export async function spawnerLater(): Promise<SpawnWorker> {
  // A computed specifier, so bundlers for the browser leave Node's module alone.
  const specifier = 'node:worker_threads';
  const { Worker } = (await import(/* @vite-ignore */ /* webpackIgnore: true */ specifier)) as { Worker: NodeWorkerClass };
  return nodeSpawner(Worker);
}

/** Calls `died` once, unless the worker was stopped on purpose. */
function deathReport(died: (why: Error) => void) {
  const state = { closing: false, reported: false };
  const report = (why: Error) => {
    if (!state.closing && !state.reported) died(why);
    state.reported = true;
  };
  return { state, report };
}

/**
 * Node evaluates workerMain's own source text (`eval: true`), so the package
 * needs no separate worker file for each bundler to find. The worker is
 * unref'd: it never keeps a finished script alive.
 */
function nodeSpawner(NodeWorker: NodeWorkerClass): SpawnWorker {
  return (start, died) => {
    const { state, report } = deathReport(died);
    // A dynamic import works whether Node evaluates the code as CommonJS or, under an inherited --input-type=module, as ESM.
    const code = `import('node:worker_threads').then(({ workerData }) => ${workerCode('workerData')});`;
    const worker = new NodeWorker(code, { eval: true, workerData: start });
    worker.unref();
    worker.on('error', (e) => report(e instanceof Error ? e : new Error(String(e))));
    worker.on('exit', (code) => report(new Error(`the worker exited with code ${code}`)));
    return {
      worker,
      terminate: () => {
        state.closing = true;
        void worker.terminate();
      },
    };
  };
}

/**
 * A browser loads workerMain's source from a Blob URL (a Content-Security-Policy
 * must allow `blob:` in worker-src for that; where it does not, the Worker
 * constructor throws and the set runs on the calling thread).
 */
const spawnBrowserWorker: SpawnWorker = (start, died) => {
  const { state, report } = deathReport(died);
  const worker = new Worker(workerUrl());
  worker.addEventListener('error', (e) => report(new Error(`the worker failed: ${e.message || 'an error event without a message'}`)));
  worker.addEventListener('messageerror', () => report(new Error('the worker could not receive its start message')));
  worker.postMessage(start);
  return {
    worker,
    terminate: () => {
      state.closing = true;
      worker.terminate();
    },
  };
};

let url: string | null = null;
/** One Blob URL of the worker's code per page, kept for every later worker. */
function workerUrl(): string {
  // A worker that returns (it retired after idling) closes itself, as a Node worker ends with its script.
  url ??= URL.createObjectURL(new Blob([`self.onmessage = (e) => { ${workerCode('e.data')}; self.close(); };`], { type: 'text/javascript' }));
  return url;
}

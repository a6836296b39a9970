// A path that runs in a worker thread of its own (pathWorker.mjs) while the
// suite's rounds stay as they are: the case thread times its own paths, and
// for this one asks the worker to run a batch and sleeps until it has, so the
// paths still take turns round by round under the same machine load. The
// worker times its batches itself, so the hand-over is never in a time.
// Used for the paths that may grow a WebAssembly.Memory (`growsMemory`, see
// suite/paths/all.mjs).
import { once } from 'node:events';
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import { call, channelBlock, COMMAND, viewsOf } from './workerProtocol.mjs';

/** A call that takes longer than this means the worker is gone (the longest batch, at 8M, takes well under a second). */
const CALL_TIMEOUT_MS = 120_000;

/** → a path like `path` (same id, label, role...) whose setup starts a worker that runs it. */
export function inWorker(path) {
  return {
    ...path,
    inWorker: true,
    async setup({ optimizer, size }) {
      const sab = channelBlock();
      const views = viewsOf(sab);
      const { port1: mine, port2: theirs } = new MessageChannel();
      const worker = new Worker(new URL('./pathWorker.mjs', import.meta.url), {
        workerData: { sab, port: theirs, pathId: path.id, optimizerId: optimizer.id, sizeId: size.id },
        transferList: [theirs],
      });
      const [first] = await Promise.race([
        once(worker, 'message'),
        once(worker, 'error').then(([error]) => [{ error: error?.message ?? String(error) }]),
        once(worker, 'exit').then(([code]) => [{ error: `exited with code ${code} before it was set up` }]),
      ]);
      if (!first.ready) {
        await worker.terminate();
        throw new Error(`in its worker: ${first.error}`);
      }
      const ask = (command, ...args) => {
        const result = call(views, command, args, CALL_TIMEOUT_MS);
        const reply = receiveMessageOnPort(mine)?.message;
        if (reply?.error) throw new Error(`${path.id} in its worker: ${reply.error}`);
        return { result, reply };
      };
      let stopped = false;
      return {
        run: (k) => ask(COMMAND.run, k).result,
        timeCalls: (minMs, maxCalls) => ask(COMMAND.timeCalls, minMs, maxCalls).result,
        check: () => ask(COMMAND.check).reply.problems,
        async dispose() {
          if (stopped) return;
          stopped = true;
          try {
            ask(COMMAND.stop);
          } finally {
            mine.close();
            await worker.terminate();
          }
        },
      };
    },
  };
}

// Counts the ArrayBuffers detached in this thread's isolate.
//
// Why it matters: V8 assumes no ArrayBuffer has ever been detached until one
// is (its ArrayBufferDetaching protector); from then on, for the life of the
// isolate, every optimized typed-array loop also checks for a detached buffer.
// A plain-JS update loop then runs about 1.5-2x slower at cache-resident
// sizes (SGD at 1K: 1.8 → 3.0 µs; at 128K: 205 → 410-780 µs, on the 2-core
// VM on 2026-11-30). A WebAssembly.Memory that grows detaches its old buffer:
// simd-optim's copy path grew its shared memory that way for each new
// optimizer's state (until it learned to grow by replacement), and TF.js's wasm
// backend still grows its heap so for tensors of 1M elements and more. Once one
// case had done so, every later plain-JS baseline in the same process was the
// slow one, which is how a full run came to give 2-3x slower baselines than a
// narrowed one. A user's plain-JS training loop runs without that, so the
// baselines must too: the paths that grow a memory run in worker threads of
// their own (workerPath.mjs), and this watch proves the baselines' isolate
// never saw a detach. It wraps what can detach from JS here: a Memory's grow (emscripten's
// heap growth goes through it too) and ArrayBuffer transfers.

const DETACHERS = [
  [WebAssembly.Memory.prototype, 'grow'],
  [ArrayBuffer.prototype, 'transfer'],
  [ArrayBuffer.prototype, 'transferToFixedLength'],
];

/** Starts counting; → { count(): detaches so far, causes: ['WebAssembly.Memory.prototype.grow', ...] }. Idempotent. */
export function watchDetaches() {
  if (globalThis.benchDetachWatch) return globalThis.benchDetachWatch;
  const watch = { causes: [], count: () => watch.causes.length };
  for (const [proto, name] of DETACHERS) {
    const original = proto[name];
    if (typeof original !== 'function') continue;
    const where = `${proto === ArrayBuffer.prototype ? 'ArrayBuffer' : 'WebAssembly.Memory'}.prototype.${name}`;
    Object.defineProperty(proto, name, {
      configurable: true,
      writable: true,
      value: function watched(...args) {
        // A shared memory's buffer is never detached by growing.
        if (!(this instanceof WebAssembly.Memory && this.buffer instanceof SharedArrayBuffer)) watch.causes.push(where);
        return original.apply(this, args);
      },
    });
  }
  globalThis.benchDetachWatch = watch;
  return watch;
}

/**
 * The problem a detach in the baselines' thread is: the baselines timed there are then not the ones a user gets.
 * `where` 'page': the browser bench, which times every path of a case in the page's main thread (it cannot wait
 * on a worker, as the Node bench's case thread does), so the path that detached cannot be moved out of it.
 */
export const detachProblem = (causes, where = 'thread') =>
  `an ArrayBuffer was detached in the ${where} that times the plain-JS baselines (by ${[...new Set(causes)].join(', ')}), ` +
  'so V8 ran their typed-array loops in its slower form: ' +
  (where === 'page' ? "this case's speed-ups over plain JS read high (leave out the path that grows its memory, e.g. --no-tfjs)" : 'the path that did it must set growsMemory (suite/paths/all.mjs)');

// The calls between a case's thread and a path running in a worker thread
// (workerPath.mjs is the caller, pathWorker.mjs the worker). A call is
// synchronous, as the suite's rounds are: the caller writes the command and
// its two numbers into shared memory, wakes the worker and sleeps until the
// worker sets the state back; a result that is not a number (a check's
// problems, an error) comes back on a MessagePort, read at once with
// receiveMessageOnPort.

export const COMMAND = { run: 1, timeCalls: 2, check: 3, stop: 4 };

const IDLE = 0;
const ASKED = 1;

/** The shared block: [state, command] as Int32, then [arg1, arg2, result] as Float64. */
export function channelBlock() {
  return new SharedArrayBuffer(16 + 3 * 8);
}

export function viewsOf(sab) {
  return { state: new Int32Array(sab, 0, 2), numbers: new Float64Array(sab, 16, 3) };
}

/** Caller side: → the result number; throws what the worker reported, or after `timeoutMs` without an answer. */
export function call({ state, numbers }, command, args, timeoutMs) {
  numbers[0] = args[0] ?? 0;
  numbers[1] = args[1] ?? 0;
  state[1] = command;
  Atomics.store(state, 0, ASKED);
  Atomics.notify(state, 0);
  if (Atomics.wait(state, 0, ASKED, timeoutMs) === 'timed-out') throw new Error(`no answer within ${timeoutMs / 1000} s (did the worker die?)`);
  return numbers[2];
}

/** Worker side: waits for each call and answers it with `handle(command, arg1, arg2)` → number, until it returns null. */
export function serve({ state, numbers }, handle) {
  for (;;) {
    Atomics.wait(state, 0, IDLE);
    const result = handle(state[1], numbers[0], numbers[1]);
    numbers[2] = result ?? NaN;
    Atomics.store(state, 0, IDLE);
    Atomics.notify(state, 0);
    if (result === null) return;
  }
}

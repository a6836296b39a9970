import { describe } from './describe.js';
import { BYTES, type ArrayOf, type Dtype } from './dtype.js';
import { readOptions, refuseUnknown } from './options.js';
import { SetMemory, setMemoryOf } from './wasm/setMemory.js';
import { kernelsUnavailable } from './wasm/kernelSource.js';
import { checkThreads, threadsFor, type ThreadsOption } from './threads/threadCount.js';
import type { Team } from './threads/team.js';

/** A length, or a shape whose product is the length. */
export type Size = number | readonly number[];

export interface ParamSetOptions<D extends Dtype = Dtype> {
  /** Element type: 'f64' (Float64Array views, the default) or 'f32' (Float32Array views). */
  dtype?: D;
  /**
   * How many state buffers (each as large as all params together) to reserve
   * for optimizers that update this set in place. Adam needs 2, Momentum,
   * Nesterov, AdaGrad and RMSProp 1, SGD none. An optimizer that finds no room
   * left still works, through the copy path. Default 2.
   */
  stateSlots?: number;
  /**
   * Threads that share each update of this set: a count (the calling thread
   * included, so 2 is one worker), or 'auto' (the default): as many as the
   * machine has cores when the set has at least 65,536 elements, else 1. More
   * than one thread needs a shared memory (SharedArrayBuffer: in a browser, a
   * cross-origin isolated page); without one the set uses 1, and
   * `threadsError` says why. The result never depends on the thread count.
   */
  threads?: ThreadsOption;
}

/** Workers are stopped when their set is collected (the views may live on: they then update on the calling thread). */
const teamsToClose = new FinalizationRegistry<Team>((team) => team.close());

/**
 * Parameters and gradients laid out in WebAssembly linear memory, so an
 * optimizer updates them in place with no copy.
 *
 * Keys are packed in the order given, so `flatParams` and `flatGrads` are the
 * whole model as one array each (ready for an all-reduce or a shard of it).
 * The memory behind the views (and the optimizers' state slots beside them)
 * belongs to the engine: see src/wasm/setMemory.ts.
 */
export class ParamSet<D extends Dtype = 'f64'> {
  /** The element type of every view. */
  readonly dtype: D;
  /** Parameter views, one per key, in linear memory. */
  readonly params: Readonly<Record<string, ArrayOf<D>>>;
  /** Gradient views, same keys and lengths as `params`. */
  readonly grads: Readonly<Record<string, ArrayOf<D>>>;
  /** Every parameter, keys packed in order. */
  readonly flatParams: ArrayOf<D>;
  /** Every gradient, keys packed in order. */
  readonly flatGrads: ArrayOf<D>;
  /** The shape of each key, as given. */
  readonly shapes: Readonly<Record<string, readonly number[]>>;
  /** Total number of parameters. */
  readonly size: number;
  private readonly memory: SetMemory;
  /** Why the set got one thread when it asked for more (no shared memory here), or null. */
  private readonly threadsRefused: Error | null;

  constructor(sizes: Record<string, Size>, options?: ParamSetOptions<D>) {
    const shapes = checkSizes(sizes);
    const given = readOptions('ParamSet: options', options);
    refuseUnknown('ParamSet', given, ['dtype', 'stateSlots', 'threads']);
    const asked = checkThreads(given.threads);
    const dtype = (given.dtype ?? 'f64') as D;
    if (dtype !== 'f64' && dtype !== 'f32') {
      throw new RangeError(`ParamSet: dtype must be 'f64' or 'f32', got ${describe(dtype)}`);
    }
    this.dtype = dtype;
    const bytes = BYTES[dtype];
    const slots = (given.stateSlots ?? 2) as number;
    if (!Number.isInteger(slots) || slots < 0 || slots > 16) {
      throw new RangeError(`ParamSet: stateSlots must be an integer from 0 to 16, got ${describe(slots)}`);
    }
    const keys = Object.keys(shapes);
    const lengths = keys.map((k) => shapes[k].reduce((a, b) => a * b, 1));
    this.size = lengths.reduce((a, b) => a + b, 0);
    const { threads, why } = threadsFor(asked, this.size, kernelsUnavailable() === null);
    this.threadsRefused = why === null ? null : new Error(`simd-optim: this ParamSet runs on one thread: ${why}`);
    const memory = new SetMemory(dtype, keys.length, this.size, slots, threads);
    this.memory = memory;
    if (memory.team) teamsToClose.register(this, memory.team);
    const arena = memory.arena;
    const view = (at: number, length: number) => arena.view(dtype, at, length) as ArrayOf<D>;
    const starts: number[] = [];
    let offset = 0;
    for (const n of lengths) {
      starts.push(offset * bytes);
      offset += n;
    }
    // fromEntries makes every key an own property, '__proto__' too (an assignment would set the prototype).
    const viewsAt = (block: number) => Object.freeze(Object.fromEntries(keys.map((k, i) => [k, view(block + starts[i], lengths[i])])));
    this.params = viewsAt(memory.paramsAt);
    this.grads = viewsAt(memory.gradsAt);
    this.flatParams = view(memory.paramsAt, this.size);
    this.flatGrads = view(memory.gradsAt, this.size);
    this.shapes = Object.freeze(shapes);
    keys.forEach((k, i) => memory.setKeyDims(memory.paramsAt + starts[i], lengths[i], shapes[k]));
  }

  /** Sets every gradient to 0. */
  zeroGrads(): void {
    this.flatGrads.fill(0);
  }

  /** Number of state slots not claimed by an optimizer. */
  get freeStateSlots(): number {
    return setMemoryOf(this.flatParams.buffer)!.freeStateSlots;
  }

  /**
   * The threads that share this set's updates: 1 where a shared memory is
   * unavailable, where 'auto' found the set too small to gain, or after the
   * workers were given up (see `threadsError`). Workers start on the first
   * update large enough to share (or on `startThreads()`); until they run,
   * the calling thread does all the work.
   */
  get threads(): number {
    return this.memory.team?.usable ? this.memory.team.threads : 1;
  }

  /** Why this set runs on fewer threads than it asked for (no shared memory, a worker that stopped), or null. */
  get threadsError(): Error | null {
    return this.memory.team?.error ?? this.threadsRefused;
  }

  /**
   * Starts the workers now rather than on the first large update, and
   * resolves with `threads` once they all run (or were given up). Benchmarks
   * and latency-sensitive loops use it so that no update waits for a start.
   */
  async startThreads(): Promise<number> {
    await this.memory.team?.start();
    return this.threads;
  }
}

function checkSizes(sizes: Record<string, Size>): Record<string, number[]> {
  const kind = describe(sizes);
  if (kind !== 'an object') throw new TypeError(`ParamSet: sizes must be an object of key → length or shape, got ${kind}`);
  const keys = Object.keys(sizes);
  if (keys.length === 0) throw new RangeError('ParamSet: sizes has no keys');
  return Object.fromEntries(
    keys.map((k) => {
      const s = sizes[k];
      const shape = typeof s === 'number' ? [s] : Array.isArray(s) ? [...(s as number[])] : null;
      if (!shape || shape.length === 0 || !shape.every((d) => Number.isSafeInteger(d) && d > 0)) {
        throw new RangeError(`ParamSet: size of '${k}' must be a positive integer or a shape of them, got ${describeSize(s)}`);
      }
      return [k, shape];
    }),
  );
}

/** A size as given, for a message: a number, or a shape's dimensions each described (NaN stays NaN, 3n stays a BigInt). */
function describeSize(s: unknown): string {
  return Array.isArray(s) ? `[${[...(s as unknown[])].map(describe).join(', ')}]` : describe(s);
}

import { describe } from './describe.js';
import { BYTES, type ArrayOf, type Dtype } from './dtype.js';
import { readOptions, refuseUnknown } from './options.js';
import { Arena, alignUp } from './wasm/arena.js';
import { ENTRY_BYTES } from './wasm/updateTable.js';
import { CONSTANTS_BYTES } from './wasm/constantsBlock.js';

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
}

const byBuffer = new WeakMap<ArrayBufferLike, ParamSet<Dtype>>();

/** The ParamSet whose memory holds `buffer`, if any. */
export function paramSetOf(buffer: ArrayBufferLike): ParamSet<Dtype> | undefined {
  return byBuffer.get(buffer);
}

/**
 * Parameters and gradients laid out in WebAssembly linear memory, so an
 * optimizer updates them in place with no copy.
 *
 * Memory layout (one fixed-size arena per set, never grown, so the views below
 * stay valid for the set's whole life):
 *
 *     [ constants | update table | params (all keys, packed) | grads (same order) | state slot 0 | slot 1 | ... ]
 *
 * Each block is 16-byte aligned and keys are packed in the order given, so
 * `flatParams` and `flatGrads` are the whole model as one array each (ready
 * for an all-reduce or a shard of it).
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

  /** @internal */ readonly arena: Arena;
  /** @internal */ readonly tableAt: number;
  /** @internal The kernels' constants block (constantsBlock.ts), written before each kernel call. */
  readonly constantsAt: number;
  /**
   * @internal What the update table holds now (an engine's run), so an
   * optimizer that updates the same entries again need not rewrite it; null
   * when unknown. Several optimizers may share a set: each checks it is still
   * the one whose run the table holds.
   */
  tableHolds: object | null = null;
  /** @internal */ readonly tableCapacity: number;
  /** @internal */ readonly paramsAt: number;
  /** @internal */ readonly gradsAt: number;
  /** @internal */ readonly blockBytes: number;
  /** @internal */ readonly slotsAt: number;
  private readonly freeSlots: number[];

  constructor(sizes: Record<string, Size>, options?: ParamSetOptions<D>) {
    const shapes = checkSizes(sizes);
    const given = readOptions('ParamSet: options', options);
    refuseUnknown('ParamSet', given, ['dtype', 'stateSlots']);
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
    this.tableCapacity = keys.length;
    const tableBytes = alignUp(keys.length * ENTRY_BYTES);
    this.blockBytes = alignUp(this.size * bytes);
    const arena = new Arena(alignUp(CONSTANTS_BYTES) + tableBytes + this.blockBytes * (2 + slots));
    this.arena = arena;
    this.constantsAt = arena.alloc(CONSTANTS_BYTES);
    this.tableAt = arena.alloc(tableBytes);
    this.paramsAt = arena.alloc(this.blockBytes);
    this.gradsAt = arena.alloc(this.blockBytes);
    this.slotsAt = arena.alloc(this.blockBytes * slots);
    this.freeSlots = Array.from({ length: slots }, (_, i) => i);

    const view = (at: number, length: number) => arena.view(dtype, at, length) as ArrayOf<D>;
    const starts: number[] = [];
    let offset = 0;
    for (const n of lengths) {
      starts.push(offset * bytes);
      offset += n;
    }
    // fromEntries makes every key an own property, '__proto__' too (an assignment would set the prototype).
    const viewsAt = (block: number) => Object.freeze(Object.fromEntries(keys.map((k, i) => [k, view(block + starts[i], lengths[i])])));
    this.params = viewsAt(this.paramsAt);
    this.grads = viewsAt(this.gradsAt);
    this.flatParams = view(this.paramsAt, this.size);
    this.flatGrads = view(this.gradsAt, this.size);
    this.shapes = Object.freeze(shapes);
    byBuffer.set(arena.buffer, this);
  }

  /** Sets every gradient to 0. */
  zeroGrads(): void {
    this.flatGrads.fill(0);
  }

  /** Number of state slots not claimed by an optimizer. */
  get freeStateSlots(): number {
    return this.freeSlots.length;
  }

  /** @internal Claims `n` state slots; null when fewer are free. */
  claimSlots(n: number): number[] | null {
    if (n > this.freeSlots.length) return null;
    return this.freeSlots.splice(0, n);
  }

  /** @internal Returns slots claimed earlier. */
  releaseSlots(slots: readonly number[]): void {
    for (const s of slots) if (!this.freeSlots.includes(s)) this.freeSlots.push(s);
    this.freeSlots.sort((a, b) => a - b);
  }

  /** @internal Byte offset in slot `slot` that mirrors the param element at byte `paramByte`. */
  mirror(slot: number, paramByte: number): number {
    return this.slotsAt + slot * this.blockBytes + (paramByte - this.paramsAt);
  }

  /** @internal Whether [at, at+bytes) lies inside the params block / the grads block. */
  inParams(at: number, bytes: number): boolean {
    return at >= this.paramsAt && at + bytes <= this.paramsAt + this.size * BYTES[this.dtype];
  }
  /** @internal */
  inGrads(at: number, bytes: number): boolean {
    return at >= this.gradsAt && at + bytes <= this.gradsAt + this.size * BYTES[this.dtype];
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

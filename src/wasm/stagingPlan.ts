import type { Entry } from '../checkDicts.js';
import type { FloatArray } from '../dtype.js';
import { ENTRY_BYTES, writeEntry, type TableEntry } from './updateTable.js';

/** A piece of one key, staged in the arena for one kernel call and copied back after it. */
export interface StagedPiece {
  /** The param's elements (the entry's view when the key fits whole, else a view of part of it). */
  readonly param: FloatArray;
  /** The matching grad elements. */
  readonly grad: FloatArray;
  /** Element offsets in the arena where the param and the grad are staged. */
  readonly paramAt: number;
  readonly gradAt: number;
  /** The arena's view of the staged param, which the kernel updates. */
  readonly staged: FloatArray;
}

/** One kernel call of the copy path: the pieces it stages and the update table that names them. */
export interface Batch {
  readonly pieces: readonly StagedPiece[];
  /** The table's words, ready to be copied to the arena's table in one `set`. */
  readonly table: Uint32Array;
}

/** Where a copy-path arena keeps its staging room and each key's state. */
export interface StagingLayout {
  /** The whole arena as elements of the dtype. */
  readonly all: FloatArray;
  /** Byte offsets of the param and grad staging areas, each `chunk` elements long. */
  readonly paramsAt: number;
  readonly gradsAt: number;
  readonly chunk: number;
  /**
   * Stage every key whole (a per-key rule reduces over the key): a key that
   * does not fit in what is left of a batch starts the next one; the room
   * (`chunk`) is then at least the longest key, and a batch names at most
   * `maxPieces` keys (the staging table's rows).
   */
  readonly wholeKeys?: { readonly maxPieces: number };
  /** Byte offsets of a key's state buffers. */
  stateOf(key: string): readonly number[];
  /** The rule's scratchState (rule.ts): that buffer's pointer becomes the key's staged gradient. */
  scratchState?(shape: Entry['shape']): number;
}

/**
 * Splits a run's entries into batches of at most `chunk` elements (a key may
 * span batches), with every view and table word made once. The copy path
 * keeps the plan while the same entries come back, so a steady training loop
 * allocates nothing per update: it copies in, calls the kernel, copies out.
 */
export function planBatches(entries: readonly Entry[], layout: StagingLayout): Batch[] {
  const { all, chunk } = layout;
  const B = all.BYTES_PER_ELEMENT;
  // Pieces are made from the buffer with the base constructor, never by subarray (which looks up a constructor to call).
  const View = B === 4 ? Float32Array : Float64Array;
  const part = (a: FloatArray, from: number, n: number): FloatArray => new View(a.buffer as ArrayBuffer, a.byteOffset + from * B, n);
  const batches: Batch[] = [];
  let pieces: StagedPiece[] = [];
  let rows: TableEntry[] = [];
  let used = 0;
  const close = (): void => {
    const table = new Uint32Array((rows.length * ENTRY_BYTES) / 4);
    rows.forEach((row, i) => writeEntry(table, 0, i, row));
    batches.push({ pieces, table });
    pieces = [];
    rows = [];
    used = 0;
  };
  for (const e of entries) {
    const state = layout.stateOf(e.key);
    const scratch = layout.scratchState?.(e.shape);
    if (layout.wholeKeys && used > 0 && (e.p.length > chunk - used || pieces.length === layout.wholeKeys.maxPieces)) close();
    const whole = e.p.length <= chunk - used;
    for (let from = 0; from < e.p.length; ) {
      const n = Math.min(e.p.length - from, chunk - used);
      const paramAt = layout.paramsAt / B + used;
      const gradAt = layout.gradsAt / B + used;
      pieces.push({
        param: whole ? e.p : part(e.p, from, n),
        grad: whole ? e.g : part(e.g, from, n),
        paramAt,
        gradAt,
        staged: part(all, paramAt, n),
      });
      rows.push({ param: paramAt * B, grad: gradAt * B, state: state.map((b, s) => (s === scratch ? gradAt * B : b + from * B)), length: n, rows: e.shape.rows, cols: e.shape.cols });
      used += n;
      from += n;
      if (used === chunk) close();
    }
  }
  if (pieces.length > 0) close();
  return batches;
}

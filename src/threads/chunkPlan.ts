import type { Entry } from '../checkDicts.js';
import type { TableEntry } from '../wasm/updateTable.js';
import { threadTuning } from './tuning.js';

/** The part of one key an update covers: elements [from, to) of it, with its state buffers' byte offsets. */
export interface Span {
  readonly entry: Entry;
  readonly state: readonly number[];
  readonly from: number;
  readonly to: number;
}

/** An update cut into chunks: chunk k is table entries bounds[k] to bounds[k + 1] − 1. */
export interface ChunkPlan {
  readonly pieces: TableEntry[];
  readonly bounds: number[];
}

/** Most chunks of one update (the room SetMemory reserves for the bounds). */
export const MAX_CHUNKS = 1024;

/**
 * Most elements per chunk, while MAX_CHUNKS allows: a thread that finishes
 * first waits for the last chunk another thread holds, so a chunk's length
 * bounds that wait (65,536 elements: about 40 µs of Adam f32, 130 µs of f64).
 * Adam f64 at 8M elements with eight chunks per thread has chunks of a
 * millisecond, and threads that run at unequal speeds (the host's load on
 * each core) left one idle for up to that long at the end of an update.
 */
export const MAX_CHUNK_ELEMENTS = 65536;

/**
 * Elements per chunk for `total` elements on `threads` threads (at least
 * threadTuning.minChunk: below it a claim and a call cost more than a chunk's
 * share of the work saves): about eight
 * chunks per thread, so a worker that wakes late or runs slower leaves the
 * others a fair share to take, but no more than MAX_CHUNK_ELEMENTS, in
 * multiples of 16 elements. For elementwise
 * rules the cut has no effect on the result (each element is updated alone,
 * by the same arithmetic in the SIMD body and the scalar tail), so it may
 * depend on the thread count.
 */
export function chunkElements(total: number, threads: number): number {
  const share = Math.min(Math.ceil(total / (threads * 8)), MAX_CHUNK_ELEMENTS);
  const n = Math.max(threadTuning.minChunk, share, Math.ceil(total / MAX_CHUNKS));
  return Math.ceil(n / 16) * 16;
}

/**
 * Cuts the spans into chunks of about `chunk` elements, cutting a key only at
 * multiples of `grain` elements from its span's start. An elementwise rule's
 * keys are cut anywhere (grain 1: a large key spreads over chunks, small keys
 * share one); a per-key rule reduces over whole keys, so grain Infinity keeps
 * each key in one chunk, and groups keys until a chunk holds `chunk` elements;
 * the global norm's blocks are CHUNK elements of a key (gradNorm.ts), so its
 * plans cut at multiples of CHUNK and a chunk holds whole blocks.
 */
export function planChunks(spans: readonly Span[], chunk: number, grain: number): ChunkPlan {
  const pieces: TableEntry[] = [];
  const bounds = [0];
  let used = 0;
  const close = () => {
    bounds.push(pieces.length);
    used = 0;
  };
  for (const { entry, state, from: start, to } of spans) {
    const B = entry.p.BYTES_PER_ELEMENT;
    for (let from = start; from < to; ) {
      const room = chunk - used;
      const n = Math.min(to - from, grain === Infinity ? Infinity : Math.max(grain, Math.floor(room / grain) * grain));
      const skip = from * B;
      pieces.push({ param: entry.p.byteOffset + skip, grad: entry.g.byteOffset + skip, state: state.map((s) => s + skip), length: n, rows: entry.shape.rows, cols: entry.shape.cols });
      used += n;
      from += n;
      if (used >= chunk) close();
    }
  }
  if (used > 0) close();
  return { pieces, bounds };
}

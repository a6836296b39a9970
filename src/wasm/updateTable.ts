// The host side of the update table; the layout is documented in assembly/table.ts.

/** Bytes per entry. */
export const ENTRY_BYTES = 32;
/** Entry fields, in 32-bit words. */
export const PARAM = 0;
export const GRAD = 1;
export const STATE0 = 2;
export const COUNT = 5;
export const ROWS = 6;
export const COLS = 7;
/** Most state buffers one entry can name. */
export const MAX_STATE = 3;

/** One run of elements for a kernel: byte offsets into the arena's memory. */
export interface TableEntry {
  param: number;
  grad: number;
  state: readonly number[];
  length: number;
  /** The key's shape (a piece of a key split across copy-path batches carries its whole key's). */
  rows: number;
  cols: number;
}

/** Writes entry `index` of the table that starts at byte `table`. */
export function writeEntry(words: Uint32Array, table: number, index: number, e: TableEntry): void {
  const at = (table + index * ENTRY_BYTES) >>> 2;
  words[at + PARAM] = e.param;
  words[at + GRAD] = e.grad;
  for (let s = 0; s < MAX_STATE; s++) words[at + STATE0 + s] = s < e.state.length ? e.state[s] : 0;
  words[at + COUNT] = e.length;
  words[at + ROWS] = e.rows;
  words[at + COLS] = e.cols;
}

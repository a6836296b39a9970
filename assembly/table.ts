/**
 * The update table: how the host hands a whole dict to a kernel in one call.
 *
 * Each entry is ENTRY_BYTES long and describes one contiguous run of elements
 * (a whole key, or later one shard of it):
 *
 *     byte  0   u32  param pointer      (elements of the kernel's type, f64 or f32)
 *     byte  4   u32  grad pointer
 *     byte  8   u32  state pointer 0    (velocity, h, m ... ; 0 where unused)
 *     byte 12   u32  state pointer 1
 *     byte 16   u32  state pointer 2    (reserved for optimizers with 3 buffers)
 *     byte 20   u32  element count
 *     byte 24   u32  rows of the key's shape   (its batch count is count / (rows·cols) for a whole key;
 *     byte 28   u32  cols of the key's shape    a 1-D key is one row; a copy-path piece carries its key's)
 *
 * The sumsqBlocks kernels (sumOfSquares.ts) read no state: their state pointer 0
 * is where the entry's block sums go (SUMS).
 *
 * src/wasm/updateTable.ts writes the same layout; keep the two in step.
 */
export const ENTRY_BYTES: usize = 32;

export const PARAM: usize = 0;
export const GRAD: usize = 4;
export const STATE0: usize = 8;
export const STATE1: usize = 12;
export const STATE2: usize = 16;
export const SUMS: usize = STATE0;
export const COUNT: usize = 20;
export const ROWS: usize = 24;
export const COLS: usize = 28;

import { describe } from './describe.js';

/**
 * A key's shape as a kernel sees it: `batch` matrices of `rows` × `cols`,
 * row-major (element (b, i, j) at b·rows·cols + i·cols + j). A key of shape
 * [..., R, C] is prod(leading dims) matrices of R × C; a key of one dimension
 * (or with no shape given) is one row: rows 1, cols its length. Elementwise
 * rules ignore it; a rule that factors its state by rows and columns
 * (Adafactor) or reduces per key reads it.
 */
export interface KeyShape {
  readonly rows: number;
  readonly cols: number;
  readonly batch: number;
}

/** The kernel's view of a shape given as dimensions (ParamSet sizes, the `shapes` option). */
export function keyShapeOf(dims: readonly number[]): KeyShape {
  if (dims.length < 2) return { rows: 1, cols: dims.length === 1 ? dims[0] : 1, batch: 1 };
  const batch = dims.slice(0, -2).reduce((a, b) => a * b, 1);
  return { rows: dims[dims.length - 2], cols: dims[dims.length - 1], batch };
}

/** One row of n elements: the shape of a key nothing gave a shape to. */
export const flatShape = (n: number): KeyShape => ({ rows: 1, cols: n, batch: 1 });

/**
 * The optimizer option `shapes` (for plain dicts; a ParamSet's keys carry the
 * sizes they were made with): `{ key: [rows, cols] }` or any dimensions of
 * positive integers. Checked whole when the optimizer is made; each key's
 * product is checked against its length at the first update.
 */
export function checkShapesOption(owner: string, shapes: unknown): ReadonlyMap<string, readonly number[]> | null {
  if (shapes === undefined) return null;
  const kind = describe(shapes);
  if (kind !== 'an object') throw new TypeError(`${owner}: shapes must be an object of key → dimensions, got ${kind}`);
  const out = new Map<string, readonly number[]>();
  for (const key of Object.keys(shapes as object)) {
    const dims: unknown = (shapes as Record<string, unknown>)[key];
    const ok = Array.isArray(dims) && dims.length > 0 && dims.every((d) => Number.isSafeInteger(d) && (d as number) > 0);
    if (!ok) throw new RangeError(`${owner}: shapes['${key}'] must be an array of positive integers (e.g. [rows, cols]), got ${describe(dims)}`);
    out.set(key, Object.freeze([...(dims as number[])]));
  }
  return out;
}

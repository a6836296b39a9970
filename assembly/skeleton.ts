import { ENTRY_BYTES, PARAM, GRAD, STATE0, STATE1, STATE2, COUNT, ROWS, COLS } from "./table";
import { SCALE, CLIP, WD, RULE_AT, SPLATS_AT, X_SCALE, X_LO, X_HI, X_WD, RULE_SPLATS } from "./generated/constants";

/**
 * The one loop every kernel runs, for either element type T (f64 or f32):
 * over the table entries, then over each entry's elements one v128 at a time
 * (f64x2 or f32x4), then a scalar tail for the 1 to 3 elements left.
 *
 * A rule `R` is a class generic over T with two `@inline` methods holding the
 * optimizer's per-element arithmetic, written once for a v128 of lanes and
 * once for one element, with the generic v128 ops (`v128.add<T>`, ...):
 *
 *     vec (p: usize, g: v128, s0, s1, s2: usize, lr: v128, eps: v128 ...): void
 *     lane(p: usize, g: T,    s0, s1, s2: usize, lr: T,    eps: T    ...): void
 *
 * `p` and the state pointers are already advanced to the element(s) to
 * update; `g` is the gradient, loaded (and transformed, see below). The rest
 * are the per-step constants the method reads, each named as in the rule
 * file's entry of assembly/kernels.json; the generated kernel passes each by
 * that name (scripts/genKernels.mjs reads the names from these signatures and
 * refuses one the list does not hold). The host computed them in f64; `prepare`
 * rounds them to T once per call: for f32 that is NumPy's rule for a Python
 * float meeting a float32 array (the scalar is cast, the operation is
 * float32). The generated loop holds them in locals, outside the element loop:
 * read from memory inside it, they cost the cheap rules 10 to 25 % (measured on
 * Momentum and SGD). Both methods must perform the same operations in the same
 * order, so the SIMD bulk and the scalar tail round identically.
 *
 * Before a rule sees it, the gradient may be transformed, as PyTorch does
 * outside and at the top of `step()`:
 *
 *     g ← min(max(g·scale, −clip), clip)   clipping (by global norm: scale; by value: clip)
 *     g ← g + wd·p                          L2 weight decay, coupled into the gradient
 *
 * Each is applied only when asked (scale ≠ 1 or clip < ∞; wd ≠ 0), so the
 * plain update performs no extra operation and keeps the seed's bits. The
 * plain loop and the transforming one are two inlined copies, chosen once per
 * call; inside the second, the two tests are loop-invariant branches (one
 * copy, not four, keeps the module small).
 *
 * Rules carry no fields; the loop calls them on a null reference so the
 * calls resolve statically and Binaryen inlines them into the loop body.
 * Pointers are not assumed to be 16-byte aligned (v128.load/store accept any
 * address); a ParamSet keeps its blocks aligned, which is the fast case.
 */

/**
 * Rounds the block's f64 values to T once and stores them splatted (the
 * transform at X_*, the rule's `n` constants from RULE_SPLATS), where the
 * generated loop reads them by name before its element loop. Returns that area.
 */
@inline
export function prepare<T>(constants: usize, n: i32): usize {
  const k = constants + SPLATS_AT;
  const clip = <T>load<f64>(constants, CLIP);
  v128.store(k, v128.splat<T>(<T>load<f64>(constants, SCALE)), X_SCALE);
  v128.store(k, v128.splat<T>(-clip), X_LO);
  v128.store(k, v128.splat<T>(clip), X_HI);
  v128.store(k, v128.splat<T>(<T>load<f64>(constants, WD)), X_WD);
  for (let j: i32 = 0; j < n; j++) {
    v128.store(k + RULE_SPLATS + (<usize>j << 4), v128.splat<T>(<T>load<f64>(constants + RULE_AT + (<usize>j << 3))));
  }
  return k;
}

/** Whether this call clips (scale ≠ 1 or clip < ∞), and whether it adds coupled weight decay (wd ≠ 0). */
@inline export function clips(constants: usize): bool {
  return load<f64>(constants, SCALE) != 1.0 || load<f64>(constants, CLIP) != Infinity;
}
@inline export function decays(constants: usize): bool {
  return load<f64>(constants, WD) != 0.0;
}

/** Entry `at` of the table, and its fields. */
@inline export function entryAt(table: usize, at: i32): usize {
  return table + <usize>at * ENTRY_BYTES;
}
@inline export function paramOf(e: usize): usize { return <usize>load<u32>(e + PARAM); }
@inline export function gradOf(e: usize): usize { return <usize>load<u32>(e + GRAD); }
@inline export function state0Of(e: usize): usize { return <usize>load<u32>(e + STATE0); }
@inline export function state1Of(e: usize): usize { return <usize>load<u32>(e + STATE1); }
@inline export function state2Of(e: usize): usize { return <usize>load<u32>(e + STATE2); }
@inline export function bytesOf<T>(e: usize): usize { return <usize>load<u32>(e + COUNT) * sizeof<T>(); }
/** A per-key rule's view of an entry: its element count and its shape's rows and columns (batch = count / (rows·cols)). */
@inline export function countOf(e: usize): usize { return <usize>load<u32>(e + COUNT); }
@inline export function rowsOf(e: usize): usize { return <usize>load<u32>(e + ROWS); }
@inline export function colsOf(e: usize): usize { return <usize>load<u32>(e + COLS); }

/** The gradient at `g` as a rule sees it (see above); `s`, `lo`, `hi`, `wd` are the transform, splatted. */
@inline
export function gradVec<T>(g: usize, p: usize, clipped: bool, decayed: bool, s: v128, lo: v128, hi: v128, wd: v128): v128 {
  let grad = v128.load(g);
  // pmax(x, lo) = x < lo ? lo : x and pmin(x, hi) = hi < x ? hi : x are one x86 instruction each, where
  // min and max (which order -0 below 0 and propagate NaN) take several. With x first and bounds that are
  // never 0 nor NaN (clip > 0), they give min and max's result for every x: a NaN compares false and stays,
  // a zero is inside the bounds and keeps its sign. Adam with clipNorm at 8M elements: 34.2 -> 25.9 ms.
  if (clipped) grad = v128.pmin<T>(v128.pmax<T>(v128.mul<T>(grad, s), lo), hi);
  if (decayed) grad = v128.add<T>(grad, v128.mul<T>(wd, v128.load(p)));
  return grad;
}
@inline
export function gradLane<T>(g: usize, p: usize, clipped: bool, decayed: bool, s: T, lo: T, hi: T, wd: T): T {
  let grad = load<T>(g);
  if (clipped) grad = min<T>(max<T>(grad * s, lo), hi);
  if (decayed) grad = grad + wd * load<T>(p);
  return grad;
}

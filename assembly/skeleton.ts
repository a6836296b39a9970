import { ENTRY_BYTES, PARAM, GRAD, STATE0, STATE1, COUNT } from "./table";

/**
 * The one loop every f64 kernel runs: over the table entries, then over each
 * entry's elements two at a time (f64x2), then a scalar tail for an odd count.
 *
 * A rule `R` is any class with two `@inline` methods holding the optimizer's
 * per-element arithmetic, written once for a v128 pair and once for one f64:
 *
 *     vec (p, g, s0, s1: usize, c0, c1, c2, c3: v128): void
 *     lane(p, g, s0, s1: usize, c0, c1, c2, c3: f64):  void
 *
 * where the pointers are already advanced to the element(s) to update and
 * c0..c3 are the per-step constants the host computed (splatted here, once,
 * above the loops). Both methods must perform the same operations in the same
 * order, so the SIMD bulk and the scalar tail round identically.
 *
 * Rules carry no fields; the skeleton calls them on a null reference so the
 * calls resolve statically and Binaryen inlines them into the loop body.
 * Pointers are not assumed to be 16-byte aligned (v128.load/store accept any
 * address); a ParamSet keeps its blocks aligned, which is the fast case.
 */
@inline
export function runF64<R>(table: usize, count: i32, c0: f64, c1: f64, c2: f64, c3: f64): void {
  const rule = changetype<R>(0);
  const v0 = f64x2.splat(c0);
  const v1 = f64x2.splat(c1);
  const v2 = f64x2.splat(c2);
  const v3 = f64x2.splat(c3);
  for (let k: i32 = 0; k < count; k++) {
    const e = table + <usize>k * ENTRY_BYTES;
    const p = <usize>load<u32>(e + PARAM);
    const g = <usize>load<u32>(e + GRAD);
    const s0 = <usize>load<u32>(e + STATE0);
    const s1 = <usize>load<u32>(e + STATE1);
    const bytes = <usize>load<u32>(e + COUNT) << 3;
    const pairBytes = bytes & ~(<usize>15);
    let i: usize = 0;
    for (; i < pairBytes; i += 16) {
      rule.vec(p + i, g + i, s0 + i, s1 + i, v0, v1, v2, v3);
    }
    if (i < bytes) {
      rule.lane(p + i, g + i, s0 + i, s1 + i, c0, c1, c2, c3);
    }
  }
}

import { ENTRY_BYTES, PARAM, GRAD, STATE0, STATE1, STATE2, COUNT } from "./table";

/**
 * The one loop every kernel runs, for either element type T (f64 or f32):
 * over the table entries, then over each entry's elements one v128 at a time
 * (f64x2 or f32x4), then a scalar tail for the 1 to 3 elements left.
 *
 * A rule `R` is a class generic over T with two `@inline` methods holding the
 * optimizer's per-element arithmetic, written once for a v128 of lanes and
 * once for one element, with the generic v128 ops (`v128.add<T>`, ...):
 *
 *     vec (p, g, s0, s1, s2: usize, c0, c1, c2, c3: v128): void
 *     lane(p, g, s0, s1, s2: usize, c0, c1, c2, c3: T):    void
 *
 * where the pointers are already advanced to the element(s) to update and
 * c0..c3 are the per-step constants the host computed in f64. They are
 * rounded to T here, once per call: for f32 that is NumPy's rule for a Python
 * float meeting a float32 array (the scalar is cast, the operation is float32).
 * Both methods must perform the same operations in the same order, so the
 * SIMD bulk and the scalar tail round identically.
 *
 * Rules carry no fields; the skeleton calls them on a null reference so the
 * calls resolve statically and Binaryen inlines them into the loop body.
 * Pointers are not assumed to be 16-byte aligned (v128.load/store accept any
 * address); a ParamSet keeps its blocks aligned, which is the fast case.
 */
@inline
export function run<T, R>(table: usize, count: i32, c0: f64, c1: f64, c2: f64, c3: f64): void {
  const rule = changetype<R>(0);
  const k0 = <T>c0;
  const k1 = <T>c1;
  const k2 = <T>c2;
  const k3 = <T>c3;
  const v0 = v128.splat<T>(k0);
  const v1 = v128.splat<T>(k1);
  const v2 = v128.splat<T>(k2);
  const v3 = v128.splat<T>(k3);
  for (let k: i32 = 0; k < count; k++) {
    const e = table + <usize>k * ENTRY_BYTES;
    const p = <usize>load<u32>(e + PARAM);
    const g = <usize>load<u32>(e + GRAD);
    const s0 = <usize>load<u32>(e + STATE0);
    const s1 = <usize>load<u32>(e + STATE1);
    const s2 = <usize>load<u32>(e + STATE2);
    const bytes = <usize>load<u32>(e + COUNT) * sizeof<T>();
    const vecBytes = bytes & ~(<usize>15);
    let i: usize = 0;
    for (; i < vecBytes; i += 16) {
      rule.vec(p + i, g + i, s0 + i, s1 + i, s2 + i, v0, v1, v2, v3);
    }
    for (; i < bytes; i += sizeof<T>()) {
      rule.lane(p + i, g + i, s0 + i, s1 + i, s2 + i, k0, k1, k2, k3);
    }
  }
}

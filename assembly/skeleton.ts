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
 *     vec (p: usize, g: v128, s0, s1, s2: usize, c0 … c11: v128): void
 *     lane(p: usize, g: T,    s0, s1, s2: usize, c0 … c11: T):    void
 *
 * `p` and the state pointers are already advanced to the element(s) to
 * update; `g` is the gradient, loaded (and transformed, see below). c0..c11
 * are the per-step constants the host computed in f64, rounded to T here,
 * once per call: for f32 that is NumPy's rule for a Python float meeting a
 * float32 array (the scalar is cast, the operation is float32). Both methods
 * must perform the same operations in the same order, so the SIMD bulk and
 * the scalar tail round identically.
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
 * Rules carry no fields; the skeleton calls them on a null reference so the
 * calls resolve statically and Binaryen inlines them into the loop body.
 * Pointers are not assumed to be 16-byte aligned (v128.load/store accept any
 * address); a ParamSet keeps its blocks aligned, which is the fast case.
 */
@inline
export function run<T, R>(
  table: usize, count: i32,
  c0: f64, c1: f64, c2: f64, c3: f64, c4: f64, c5: f64, c6: f64, c7: f64, c8: f64, c9: f64, c10: f64, c11: f64,
  scale: f64, clip: f64, wd: f64,
): void {
  const clipped = scale != 1.0 || clip != Infinity;
  const decayed = wd != 0.0;
  if (!clipped && !decayed) entries<T, R>(table, count, c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, false, false, scale, clip, wd);
  else transformed<T, R>(table, count, c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, clipped, decayed, scale, clip, wd);
}

// Not inlined, so each kernel holds one copy of the transforming loop, its tests made at run time.
function transformed<T, R>(
  table: usize, count: i32,
  c0: f64, c1: f64, c2: f64, c3: f64, c4: f64, c5: f64, c6: f64, c7: f64, c8: f64, c9: f64, c10: f64, c11: f64,
  clipped: bool, decayed: bool, scale: f64, clip: f64, wd: f64,
): void {
  entries<T, R>(table, count, c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, clipped, decayed, scale, clip, wd);
}

@inline
function entries<T, R>(
  table: usize, count: i32,
  c0: f64, c1: f64, c2: f64, c3: f64, c4: f64, c5: f64, c6: f64, c7: f64, c8: f64, c9: f64, c10: f64, c11: f64,
  clipped: bool, decayed: bool, scale: f64, clip: f64, wd: f64,
): void {
  const rule = changetype<R>(0);
  const k0 = <T>c0, k1 = <T>c1, k2 = <T>c2, k3 = <T>c3, k4 = <T>c4, k5 = <T>c5, k6 = <T>c6, k7 = <T>c7;
  const k8 = <T>c8, k9 = <T>c9, k10 = <T>c10, k11 = <T>c11;
  const v0 = v128.splat<T>(k0), v1 = v128.splat<T>(k1), v2 = v128.splat<T>(k2), v3 = v128.splat<T>(k3);
  const v4 = v128.splat<T>(k4), v5 = v128.splat<T>(k5), v6 = v128.splat<T>(k6), v7 = v128.splat<T>(k7);
  const v8 = v128.splat<T>(k8), v9 = v128.splat<T>(k9), v10 = v128.splat<T>(k10), v11 = v128.splat<T>(k11);
  const kScale = <T>scale, kHi = <T>clip, kLo = -kHi, kWd = <T>wd;
  const vScale = v128.splat<T>(kScale), vHi = v128.splat<T>(kHi), vLo = v128.splat<T>(kLo), vWd = v128.splat<T>(kWd);
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
      let grad = v128.load(g + i);
      if (clipped) grad = v128.min<T>(v128.max<T>(v128.mul<T>(grad, vScale), vLo), vHi);
      if (decayed) grad = v128.add<T>(grad, v128.mul<T>(vWd, v128.load(p + i)));
      rule.vec(p + i, grad, s0 + i, s1 + i, s2 + i, v0, v1, v2, v3, v4, v5, v6, v7, v8, v9, v10, v11);
    }
    for (; i < bytes; i += sizeof<T>()) {
      let grad = load<T>(g + i);
      if (clipped) grad = min<T>(max<T>(grad * kScale, kLo), kHi);
      if (decayed) grad = grad + kWd * load<T>(p + i);
      rule.lane(p + i, grad, s0 + i, s1 + i, s2 + i, k0, k1, k2, k3, k4, k5, k6, k7, k8, k9, k10, k11);
    }
  }
}

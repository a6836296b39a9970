// Every kernel the host can call: each rule instantiated once per element type
// over the one loop in skeleton.ts. The module owns no memory: the host
// imports one fixed-size memory per arena and passes byte offsets into it.
//
// Every kernel has the same signature: the update table and its entry count,
// twelve per-step constants c0..c11 (what each means is in the rule's file; the
// unused are 0), then the gradient transform: scale, clip, wd (1, Infinity, 0
// for none).
import { run } from "./skeleton";
import { SgdRule } from "./sgd";
import { MomentumRule } from "./momentum";
import { NesterovRule } from "./nesterov";
import { AdaGradRule } from "./adagrad";
import { RmsPropRule, RmsPropEpsInSqrtRule } from "./rmsprop";
import { AdamRule, AdamTorchEpsRule } from "./adam";
export { sumsq_f64, sumsq_f32 } from "./sumOfSquares";
export * from "./torch/exportsA";
export * from "./torch/exportsB";
export * from "./shapedExports";

export function sgd_f64(t: usize, n: i32, a: f64, b: f64, c: f64, d: f64, e: f64, f: f64, g: f64, h: f64, i: f64, j: f64, l: f64, o: f64, s: f64, k: f64, w: f64): void { run<f64, SgdRule<f64>>(t, n, a, b, c, d, e, f, g, h, i, j, l, o, s, k, w); }
export function sgd_f32(t: usize, n: i32, a: f64, b: f64, c: f64, d: f64, e: f64, f: f64, g: f64, h: f64, i: f64, j: f64, l: f64, o: f64, s: f64, k: f64, w: f64): void { run<f32, SgdRule<f32>>(t, n, a, b, c, d, e, f, g, h, i, j, l, o, s, k, w); }
export function momentum_f64(t: usize, n: i32, a: f64, b: f64, c: f64, d: f64, e: f64, f: f64, g: f64, h: f64, i: f64, j: f64, l: f64, o: f64, s: f64, k: f64, w: f64): void { run<f64, MomentumRule<f64>>(t, n, a, b, c, d, e, f, g, h, i, j, l, o, s, k, w); }
export function momentum_f32(t: usize, n: i32, a: f64, b: f64, c: f64, d: f64, e: f64, f: f64, g: f64, h: f64, i: f64, j: f64, l: f64, o: f64, s: f64, k: f64, w: f64): void { run<f32, MomentumRule<f32>>(t, n, a, b, c, d, e, f, g, h, i, j, l, o, s, k, w); }
export function nesterov_f64(t: usize, n: i32, a: f64, b: f64, c: f64, d: f64, e: f64, f: f64, g: f64, h: f64, i: f64, j: f64, l: f64, o: f64, s: f64, k: f64, w: f64): void { run<f64, NesterovRule<f64>>(t, n, a, b, c, d, e, f, g, h, i, j, l, o, s, k, w); }
export function nesterov_f32(t: usize, n: i32, a: f64, b: f64, c: f64, d: f64, e: f64, f: f64, g: f64, h: f64, i: f64, j: f64, l: f64, o: f64, s: f64, k: f64, w: f64): void { run<f32, NesterovRule<f32>>(t, n, a, b, c, d, e, f, g, h, i, j, l, o, s, k, w); }
export function adagrad_f64(t: usize, n: i32, a: f64, b: f64, c: f64, d: f64, e: f64, f: f64, g: f64, h: f64, i: f64, j: f64, l: f64, o: f64, s: f64, k: f64, w: f64): void { run<f64, AdaGradRule<f64>>(t, n, a, b, c, d, e, f, g, h, i, j, l, o, s, k, w); }
export function adagrad_f32(t: usize, n: i32, a: f64, b: f64, c: f64, d: f64, e: f64, f: f64, g: f64, h: f64, i: f64, j: f64, l: f64, o: f64, s: f64, k: f64, w: f64): void { run<f32, AdaGradRule<f32>>(t, n, a, b, c, d, e, f, g, h, i, j, l, o, s, k, w); }
export function rmsprop_f64(t: usize, n: i32, a: f64, b: f64, c: f64, d: f64, e: f64, f: f64, g: f64, h: f64, i: f64, j: f64, l: f64, o: f64, s: f64, k: f64, w: f64): void { run<f64, RmsPropRule<f64>>(t, n, a, b, c, d, e, f, g, h, i, j, l, o, s, k, w); }
export function rmspropEpsInSqrt_f64(t: usize, n: i32, a: f64, b: f64, c: f64, d: f64, e: f64, f: f64, g: f64, h: f64, i: f64, j: f64, l: f64, o: f64, s: f64, k: f64, w: f64): void { run<f64, RmsPropEpsInSqrtRule<f64>>(t, n, a, b, c, d, e, f, g, h, i, j, l, o, s, k, w); }
export function rmsprop_f32(t: usize, n: i32, a: f64, b: f64, c: f64, d: f64, e: f64, f: f64, g: f64, h: f64, i: f64, j: f64, l: f64, o: f64, s: f64, k: f64, w: f64): void { run<f32, RmsPropRule<f32>>(t, n, a, b, c, d, e, f, g, h, i, j, l, o, s, k, w); }
export function rmspropEpsInSqrt_f32(t: usize, n: i32, a: f64, b: f64, c: f64, d: f64, e: f64, f: f64, g: f64, h: f64, i: f64, j: f64, l: f64, o: f64, s: f64, k: f64, w: f64): void { run<f32, RmsPropEpsInSqrtRule<f32>>(t, n, a, b, c, d, e, f, g, h, i, j, l, o, s, k, w); }
export function adam_f64(t: usize, n: i32, a: f64, b: f64, c: f64, d: f64, e: f64, f: f64, g: f64, h: f64, i: f64, j: f64, l: f64, o: f64, s: f64, k: f64, w: f64): void { run<f64, AdamRule<f64>>(t, n, a, b, c, d, e, f, g, h, i, j, l, o, s, k, w); }
export function adam_f32(t: usize, n: i32, a: f64, b: f64, c: f64, d: f64, e: f64, f: f64, g: f64, h: f64, i: f64, j: f64, l: f64, o: f64, s: f64, k: f64, w: f64): void { run<f32, AdamRule<f32>>(t, n, a, b, c, d, e, f, g, h, i, j, l, o, s, k, w); }
export function adamTorchEps_f64(t: usize, n: i32, a: f64, b: f64, c: f64, d: f64, e: f64, f: f64, g: f64, h: f64, i: f64, j: f64, l: f64, o: f64, s: f64, k: f64, w: f64): void { run<f64, AdamTorchEpsRule<f64>>(t, n, a, b, c, d, e, f, g, h, i, j, l, o, s, k, w); }
export function adamTorchEps_f32(t: usize, n: i32, a: f64, b: f64, c: f64, d: f64, e: f64, f: f64, g: f64, h: f64, i: f64, j: f64, l: f64, o: f64, s: f64, k: f64, w: f64): void { run<f32, AdamTorchEpsRule<f32>>(t, n, a, b, c, d, e, f, g, h, i, j, l, o, s, k, w); }

/** First byte the host may use: everything below belongs to the module's static data. */
export function heapBase(): usize {
  return __heap_base;
}

// Kernels of PyTorch-form optimizers (group A), registered here as one line per
// rule and dtype, in the pattern of assembly/index.ts.
import { run } from "../skeleton";
import { TorchSgdFirstRule, TorchSgdMomentumRule, TorchSgdNesterovFirstRule, TorchSgdNesterovRule } from "./sgd";
import { TorchAdamRule, TorchAdamAmsgradRule, TorchAdamWRule, TorchAdamWAmsgradRule } from "./adam";
import { TorchAdamaxRule } from "./adamax";
import { TorchNadamRule } from "./nadam";

export function torchSgdFirst_f64(t: usize, n: i32, a: f64, b: f64, c: f64, d: f64, e: f64, f: f64, g: f64, h: f64, s: f64, k: f64, w: f64): void { run<f64, TorchSgdFirstRule<f64>>(t, n, a, b, c, d, e, f, g, h, s, k, w); }
export function torchSgdFirst_f32(t: usize, n: i32, a: f64, b: f64, c: f64, d: f64, e: f64, f: f64, g: f64, h: f64, s: f64, k: f64, w: f64): void { run<f32, TorchSgdFirstRule<f32>>(t, n, a, b, c, d, e, f, g, h, s, k, w); }
export function torchSgdMomentum_f64(t: usize, n: i32, a: f64, b: f64, c: f64, d: f64, e: f64, f: f64, g: f64, h: f64, s: f64, k: f64, w: f64): void { run<f64, TorchSgdMomentumRule<f64>>(t, n, a, b, c, d, e, f, g, h, s, k, w); }
export function torchSgdMomentum_f32(t: usize, n: i32, a: f64, b: f64, c: f64, d: f64, e: f64, f: f64, g: f64, h: f64, s: f64, k: f64, w: f64): void { run<f32, TorchSgdMomentumRule<f32>>(t, n, a, b, c, d, e, f, g, h, s, k, w); }
export function torchSgdNesterovFirst_f64(t: usize, n: i32, a: f64, b: f64, c: f64, d: f64, e: f64, f: f64, g: f64, h: f64, s: f64, k: f64, w: f64): void { run<f64, TorchSgdNesterovFirstRule<f64>>(t, n, a, b, c, d, e, f, g, h, s, k, w); }
export function torchSgdNesterovFirst_f32(t: usize, n: i32, a: f64, b: f64, c: f64, d: f64, e: f64, f: f64, g: f64, h: f64, s: f64, k: f64, w: f64): void { run<f32, TorchSgdNesterovFirstRule<f32>>(t, n, a, b, c, d, e, f, g, h, s, k, w); }
export function torchSgdNesterov_f64(t: usize, n: i32, a: f64, b: f64, c: f64, d: f64, e: f64, f: f64, g: f64, h: f64, s: f64, k: f64, w: f64): void { run<f64, TorchSgdNesterovRule<f64>>(t, n, a, b, c, d, e, f, g, h, s, k, w); }
export function torchSgdNesterov_f32(t: usize, n: i32, a: f64, b: f64, c: f64, d: f64, e: f64, f: f64, g: f64, h: f64, s: f64, k: f64, w: f64): void { run<f32, TorchSgdNesterovRule<f32>>(t, n, a, b, c, d, e, f, g, h, s, k, w); }
export function torchAdam_f64(t: usize, n: i32, a: f64, b: f64, c: f64, d: f64, e: f64, f: f64, g: f64, h: f64, s: f64, k: f64, w: f64): void { run<f64, TorchAdamRule<f64>>(t, n, a, b, c, d, e, f, g, h, s, k, w); }
export function torchAdam_f32(t: usize, n: i32, a: f64, b: f64, c: f64, d: f64, e: f64, f: f64, g: f64, h: f64, s: f64, k: f64, w: f64): void { run<f32, TorchAdamRule<f32>>(t, n, a, b, c, d, e, f, g, h, s, k, w); }
export function torchAdamAmsgrad_f64(t: usize, n: i32, a: f64, b: f64, c: f64, d: f64, e: f64, f: f64, g: f64, h: f64, s: f64, k: f64, w: f64): void { run<f64, TorchAdamAmsgradRule<f64>>(t, n, a, b, c, d, e, f, g, h, s, k, w); }
export function torchAdamAmsgrad_f32(t: usize, n: i32, a: f64, b: f64, c: f64, d: f64, e: f64, f: f64, g: f64, h: f64, s: f64, k: f64, w: f64): void { run<f32, TorchAdamAmsgradRule<f32>>(t, n, a, b, c, d, e, f, g, h, s, k, w); }
export function torchAdamW_f64(t: usize, n: i32, a: f64, b: f64, c: f64, d: f64, e: f64, f: f64, g: f64, h: f64, s: f64, k: f64, w: f64): void { run<f64, TorchAdamWRule<f64>>(t, n, a, b, c, d, e, f, g, h, s, k, w); }
export function torchAdamW_f32(t: usize, n: i32, a: f64, b: f64, c: f64, d: f64, e: f64, f: f64, g: f64, h: f64, s: f64, k: f64, w: f64): void { run<f32, TorchAdamWRule<f32>>(t, n, a, b, c, d, e, f, g, h, s, k, w); }
export function torchAdamWAmsgrad_f64(t: usize, n: i32, a: f64, b: f64, c: f64, d: f64, e: f64, f: f64, g: f64, h: f64, s: f64, k: f64, w: f64): void { run<f64, TorchAdamWAmsgradRule<f64>>(t, n, a, b, c, d, e, f, g, h, s, k, w); }
export function torchAdamWAmsgrad_f32(t: usize, n: i32, a: f64, b: f64, c: f64, d: f64, e: f64, f: f64, g: f64, h: f64, s: f64, k: f64, w: f64): void { run<f32, TorchAdamWAmsgradRule<f32>>(t, n, a, b, c, d, e, f, g, h, s, k, w); }
export function torchAdamax_f64(t: usize, n: i32, a: f64, b: f64, c: f64, d: f64, e: f64, f: f64, g: f64, h: f64, s: f64, k: f64, w: f64): void { run<f64, TorchAdamaxRule<f64>>(t, n, a, b, c, d, e, f, g, h, s, k, w); }
export function torchAdamax_f32(t: usize, n: i32, a: f64, b: f64, c: f64, d: f64, e: f64, f: f64, g: f64, h: f64, s: f64, k: f64, w: f64): void { run<f32, TorchAdamaxRule<f32>>(t, n, a, b, c, d, e, f, g, h, s, k, w); }
export function torchNadam_f64(t: usize, n: i32, a: f64, b: f64, c: f64, d: f64, e: f64, f: f64, g: f64, h: f64, s: f64, k: f64, w: f64): void { run<f64, TorchNadamRule<f64>>(t, n, a, b, c, d, e, f, g, h, s, k, w); }
export function torchNadam_f32(t: usize, n: i32, a: f64, b: f64, c: f64, d: f64, e: f64, f: f64, g: f64, h: f64, s: f64, k: f64, w: f64): void { run<f32, TorchNadamRule<f32>>(t, n, a, b, c, d, e, f, g, h, s, k, w); }

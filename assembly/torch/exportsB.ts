// Kernels of PyTorch-form optimizers (group B), registered here as one line per
// rule and dtype, in the pattern of assembly/index.ts. torch.Adagrad needs no
// kernel of its own: its per-element update is the seed's AdaGrad (adagrad_*).
import { run } from "../skeleton";
import { TorchRmspropRule, TorchRmspropCenteredRule, TorchRmspropMomentumRule, TorchRmspropCenteredMomentumRule } from "./rmsprop";
import { TorchRadamRule, TorchRadamUnrectifiedRule } from "./radam";
import { TorchAdadeltaRule } from "./adadelta";
import { TorchLionRule, TorchLionDecayRule } from "./lion";

export function torchRmsprop_f64(t: usize, n: i32, a: f64, b: f64, c: f64, d: f64, e: f64, f: f64, g: f64, h: f64, s: f64, k: f64, w: f64): void { run<f64, TorchRmspropRule<f64>>(t, n, a, b, c, d, e, f, g, h, s, k, w); }
export function torchRmsprop_f32(t: usize, n: i32, a: f64, b: f64, c: f64, d: f64, e: f64, f: f64, g: f64, h: f64, s: f64, k: f64, w: f64): void { run<f32, TorchRmspropRule<f32>>(t, n, a, b, c, d, e, f, g, h, s, k, w); }
export function torchRmspropCentered_f64(t: usize, n: i32, a: f64, b: f64, c: f64, d: f64, e: f64, f: f64, g: f64, h: f64, s: f64, k: f64, w: f64): void { run<f64, TorchRmspropCenteredRule<f64>>(t, n, a, b, c, d, e, f, g, h, s, k, w); }
export function torchRmspropCentered_f32(t: usize, n: i32, a: f64, b: f64, c: f64, d: f64, e: f64, f: f64, g: f64, h: f64, s: f64, k: f64, w: f64): void { run<f32, TorchRmspropCenteredRule<f32>>(t, n, a, b, c, d, e, f, g, h, s, k, w); }
export function torchRmspropMomentum_f64(t: usize, n: i32, a: f64, b: f64, c: f64, d: f64, e: f64, f: f64, g: f64, h: f64, s: f64, k: f64, w: f64): void { run<f64, TorchRmspropMomentumRule<f64>>(t, n, a, b, c, d, e, f, g, h, s, k, w); }
export function torchRmspropMomentum_f32(t: usize, n: i32, a: f64, b: f64, c: f64, d: f64, e: f64, f: f64, g: f64, h: f64, s: f64, k: f64, w: f64): void { run<f32, TorchRmspropMomentumRule<f32>>(t, n, a, b, c, d, e, f, g, h, s, k, w); }
export function torchRmspropCenteredMomentum_f64(t: usize, n: i32, a: f64, b: f64, c: f64, d: f64, e: f64, f: f64, g: f64, h: f64, s: f64, k: f64, w: f64): void { run<f64, TorchRmspropCenteredMomentumRule<f64>>(t, n, a, b, c, d, e, f, g, h, s, k, w); }
export function torchRmspropCenteredMomentum_f32(t: usize, n: i32, a: f64, b: f64, c: f64, d: f64, e: f64, f: f64, g: f64, h: f64, s: f64, k: f64, w: f64): void { run<f32, TorchRmspropCenteredMomentumRule<f32>>(t, n, a, b, c, d, e, f, g, h, s, k, w); }
export function torchRadam_f64(t: usize, n: i32, a: f64, b: f64, c: f64, d: f64, e: f64, f: f64, g: f64, h: f64, s: f64, k: f64, w: f64): void { run<f64, TorchRadamRule<f64>>(t, n, a, b, c, d, e, f, g, h, s, k, w); }
export function torchRadam_f32(t: usize, n: i32, a: f64, b: f64, c: f64, d: f64, e: f64, f: f64, g: f64, h: f64, s: f64, k: f64, w: f64): void { run<f32, TorchRadamRule<f32>>(t, n, a, b, c, d, e, f, g, h, s, k, w); }
export function torchRadamUnrectified_f64(t: usize, n: i32, a: f64, b: f64, c: f64, d: f64, e: f64, f: f64, g: f64, h: f64, s: f64, k: f64, w: f64): void { run<f64, TorchRadamUnrectifiedRule<f64>>(t, n, a, b, c, d, e, f, g, h, s, k, w); }
export function torchRadamUnrectified_f32(t: usize, n: i32, a: f64, b: f64, c: f64, d: f64, e: f64, f: f64, g: f64, h: f64, s: f64, k: f64, w: f64): void { run<f32, TorchRadamUnrectifiedRule<f32>>(t, n, a, b, c, d, e, f, g, h, s, k, w); }
export function torchAdadelta_f64(t: usize, n: i32, a: f64, b: f64, c: f64, d: f64, e: f64, f: f64, g: f64, h: f64, s: f64, k: f64, w: f64): void { run<f64, TorchAdadeltaRule<f64>>(t, n, a, b, c, d, e, f, g, h, s, k, w); }
export function torchAdadelta_f32(t: usize, n: i32, a: f64, b: f64, c: f64, d: f64, e: f64, f: f64, g: f64, h: f64, s: f64, k: f64, w: f64): void { run<f32, TorchAdadeltaRule<f32>>(t, n, a, b, c, d, e, f, g, h, s, k, w); }
export function torchLion_f64(t: usize, n: i32, a: f64, b: f64, c: f64, d: f64, e: f64, f: f64, g: f64, h: f64, s: f64, k: f64, w: f64): void { run<f64, TorchLionRule<f64>>(t, n, a, b, c, d, e, f, g, h, s, k, w); }
export function torchLion_f32(t: usize, n: i32, a: f64, b: f64, c: f64, d: f64, e: f64, f: f64, g: f64, h: f64, s: f64, k: f64, w: f64): void { run<f32, TorchLionRule<f32>>(t, n, a, b, c, d, e, f, g, h, s, k, w); }
export function torchLionDecay_f64(t: usize, n: i32, a: f64, b: f64, c: f64, d: f64, e: f64, f: f64, g: f64, h: f64, s: f64, k: f64, w: f64): void { run<f64, TorchLionDecayRule<f64>>(t, n, a, b, c, d, e, f, g, h, s, k, w); }
export function torchLionDecay_f32(t: usize, n: i32, a: f64, b: f64, c: f64, d: f64, e: f64, f: f64, g: f64, h: f64, s: f64, k: f64, w: f64): void { run<f32, TorchLionDecayRule<f32>>(t, n, a, b, c, d, e, f, g, h, s, k, w); }

import { ENTRY_BYTES, GRAD, COUNT } from "./table";

// The sum of squares of every gradient in the table, for clipping by global
// norm: one pass, one call, whatever the number of keys. Always accumulated in
// f64 (an f32 value's square is exact in f64). The order of additions is part
// of the result, and src/gradNorm.ts repeats it in JS:
//   lane j (j < L; L = 2 for f64, 4 for f32) sums, over the entries in order,
//   the squares of the elements at positions i ≡ j (mod L) of each entry's
//   vector part; `tail` sums the squares of every entry's last n mod L elements;
//   the result is (((lane0 + lane1) + lane2) + lane3) + tail.

export function sumsq_f64(table: usize, count: i32): f64 {
  let acc = f64x2.splat(0);
  let tail: f64 = 0;
  for (let k: i32 = 0; k < count; k++) {
    const e = table + <usize>k * ENTRY_BYTES;
    const g = <usize>load<u32>(e + GRAD);
    const bytes = <usize>load<u32>(e + COUNT) << 3;
    const vecBytes = bytes & ~(<usize>15);
    let i: usize = 0;
    for (; i < vecBytes; i += 16) {
      const x = v128.load(g + i);
      acc = f64x2.add(acc, f64x2.mul(x, x));
    }
    for (; i < bytes; i += 8) {
      const x = load<f64>(g + i);
      tail += x * x;
    }
  }
  return (f64x2.extract_lane(acc, 0) + f64x2.extract_lane(acc, 1)) + tail;
}

export function sumsq_f32(table: usize, count: i32): f64 {
  let lo = f64x2.splat(0);
  let hi = f64x2.splat(0);
  let tail: f64 = 0;
  for (let k: i32 = 0; k < count; k++) {
    const e = table + <usize>k * ENTRY_BYTES;
    const g = <usize>load<u32>(e + GRAD);
    const bytes = <usize>load<u32>(e + COUNT) << 2;
    const vecBytes = bytes & ~(<usize>15);
    let i: usize = 0;
    for (; i < vecBytes; i += 16) {
      const x = v128.load(g + i);
      const a = f64x2.promote_low_f32x4(x);
      const b = f64x2.promote_low_f32x4(v128.shuffle<f32>(x, x, 2, 3, 2, 3));
      lo = f64x2.add(lo, f64x2.mul(a, a));
      hi = f64x2.add(hi, f64x2.mul(b, b));
    }
    for (; i < bytes; i += 4) {
      const x = <f64>load<f32>(g + i);
      tail += x * x;
    }
  }
  return (((f64x2.extract_lane(lo, 0) + f64x2.extract_lane(lo, 1)) + f64x2.extract_lane(hi, 0)) + f64x2.extract_lane(hi, 1)) + tail;
}

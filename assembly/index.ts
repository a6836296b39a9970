// Every kernel the host can call: each rule instantiated once per element type
// over the one loop in skeleton.ts (the exports are generated from
// assembly/kernels.json by scripts/genKernels.mjs). The module owns no memory:
// the host imports one fixed-size memory per arena and passes byte offsets into it.
//
// Every kernel has the same signature: the update table, its entry count, and
// the byte offset of the constants block (generated/constants.ts: the gradient
// transform scale, clip, wd, then the rule's named constants).
export { sumsq_f64, sumsq_f32, sumsqBlocks_f64, sumsqBlocks_f32 } from "./sumOfSquares";
export * from "./generated/kernels";
// The shaped rules' per-key kernels (torch.Adafactor, LAMB), not yet behind the update table.
export * from "./shapedExports";

/** First byte the host may use: everything below belongs to the module's static data. */
export function heapBase(): usize {
  return __heap_base;
}

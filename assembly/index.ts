// Every kernel the host can call. The module owns no memory: the host imports
// one fixed-size memory per arena and passes byte offsets into it.
export { sgd_f64, sgd_f32 } from "./sgd";
export { momentum_f64, momentum_f32 } from "./momentum";
export { nesterov_f64, nesterov_f32 } from "./nesterov";
export { adagrad_f64, adagrad_f32 } from "./adagrad";
export { rmsprop_f64, rmsprop_f32 } from "./rmsprop";
export { adam_f64, adam_f32 } from "./adam";

/** First byte the host may use: everything below belongs to the module's static data. */
export function heapBase(): usize {
  return __heap_base;
}

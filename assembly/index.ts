// Every kernel the host can call. The module owns no memory: the host imports
// one fixed-size memory per arena and passes byte offsets into it.
export { sgd_f64 } from "./sgd";
export { momentum_f64 } from "./momentum";
export { nesterov_f64 } from "./nesterov";
export { adagrad_f64 } from "./adagrad";
export { rmsprop_f64 } from "./rmsprop";
export { adam_f64 } from "./adam";

/** First byte the host may use: everything below belongs to the module's static data. */
export function heapBase(): usize {
  return __heap_base;
}

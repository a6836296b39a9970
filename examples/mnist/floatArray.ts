// The element type the example runs in: one switch (`--dtype`) picks the
// array class for data, activations, params and grads alike.

export type Dtype = 'f64' | 'f32';
export type FloatArray = Float64Array | Float32Array;
export type FloatArrayClass = Float64ArrayConstructor | Float32ArrayConstructor;
/** Named arrays, the shape `opt.update(params, grads)` takes. */
export type Dict = Record<string, FloatArray>;

export const ARRAY_CLASS: Readonly<Record<Dtype, FloatArrayClass>> = { f64: Float64Array, f32: Float32Array };

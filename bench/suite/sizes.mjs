// The problem sizes the suite runs: single-key vectors from L1-sized to far
// beyond the last-level cache, and two real dicts of ten keys: the book's
// MNIST net, and a small net of the same depth under 10K elements, where the
// fixed cost per key (ours, and TF.js's per-variable dispatch) decides.

/** The book's ch. 6 comparison net: 784-100-100-100-100-10, weights W1..W5, biases b1..b5. */
export const MNIST_LAYERS = [784, 100, 100, 100, 100, 10];

export function mnistShapes(layers = MNIST_LAYERS) {
  const shapes = {};
  for (let i = 1; i < layers.length; i++) {
    shapes[`W${i}`] = [layers[i - 1], layers[i]];
    shapes[`b${i}`] = [layers[i]];
  }
  return shapes;
}

const elementsOf = (shapes) => Object.values(shapes).reduce((sum, s) => sum + s.reduce((a, b) => a * b, 1), 0);

/**
 * One key of n elements. `matrix` is the same key as rows × cols, for a row
 * whose rule reads a key's shape (Adafactor factors a matrix's second moment;
 * on one dimension it keeps a full one, which is another algorithm).
 */
const vector = (label, n, matrix) => ({ id: label, label, shapes: { w: [n] }, matrix: { w: matrix }, elements: n, keys: 1 });

const mnist = mnistShapes();
/** The same five layers on 8×8 inputs (the size of a small tabular or toy-image model): 5,578 elements. */
const small = mnistShapes([64, 32, 32, 32, 32, 10]);
const dict = (id, label, shapes) => ({ id, label, shapes, elements: elementsOf(shapes), keys: Object.keys(shapes).length });

/** Every size, in chart order. Labels are binary multiples (1K = 1024). */
export const SIZES = [
  vector('1K', 1 << 10, [32, 32]),
  dict('small', 'small net dict', small),
  vector('16K', 1 << 14, [128, 128]),
  vector('128K', 1 << 17, [512, 256]),
  vector('1M', 1 << 20, [1024, 1024]),
  vector('8M', 1 << 23, [4096, 2048]),
  dict('MNIST', 'MNIST dict', mnist),
];

/** The size as `optimizer` runs it: a row that reads shapes (`shaped`) gets the single key as a matrix; the dicts' shapes are already their layers'. */
export const sizeFor = (optimizer, size) => (optimizer.shaped && size.matrix ? { ...size, shapes: size.matrix } : size);

export const sizeById = (id) => SIZES.find((s) => s.id.toLowerCase() === String(id).toLowerCase());

/** Elements in a size label of the thread benches ('4K', '128K', '1M', or a plain number): K and M are powers of two. */
export const elementsOfLabel = (label) => Number.parseInt(label, 10) * (label.endsWith('M') ? 1 << 20 : label.endsWith('K') ? 1 << 10 : 1);

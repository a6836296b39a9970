// The problem sizes the suite runs: single-key vectors from L1-sized to far
// beyond the last-level cache, and the book's MNIST net as a real dict.

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

const vector = (label, n) => ({ id: label, label, shapes: { w: [n] }, elements: n, keys: 1 });

const mnist = mnistShapes();

/** Every size, in chart order. Labels are binary multiples (1K = 1024). */
export const SIZES = [
  vector('1K', 1 << 10),
  vector('16K', 1 << 14),
  vector('128K', 1 << 17),
  vector('1M', 1 << 20),
  vector('8M', 1 << 23),
  { id: 'MNIST', label: 'MNIST dict', shapes: mnist, elements: elementsOf(mnist), keys: Object.keys(mnist).length },
];

export const sizeById = (id) => SIZES.find((s) => s.id.toLowerCase() === String(id).toLowerCase());

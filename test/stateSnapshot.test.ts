// opt.state() / opt.loadState(): a run stopped halfway, saved, and restored
// into a fresh optimizer (on another path or backend) finishes bit-identical
// to the unbroken run; a bad snapshot is a clear error and changes nothing.
import { describe, expect, it } from 'vitest';
import { Adam, Momentum, ParamSet, SGD } from '../src/index.js';
import { expectSameBits } from './support/bits.js';
import { OPTIMIZER_NAMES, make } from './support/optimizers.js';

type Floats = Float64Array | Float32Array;
const SIZES = { W: 21, b: 3 };
const ARRAY = { f64: Float64Array, f32: Float32Array } as const;
type Path = 'zero-copy' | 'copy' | 'js';

function arrays(dtype: 'f64' | 'f32', path: Path) {
  const set = new ParamSet(SIZES, { dtype });
  const fresh = () => Object.fromEntries(Object.entries(SIZES).map(([k, n]) => [k, new ARRAY[dtype](n)]));
  return path === 'zero-copy' ? { params: set.params as Record<string, Floats>, grads: set.grads as Record<string, Floats> } : { params: fresh(), grads: fresh() };
}
function steps(opt: { update(p: object, g: object): void }, d: ReturnType<typeof arrays>, from: number, to: number) {
  for (let t = from; t <= to; t++) {
    Object.values(d.grads).forEach((a, k) => a.forEach((_, i) => (a[i] = Math.sin(t * 0.7 + i + k))));
    opt.update(d.params, d.grads);
  }
}
const PAIRS: [Path, Path][] = [['zero-copy', 'copy'], ['copy', 'zero-copy'], ['js', 'zero-copy'], ['zero-copy', 'js']];

describe.each(OPTIMIZER_NAMES)('%s', (name) => {
  it.each(PAIRS.flatMap(([a, b]) => (['f64', 'f32'] as const).map((dtype) => [a, b, dtype] as const)))(
    'saved on %s, restored on %s (%s), finishes as the unbroken run',
    (first, second, dtype) => {
      const backend = (p: Path) => (p === 'js' ? 'js' : 'wasm');
      const options = { lr: 0.01, weightDecay: 0.001 };
      const whole = arrays(dtype, 'copy');
      steps(make(name, options), whole, 1, 10);

      const d1 = arrays(dtype, first);
      const a = make(name, { ...options, backend: backend(first) }) as ReturnType<typeof make> & { state(): unknown };
      steps(a, d1, 1, 5);
      const snapshot = structuredClone(a.state()); // as it would travel (postMessage, IndexedDB)
      const d2 = arrays(dtype, second);
      for (const k of Object.keys(SIZES)) d2.params[k].set(d1.params[k]);
      const b = make(name, { backend: backend(second) }) as ReturnType<typeof make> & { loadState(s: unknown): void; lr: number };
      b.loadState(snapshot);
      expect(b.steps).toBe(5);
      expect(b.lr).toBe(0.01);
      steps(b, d2, 6, 10);
      expect(b.lastPath).toBe(second);
      for (const k of Object.keys(SIZES)) expectSameBits(d2.params[k], whole.params[k], k);
    },
  );
});

describe('a bad snapshot is an error naming what is wrong, and changes nothing', () => {
  const good = () => {
    const set = new ParamSet(SIZES);
    set.flatGrads.fill(0.5);
    const opt = new Adam();
    opt.update(set.params, set.grads);
    return { set, opt, snap: opt.state() };
  };
  const CASES: [string, (s: ReturnType<Adam['state']>) => unknown, RegExp][] = [
    ['not an object', () => 42, /Adam.loadState: the snapshot must be an object/],
    ['another optimizer', (s) => ({ ...s, optimizer: 'SGD' }), /the snapshot is of SGD, not Adam/],
    ['a future version', (s) => ({ ...s, version: 2 }), /version 2 is not supported/],
    ['a bad hyperparameter', (s) => ({ ...s, hyper: { ...s.hyper, beta1: 1.5 } }), /hyper.beta1 must be a number in \[0, 1\)/],
    ['an unknown state array', (s) => ({ ...s, keys: { ...s.keys, W: { ...s.keys.W, z: new Float64Array(21) } } }), /keys\['W'\] has 'z'/],
    ['a state array of the wrong length', (s) => ({ ...s, keys: { ...s.keys, b: { m: new Float64Array(3), v: new Float64Array(4) } } }), /keys\['b'\].v has length 4/],
    ['a state array of the wrong dtype', (s) => ({ ...s, keys: { ...s.keys, b: { m: new Float32Array(3), v: new Float64Array(3) } } }), /keys\['b'\].m is a Float32Array, but the snapshot's dtype is f64/],
    ['a step with no keys', (s) => ({ ...s, keys: {} }), /keys, a dtype and step > 0 together/],
  ];
  it.each(CASES)('%s', (_what, spoil, message) => {
    const { set, opt, snap } = good();
    const before = { params: set.flatParams.slice(), state: opt.state() };
    expect(() => opt.loadState(spoil(snap) as never)).toThrow(message);
    expectSameBits(set.flatParams, before.params, 'params');
    expect(opt.steps).toBe(1);
    expectSameBits(opt.stateOf('W')!.m, before.state.keys.W.m, 'state m');
  });

  it('after loading, the next update must bring the same keys and lengths', () => {
    const { snap } = good();
    const opt = new Adam();
    opt.loadState(snap);
    expect(() => opt.update({ W: new Float64Array(20), b: new Float64Array(3) }, { W: new Float64Array(20), b: new Float64Array(3) })).toThrow(
      /params\['W'\] has length 20, but 21 at the first update/,
    );
  });

  it('SGD (no state) and a fresh optimizer round-trip too', () => {
    const sgd = new SGD({ lr: 0.5 });
    sgd.update({ w: new Float64Array(2) }, { w: new Float64Array(2) });
    const other = new SGD();
    other.loadState(sgd.state());
    expect([other.steps, other.lr]).toEqual([1, 0.5]);
    const fresh = new Momentum();
    const again = new Momentum();
    again.loadState(fresh.state());
    expect([again.steps, again.dtype]).toEqual([0, null]);
  });
});

// Hostile but legal input to snapshots, keys and gradient clipping (issue 12,
// section 2, items 3, 4, 7, 8 and 9): each either works as a well-behaved
// input would, or is a clear error that changes nothing.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Adam, ParamSet, SGD, cosineWithWarmup, stateFromJSON, stateToJSON, torch } from '../src/index.js';
import * as jsEntry from '../src/js.js';
import type { OptimizerState } from '../src/index.js';
import { expectSameBits } from './support/bits.js';

type Floats = Float64Array | Float32Array;
const ARRAY = { f64: Float64Array, f32: Float32Array } as const;
const fill = (a: Floats, t: number, k = 0) => a.forEach((_, i) => (a[i] = Math.sin(t * 0.7 + i * 1.3 + k)));
const dicts = (sizes: Record<string, number>, dtype: 'f64' | 'f32' = 'f64') => {
  const make = () => Object.fromEntries(Object.entries(sizes).map(([k, n]) => [k, new ARRAY[dtype](n)]));
  return { params: make(), grads: make() };
};
function run(opt: { update(p: object, g: object): void }, d: { params: Record<string, Floats>; grads: Record<string, Floats> }, from: number, to: number) {
  for (let t = from; t <= to; t++) {
    Object.values(d.grads).forEach((a, k) => fill(a, t, k));
    opt.update(d.params, d.grads);
  }
}

/** An Adam that made 2 updates on { W: 5, b: 3 }, its arrays and its snapshot. */
function adamAtStep2() {
  const d = dicts({ W: 5, b: 3 });
  const opt = new Adam({ lr: 0.01 });
  run(opt, d, 1, 2);
  return { d, opt, snap: opt.state() };
}

/** A snapshot whose field `name` answers `first` on the first read and `later` on every read after. */
function twoFaced(snap: OptimizerState, name: string, first: unknown, later: unknown): OptimizerState {
  let reads = 0;
  const out = { ...snap } as Record<string, unknown>;
  delete out[name];
  Object.defineProperty(out, name, { get: () => (reads++ === 0 ? first : later), enumerable: true });
  return out as unknown as OptimizerState;
}

describe('loadState reads each field of a snapshot once, and checks what it installs', () => {
  it.each([
    ['step', 2, NaN],
    ['step', 2, -1],
    ['dtype', 'f64', 'f32'],
  ])('%s: valid at the first read (%s), not later (%s)', (name, first, later) => {
    const { snap } = adamAtStep2();
    const opt = new Adam({ lr: 0.01 });
    opt.loadState(twoFaced(snap, name, first, later));
    expect(name === 'step' ? opt.steps : opt.dtype).toBe(first);
  });

  it('hyper: an lr getter that answers 0.02 first and -5 after installs 0.02', () => {
    const { snap } = adamAtStep2();
    let reads = 0;
    const hyper = { ...snap.hyper };
    Object.defineProperty(hyper, 'lr', { get: () => (reads++ === 0 ? 0.02 : -5), enumerable: true });
    const opt = new Adam();
    opt.loadState({ ...snap, hyper });
    expect(opt.lr).toBe(0.02);
  });

  it('a state array whose class lies about its length is refused by its true length', () => {
    const { snap } = adamAtStep2();
    class Liar extends Float64Array {
      override get length() {
        return 3;
      }
    }
    const m = new Liar(5); // b's state has length 3; this one holds 5
    const opt = new Adam();
    expect(() => opt.loadState({ ...snap, keys: { ...snap.keys, b: { m, v: snap.keys.b.v } } })).toThrow(/keys\['b'\]\.(m|v) has length/);
    expect(opt.steps).toBe(0);
  });

  it('a state array whose species hands out an array the caller keeps cannot reach the state later', () => {
    const { d, snap } = adamAtStep2();
    const kept = new Float64Array(5);
    class Leaky extends Float64Array {
      static override get [Symbol.species]() {
        return function () {
          return kept;
        };
      }
    }
    const leaky = Leaky.from(snap.keys.W.m) as Float64Array;
    const a = new Adam({ lr: 0.01 });
    a.loadState({ ...snap, keys: { ...snap.keys, W: { m: leaky, v: snap.keys.W.v } } });
    kept.fill(1e6);
    leaky.fill(1e6);
    const b = new Adam({ lr: 0.01 });
    b.loadState(snap);
    const [da, db] = [structuredClone(d), structuredClone(d)];
    run(a, da, 3, 3);
    run(b, db, 3, 3);
    expectSameBits(da.params.W, db.params.W, 'W');
  });
});

describe('keys are data: every own key string works through update, state, loadState, stateOf and ParamSet', () => {
  const KEYS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', '', '0'];
  const sizesOf = (key: string) => JSON.parse(`{${JSON.stringify(key)}: 4, "W": 3}`) as Record<string, number>;

  it.each(KEYS)('%j on plain dicts: a restored run finishes as the unbroken one', (key) => {
    const whole = dicts(sizesOf(key));
    run(new Adam({ lr: 0.01 }), whole, 1, 4);
    const d = dicts(sizesOf(key));
    const first = new Adam({ lr: 0.01 });
    run(first, d, 1, 2);
    expect(first.stateOf(key)!.m).toHaveLength(4);
    const snap = structuredClone(first.state());
    expect(Object.keys(snap.keys)).toEqual(Object.keys(d.params));
    expect(Object.hasOwn(snap.keys, key)).toBe(true);
    const second = new Adam({ lr: 0.01 });
    second.loadState(snap);
    run(second, d, 3, 4);
    for (const k of Object.keys(d.params)) expectSameBits(d.params[k], whole.params[k], k);
  });

  it.each(KEYS)('%j in a ParamSet (sizes from JSON.parse): a view of its own, updated in place', (key) => {
    const set = new ParamSet(sizesOf(key));
    expect(Object.keys(set.params)).toEqual(Object.keys(sizesOf(key)));
    expect(Object.hasOwn(set.params, key) && Object.hasOwn(set.grads, key) && Object.hasOwn(set.shapes, key)).toBe(true);
    expect([set.params[key].length, set.grads[key].length, set.size]).toEqual([4, 4, 7]);
    expect(set.shapes[key]).toEqual([4]);
    set.flatGrads.fill(1);
    const opt = new SGD({ lr: 0.5 });
    opt.update(set.params, set.grads);
    expect(opt.lastPath).toBe('zero-copy');
    expect([...set.flatParams]).toEqual(new Array(7).fill(-0.5));
  });
});

describe('a schedule that reaches 0 round-trips through a snapshot', () => {
  it('cosineWithWarmup with minLr 0, saved after its end, restores and continues as the unbroken run', () => {
    const lr = () => cosineWithWarmup({ lr: 0.1, warmupSteps: 1, totalSteps: 3, minLr: 0 });
    const whole = dicts({ W: 5 });
    run(new Adam({ lr: lr() }), whole, 1, 6);
    const d = dicts({ W: 5 });
    const first = new Adam({ lr: lr() });
    run(first, d, 1, 4);
    const snap = structuredClone(first.state());
    expect(snap.hyper.lr).toBe(0);
    for (const second of [new Adam({ lr: lr() }), new Adam()]) {
      const again = structuredClone(d);
      second.loadState(snap);
      run(second, again, 5, 6);
      expectSameBits(again.params.W, whole.params.W, 'W');
    }
  });

  it.each([
    ['SGD', () => new SGD({ lr: 0.5 })],
    ['torch.SGD', () => new torch.SGD({ lr: 0.5 })],
    ['Adam', () => new Adam({ lr: 0.5 })],
  ])('%s: a loaded snapshot is saved again whole before the next update', (_name, make) => {
    const first = make();
    first.update({ w: new Float64Array(2), b: new Float64Array(1) }, { w: new Float64Array(2), b: new Float64Array(1) });
    const second = make();
    second.loadState(first.state());
    expect(second.state()).toEqual(first.state());
    const third = make();
    third.loadState(second.state());
    expect([third.steps, third.lr]).toEqual([1, 0.5]);
  });

  it('a snapshot lr of 0 is still refused where no schedule could have given it: a negative lr', () => {
    const { snap } = adamAtStep2();
    expect(() => new Adam().loadState({ ...snap, hyper: { ...snap.hyper, lr: -1 } })).toThrow(/hyper.lr must be a finite number > 0/);
  });
});

describe('clipNorm with a non-finite norm, as PyTorch’s clip_grad_norm_', () => {
  const PATHS = (['f64', 'f32'] as const).flatMap((dtype) => (['zero-copy', 'copy', 'js'] as const).map((path) => ({ dtype, path })));
  /** { W: 6, b: 2 } with gradient `bad` at W[2], params and grads as the path wants. */
  function setup(dtype: 'f64' | 'f32', path: string, bad: number) {
    const set = new ParamSet({ W: 6, b: 2 }, { dtype });
    const d = path === 'zero-copy' ? { params: set.params as Record<string, Floats>, grads: set.grads as Record<string, Floats> } : dicts({ W: 6, b: 2 }, dtype);
    Object.values(d.params).forEach((a, k) => fill(a, 9, k));
    Object.values(d.grads).forEach((a, k) => fill(a, 1, k));
    d.grads.W[2] = bad;
    return d;
  }

  it.each(PATHS)('$dtype $path: a NaN norm makes every gradient NaN, an infinite one every finite gradient 0', ({ dtype, path }) => {
    const r = dtype === 'f32' ? Math.fround : (x: number) => x;
    for (const bad of [NaN, Infinity, -Infinity]) {
      const d = setup(dtype, path, bad);
      const before = structuredClone(d.params);
      const opt = new SGD({ lr: 0.5, clipNorm: 1, backend: path === 'js' ? 'js' : 'wasm' });
      opt.update(d.params, d.grads);
      expect(opt.lastPath).toBe(path);
      // PyTorch: coef = clipNorm / (norm + 1e-6), clamped to ≤ 1; every gradient times it.
      const norm = Math.sqrt(Object.values(d.grads).reduce((s, g) => g.reduce((a, x) => a + x * x, s), 0));
      const coef = Math.min(1 / (norm + 1e-6), 1);
      expect(Object.is(opt.lastGradNorm, norm)).toBe(true);
      for (const k of Object.keys(d.params)) {
        const want = before[k].map((p, i) => r(p - r(0.5 * r(d.grads[k][i] * r(coef)))));
        expectSameBits(d.params[k], want, `${bad} ${k}`);
        if (Number.isNaN(bad)) expect(d.params[k].every(Number.isNaN), k).toBe(true);
        else expect(d.params[k].filter((x, i) => x === before[k][i]).length, k).toBe(k === 'W' ? 5 : 2);
      }
    }
  });

  it.each(PATHS)('$dtype $path: errorIfNonfinite throws naming it, and changes nothing', ({ dtype, path }) => {
    for (const bad of [NaN, Infinity]) {
      const d = setup(dtype, path, 0.25);
      const opt = new torch.Adam({ clipNorm: 1, errorIfNonfinite: true, backend: path === 'js' ? 'js' : 'wasm' } as object);
      opt.update(d.params, d.grads);
      const [params, state] = [structuredClone(d.params), opt.state()];
      d.grads.b[1] = bad;
      expect(() => opt.update(d.params, d.grads)).toThrow(/torch\.Adam: errorIfNonfinite: the gradients' global norm is (NaN|Infinity)/);
      for (const k of Object.keys(params)) {
        expectSameBits(d.params[k], params[k], k);
        expectSameBits(opt.stateOf(k)!.expAvg, state.keys[k].expAvg, `${k} expAvg`);
      }
      expect(opt.steps).toBe(1);
      d.grads.b[1] = 0.5;
      opt.update(d.params, d.grads);
      expect(opt.steps).toBe(2);
    }
  });

  it('errorIfNonfinite without clipNorm: the first update refused leaves a fresh optimizer; lastGradNorm reports the norm', () => {
    const opt = new SGD({ errorIfNonfinite: true } as object);
    const p = new Float64Array([1, 2]);
    expect(() => opt.update({ w: p }, { w: new Float64Array([3, -Infinity]) })).toThrow(/SGD: errorIfNonfinite: the gradients' global norm is Infinity/);
    expect([opt.steps, opt.dtype, opt.stateOf('w'), [...p]]).toEqual([0, null, undefined, [1, 2]]);
    opt.update({ v: new Float32Array([1]) }, { v: new Float32Array([4]) });
    expect([opt.steps, opt.dtype, opt.lastGradNorm]).toEqual([1, 'f32', 4]);
  });

  it('errorIfNonfinite and clipNorm are over the whole update: a group cannot set them', () => {
    expect(() => new Adam({ groups: [{ keys: ['b'], errorIfNonfinite: true }] })).toThrow(/groups\[0\]: errorIfNonfinite is over the whole update/);
  });
});

describe('JSON snapshots: stateToJSON / stateFromJSON', () => {
  /** An optimizer whose snapshot holds -0, NaN and ±Infinity in its arrays and options, and '__proto__' as a key. */
  function awkward<O extends { update(p: object, g: object): void; state(): OptimizerState; loadState(s: OptimizerState): void }>(opt: O, dtype: 'f64' | 'f32') {
    const d = dicts(JSON.parse('{"__proto__": 4, "W": 5}'), dtype);
    run(opt, d, 1, 2);
    const s = opt.state();
    const first = Object.values(s.keys)[0];
    Object.values(first)[0].set([-0, NaN, Infinity, -Infinity]);
    opt.loadState(s);
    return d;
  }

  it('the documented recipe, as written, restores every bit: -0, NaN, ±Infinity in arrays and options, and the run continues alike', () => {
    const opt = new Adam({ lr: 0.01, weightDecay: -0, clipValue: Infinity });
    const d = awkward(opt, 'f64');

    // The guide's JSON recipe (docs/guide.md), run as written there (its import line stands for these bindings):
    const recipe = /```ts\nimport \{ stateFromJSON, stateToJSON \} from 'simd-optim';\n([^`]*)```/.exec(readFileSync(new URL('../docs/guide.md', import.meta.url), 'utf8'));
    expect(recipe, 'the recipe in docs/guide.md').not.toBeNull();
    const restored = new Function('opt', 'Adam', 'stateToJSON', 'stateFromJSON', `${recipe![1]}\nreturn restored;`)(opt, Adam, stateToJSON, stateFromJSON) as Adam;

    expect(restored.state()).toEqual(opt.state());
    expect(Object.is(restored.weightDecay, -0)).toBe(true);
    expect([restored.clipNorm, restored.clipValue]).toEqual([Infinity, Infinity]);
    const again = structuredClone(d);
    run(opt, d, 3, 3);
    run(restored, again, 3, 3);
    for (const k of Object.keys(d.params)) expectSameBits(again.params[k], d.params[k], k);
  });

  it.each(['f64', 'f32'] as const)('%s, torch.NAdam (its muProduct too) and the simd-optim/js entry', (dtype) => {
    const opt = new jsEntry.torch.NAdam({ clipNorm: 1e300 });
    awkward(opt, dtype);
    const back = stateFromJSON(jsEntry.stateToJSON(opt.state()));
    expect(back).toEqual(opt.state());
    for (const [key, byName] of Object.entries(opt.state().keys)) for (const [name, a] of Object.entries(byName)) expectSameBits(back.keys[key][name], a, `${key}.${name}`);
    expect(back.scalars!.muProduct).toBe(opt.state().scalars!.muProduct);
  });

  it('plain JSON.stringify, by contrast, loses clipNorm: Infinity (why the recipe exists)', () => {
    const { opt } = adamAtStep2();
    const plain = JSON.parse(JSON.stringify(opt.state())) as OptimizerState;
    expect(plain.hyper.clipNorm).toBe(null);
  });

  it.each([
    ['not JSON', () => stateFromJSON('{'), /stateFromJSON: the text is not JSON/],
    ['not a string', () => stateFromJSON(42 as never), /stateFromJSON: the text must be a string/],
    ['an array not in base64', (t: string) => stateFromJSON(t.replace(/"m":"[^"]*"/, '"m":"@@"')), /stateFromJSON: keys\['W'\]\.m is not base64/],
    ['an array of a broken length', (t: string) => stateFromJSON(t.replace(/"m":"[^"]*"/, '"m":"AAAA"')), /keys\['W'\]\.m has 3 bytes, not a whole number of f64 elements/],
    ['an unknown spelling of a number', (t: string) => stateFromJSON(t.replace('{"number":"Infinity"}', '{"number":"inf"}')), /hyper\.clipNorm must be a number, a string, a flag or \{"number"/],
  ])('stateFromJSON: %s is a clear error', (_what, read, message) => {
    const text = stateToJSON(adamAtStep2().snap);
    expect(() => read(text)).toThrow(message);
  });

  it('stateToJSON refuses an array of another dtype than the snapshot’s (its bytes would read back as other numbers)', () => {
    const { snap } = adamAtStep2();
    const spoiled = { ...snap, keys: { ...snap.keys, b: { m: new Float32Array(6), v: snap.keys.b.v } } };
    expect(() => stateToJSON(spoiled)).toThrow(/stateToJSON: keys\['b'\]\.m must be a Float64Array \(the snapshot's dtype is f64\)/);
  });
});

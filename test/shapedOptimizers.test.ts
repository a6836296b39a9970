// torch.Adafactor and LAMB beyond the golden data: keys longer than the copy
// path's shared staging room (staged whole), gradient clipping (applied once,
// before the rule's passes, on every path), snapshots that carry each key's
// shape, the shape a key's state was made for, and the options they refuse.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LAMB, ParamSet, stateFromJSON, stateToJSON, torch } from '../src/index.js';
import { STAGING_ELEMENTS } from '../src/engines/wasmEngine.js';
import { expectSameBits } from './support/bits.js';

type Floats = Float64Array | Float32Array;
type Shaped = InstanceType<typeof LAMB> | InstanceType<typeof torch.Adafactor>;

// W is longer than the shared staging room, so the copy path must stage it whole in the optimizer's own room.
const SHAPES = { W: [784, 100], b: [100], L: [3, STAGING_ELEMENTS + 5] } as const;
const KEYS = Object.keys(SHAPES) as (keyof typeof SHAPES)[];
const sizeOf = (k: keyof typeof SHAPES) => SHAPES[k].reduce((a: number, b: number) => a * b, 1);

/** A deterministic stream: a different gradient at every step, depending on p as a loss's would. */
function fill(params: Record<string, Floats>, grads: Record<string, Floats>, t: number): void {
  KEYS.forEach((key, k) => {
    const g = grads[key];
    const p = params[key];
    for (let i = 0; i < g.length; i++) g[i] = Math.sin(0.37 * i + 1.3 * k + 0.11 * t) * (1 + (i % 7)) * 0.01 + 0.05 * p[i];
  });
}

const MAKERS: [string, (o: Record<string, unknown>) => Shaped][] = [
  ['torch.Adafactor', (o) => new torch.Adafactor({ weightDecay: 0.01, ...o })],
  ['LAMB', (o) => new LAMB({ weightDecay: 0.01, ...o })],
];

describe.each(MAKERS)('%s', (name, make) => {
  // Only Adafactor's state is sized by the shape; LAMB's m and v are as long as the key.
  const sized = name === 'torch.Adafactor';
  describe.each([Float64Array, Float32Array])('%o', (Array) => {
    const fresh = () => Object.fromEntries(KEYS.map((k) => [k, new Array(sizeOf(k)).map((_, i) => Math.cos(i * 0.01 + k.length) * 0.1)])) as Record<string, Floats>;
    const zeros = () => Object.fromEntries(KEYS.map((k) => [k, new Array(sizeOf(k))])) as Record<string, Floats>;
    const shapes = { shapes: SHAPES };

    /** `steps` updates of a new optimizer on the given path (ParamSet arrays for 'zero-copy'); or continuing `opt`. */
    function run(path: 'zero-copy' | 'copy' | 'js', steps: number, from?: { params: Record<string, Floats>; opt: Shaped }, options: Record<string, unknown> = {}, expectPath: string = path) {
      const set = new ParamSet(SHAPES, { dtype: Array === Float32Array ? 'f32' : 'f64', stateSlots: 3 });
      const params = path === 'zero-copy' ? set.params : zeros();
      const grads = path === 'zero-copy' ? set.grads : zeros();
      for (const k of KEYS) params[k].set(from ? from.params[k] : fresh()[k]);
      const opt = from?.opt ?? make({ ...(path === 'zero-copy' ? {} : shapes), ...options, backend: path === 'js' ? 'js' : 'wasm' });
      for (let t = opt.steps + 1, end = opt.steps + steps; t <= end; t++) {
        fill(params, grads, t);
        const given = KEYS.map((k) => grads[k].slice());
        opt.update(params, grads);
        KEYS.forEach((k, i) => expectSameBits(grads[k], given[i], `grads ${k} untouched`));
      }
      expect(opt.lastPath).toBe(expectPath);
      return { params, opt };
    }

    // clipNorm small enough to scale every step's gradients; clipValue below some of them.
    it.each([{ clipNorm: 0.05 }, { clipValue: 0.004 }, { clipNorm: 0.05, clipValue: 0.004 }])('%o: the gradients are transformed once, before the rule: every path gives the JS reference’s bits', (clip) => {
      const js = run('js', 3, undefined, clip);
      const plain = run('js', 3);
      expect(Object.is(js.params.W[0], plain.params.W[0]) && Object.is(js.params.L[7], plain.params.L[7]), 'clipping changed the result').toBe(false);
      // On a ParamSet the transformed gradients are staged (the caller's are never written): the copy path.
      for (const [path, expectPath] of [['copy', 'copy'], ['zero-copy', 'copy']] as const) {
        const other = run(path, 3, undefined, clip, expectPath);
        for (const k of KEYS) expectSameBits(other.params[k], js.params[k], `${path} ${k}`);
      }
    });

    it('keys longer than the shared staging room: the copy path gives the JS reference’s bits, as does zero-copy', () => {
      const js = run('js', 4);
      for (const path of ['copy', 'zero-copy'] as const) {
        const other = run(path, 4);
        for (const k of KEYS) {
          expectSameBits(other.params[k], js.params[k], `${path} ${k}`);
          const want = js.opt.stateOf(k)!;
          for (const [name, s] of Object.entries(other.opt.stateOf(k)!)) expectSameBits(s, want[name], `${path} state ${name} ${k}`);
        }
      }
    });

    it('a snapshot (through JSON) continues on another path with the same bits, and records each key’s shape', () => {
      const whole = run('zero-copy', 5);
      const first = run('copy', 3);
      const snapshot = first.opt.state();
      expect(snapshot.shapes).toEqual(sized ? { W: [1, 784, 100], b: [100], L: [1, 3, STAGING_ELEMENTS + 5] } : undefined);
      const next = make({ shapes: SHAPES, backend: 'js' });
      next.loadState(stateFromJSON(stateToJSON(snapshot)));
      const rest = run('js', 2, { params: first.params, opt: next });
      for (const k of KEYS) expectSameBits(rest.params[k], whole.params[k], k);
    });

    it.runIf(sized)('refuses a snapshot whose state does not fit the shape it records, and a key of another shape after loading', () => {
      const first = run('copy', 1);
      const snapshot = first.opt.state();
      const bad = { ...snapshot, keys: { ...snapshot.keys, W: { ...snapshot.keys.W, row: snapshot.keys.W.row.subarray(1) } } };
      const next = make({ backend: 'js' });
      expect(() => next.loadState(bad)).toThrow(/keys\['W'\]\.row has length 783; for the shape shapes\['W'\] records it has 784/);
      expect(() => next.loadState({ ...snapshot, shapes: undefined })).toThrow(/shapes must be an object/);
      next.loadState(snapshot);
      const params = zeros();
      const before = params.W.slice();
      expect(() => next.update(params, zeros())).toThrow(/key 'W' has shape \[78400\], but its state was made for \[1, 784, 100\]/);
      expectSameBits(params.W, before, 'untouched');
      expect(next.steps).toBe(1);
    });
  });
});

it('torch.Adafactor keeps 884 numbers for a 784×100 key (its row and column factors), and the full v for a 1-dim key', () => {
  const set = new ParamSet({ W: [784, 100], b: [100] }, { stateSlots: 3 });
  const opt = new torch.Adafactor();
  set.grads.W.fill(0.1);
  set.grads.b.fill(0.1);
  opt.update(set.params, set.grads);
  const lengths = (k: string) => Object.values(opt.stateOf(k)!).map((s) => s.length);
  expect(lengths('W')).toEqual([784, 100, 0]);
  expect(lengths('b')).toEqual([0, 0, 100]);
  expect(() => new torch.Adafactor({ eps1: 0 })).toThrow(/eps1 must be a finite number > 0, or null/);
  expect(() => new torch.Adafactor({ beta2Decay: 0.1 })).toThrow(/beta2Decay must be a finite number ≤ 0/);
  expect(() => new torch.Adafactor({ d: 0.5 })).toThrow(/d must be a finite number ≥ 1/);
});

// ---- properties: random shapes, options and dtypes; every path gives the JS reference's bits ----

const dims = fc.oneof(
  fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 1 }),
  fc.array(fc.integer({ min: 1, max: 13 }), { minLength: 2, maxLength: 3 }),
);
const anyNum = (min: number, max: number) => fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
const limit = fc.oneof(fc.constant(Infinity), anyNum(1e-3, 1));
const adafactorOptions = fc.record({
  lr: anyNum(1e-4, 0.5),
  beta2Decay: anyNum(-1, 0),
  eps1: fc.oneof(fc.constant(null), anyNum(1e-30, 1e-3)),
  eps2: anyNum(1e-6, 1e-2),
  d: anyNum(1, 3),
  weightDecay: fc.oneof(fc.constant(0), anyNum(0, 0.1)),
  clipNorm: limit,
  clipValue: limit,
});
const lambOptions = fc.record({
  lr: anyNum(1e-4, 0.5),
  beta1: anyNum(0, 0.999),
  beta2: anyNum(0, 0.999),
  eps: anyNum(1e-9, 1e-3),
  weightDecay: fc.oneof(fc.constant(0), anyNum(0, 0.1)),
  clipNorm: limit,
  clipValue: limit,
});

it('any shapes, options and dtype: ParamSet, copy path and JS backend agree bit for bit, and a snapshot taken midway continues on another path', () => {
  fc.assert(
    fc.property(
      fc.constantFrom('torch.Adafactor', 'LAMB'),
      fc.dictionary(fc.constantFrom('a', 'b', 'c', 'd'), dims, { minKeys: 1 }),
      fc.constantFrom('f64', 'f32'),
      fc.integer({ min: 1, max: 4 }),
      fc.integer({ min: 0, max: 2 ** 31 - 1 }),
      adafactorOptions,
      lambOptions,
      (name, shapes, dtype, steps, seed, ao, lo) => {
        const Array = dtype === 'f32' ? Float32Array : Float64Array;
        const keys = Object.keys(shapes);
        const options = name === 'LAMB' ? lo : ao;
        const make = (o: Record<string, unknown>): Shaped => (name === 'LAMB' ? new LAMB({ ...options, ...o }) : new torch.Adafactor({ ...options, ...o }));
        const size = (k: string) => shapes[k].reduce((a, b) => a * b, 1);
        // A deterministic stream from the seed; some gradients 0, so a key's norm can be 0.
        const value = (k: number, i: number, t: number) => (((seed + 7919 * k + 104729 * t + 31 * i) % 997) / 997 - 0.5) * (i % 5 === 0 ? 0 : 0.2);
        const runOn = (path: 'zero-copy' | 'copy' | 'js', snapshotAt: number | null) => {
          const set = new ParamSet(shapes, { dtype, stateSlots: 3 });
          const plain = () => Object.fromEntries(keys.map((k) => [k, new Array(size(k))]));
          const params: Record<string, Floats> = path === 'zero-copy' ? set.params : plain();
          const grads: Record<string, Floats> = path === 'zero-copy' ? set.grads : plain();
          keys.forEach((k, j) => params[k].forEach((_, i, a) => (a[i] = value(j, i, 0))));
          const backend = path === 'js' ? 'js' : 'wasm';
          let opt = make({ ...(path === 'zero-copy' ? {} : { shapes }), backend });
          for (let t = 1; t <= steps; t++) {
            keys.forEach((k, j) => grads[k].forEach((_, i, a) => (a[i] = value(j, i, t))));
            opt.update(params, grads);
            if (t === snapshotAt) {
              const snapshot = structuredClone(opt.state());
              opt = make({ shapes, backend: 'js' });
              opt.loadState(snapshot);
            }
          }
          return { params, state: Object.fromEntries(keys.map((k) => [k, opt.stateOf(k)!])) };
        };
        const js = runOn('js', null);
        for (const [path, at] of [['zero-copy', null], ['copy', null], ['zero-copy', 1]] as const) {
          const other = runOn(path, at);
          for (const k of keys) {
            expectSameBits(other.params[k], js.params[k], `${path} ${k}`);
            for (const [s, a] of Object.entries(other.state[k])) expectSameBits(a, js.state[k][s], `${path} state ${s} ${k}`);
          }
        }
      },
    ),
    { numRuns: 100 },
  );
});

// Input that is legal but hostile (issue 12, section 2, items 1, 2, 5, 6, 10):
// typed-array subclasses, dicts with odd properties, schedules and getters
// that call back into the optimizer, option names from Object.prototype.
// Each case gets the right answer or a clear error with nothing changed.
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { Adam, AdaGrad, ParamSet, RMSProp, SGD, torch } from '../src/index.js';
import type { Dict } from '../src/index.js';
import { STAGING_ELEMENTS } from '../src/engines/wasmEngine.js';
import { expectSameBits } from './support/bits.js';

type Floats = Float64Array | Float32Array;
type ArrayClass = Float64ArrayConstructor | Float32ArrayConstructor;
const BACKENDS = ['wasm', 'js'] as const;
const BIG = STAGING_ELEMENTS + 3616; // spans two staging batches on the copy path

const ramp = (n: number, s: number) => Float64Array.from({ length: n }, (_, i) => Math.sin(i * s + 1));

/** A plain view of the same memory, to compare without asking the subclass anything. */
const plain = (a: Floats): Floats =>
  a instanceof Float32Array ? new Float32Array(a.buffer, a.byteOffset, BYTES_LENGTH(a) / 4) : new Float64Array(a.buffer, a.byteOffset, BYTES_LENGTH(a) / 8);
const byteLength = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(Int8Array.prototype), 'byteLength')!.get!;
const BYTES_LENGTH = (a: Floats) => byteLength.call(a) as number;

/** A tensor class as a library might write one: its constructor takes a shape and data, not a length. */
function tensorClass(Base: ArrayClass) {
  return class Tensor extends (Base as Float64ArrayConstructor) {
    readonly shape: number[];
    constructor(shape: number[], data: ArrayLike<number>) {
      super(data.length);
      if (shape.reduce((a, b) => a * b, 1) !== data.length) throw new Error('Tensor: the data does not fit the shape');
      this.set(data);
      this.shape = shape;
    }
  };
}

/** A subclass that lies about its length and whose copying methods do nothing or throw. */
function overriderClass(Base: ArrayClass) {
  return class Overrider extends (Base as Float64ArrayConstructor) {
    override get length(): number {
      return 3;
    }
    override set(): void {}
    override subarray(): never {
      throw new Error('Overrider: no subarray');
    }
    override slice(): never {
      throw new Error('Overrider: no slice');
    }
  };
}

/** Makes an array of class `kind` (over a base of `Base`) holding `values`. */
type Make = (Base: ArrayClass, values: Float64Array) => Floats;
const KINDS: [string, Make][] = [
  ['a Tensor whose constructor takes (shape, data)', (Base, v) => new (tensorClass(Base))([v.length], Base.from(v))],
  [
    'a subclass overriding length, set, subarray and slice',
    (Base, v) => {
      const a = new (overriderClass(Base))(v.length);
      plain(a).set(Base.from(v));
      return a;
    },
  ],
];

/** params and grads of W (longer than a staging batch), b and c, as `make` builds them. */
function dicts(Base: ArrayClass, make: (Base: ArrayClass, values: Float64Array) => Floats) {
  const sizes = { W: BIG, b: 300, c: 7 };
  const params: Record<string, Floats> = {};
  const grads: Record<string, Floats> = {};
  Object.entries(sizes).forEach(([k, n], i) => {
    params[k] = make(Base, ramp(n, 0.3 + i));
    grads[k] = make(Base, ramp(n, 0.7 + i));
  });
  return { params, grads };
}
const plainArrays: Make = (Base, v) => Base.from(v);

type AnyOpt = InstanceType<typeof Adam>;

/** Runs `steps` updates of two optimizers made by `build`, one on `kind` arrays, one on plain ones, and compares every bit. */
function expectSameAsPlain(build: () => AnyOpt, Base: ArrayClass, make: Make, steps = 2): void {
  const hostile = dicts(Base, make);
  const reference = dicts(Base, plainArrays);
  const a = build();
  const b = build();
  for (let t = 0; t < steps; t++) {
    a.update(hostile.params as Dict, hostile.grads as Dict);
    b.update(reference.params as Dict, reference.grads as Dict);
  }
  expect(a.steps).toBe(steps);
  for (const k of Object.keys(reference.params)) {
    expectSameBits(plain(hostile.params[k]), reference.params[k], `params ${k}`);
    expectSameBits(plain(hostile.grads[k]), reference.grads[k], `grads ${k}`);
    const sa = a.stateOf(k)!;
    const sb = b.stateOf(k)!;
    for (const name of a.stateNames) expectSameBits(sa[name], sb[name], `state ${name} of ${k}`);
  }
}

describe('typed-array subclasses update exactly as plain arrays (item 1)', () => {
  for (const backend of BACKENDS) {
    for (const Base of [Float64Array, Float32Array]) {
      it.each(KINDS)(`${backend}, ${Base.name}: %s`, (_name, make) => {
        expectSameAsPlain(() => new Adam({ backend }), Base, make);
        expectSameAsPlain(() => new torch.AdamW({ backend, weightDecay: 0.01, clipNorm: 1, clipValue: 0.5 }), Base, make);
      });
    }
  }

  it('a length-tracking array on a resizable buffer that grows is refused, not updated in part', () => {
    const buffer = new (ArrayBuffer as unknown as new (n: number, o: { maxByteLength: number }) => ArrayBuffer & { resize(n: number): void })(8 * 4, { maxByteLength: 8 * 16 });
    const W = new Float64Array(buffer);
    W.set([1, 2, 3, 4]);
    const opt = new SGD();
    opt.update({ W }, { W: Float64Array.of(1, 1, 1, 1) });
    buffer.resize(8 * 6);
    expect(() => opt.update({ W }, { W: Float64Array.of(1, 1, 1, 1, 1, 1) })).toThrow(/^SGD: params\['W'\] has length 6, but 4 at the first update/);
    buffer.resize(8 * 2);
    expect(() => opt.update({ W }, { W: Float64Array.of(1, 1) })).toThrow(/^SGD: params\['W'\] has length 2, but 4 at the first update/);
  });

  it('arrays and dicts from another realm (a vm context) update exactly as this realm\'s', () => {
    const other = runInNewContext('({ params: { W: new Float64Array(5).fill(0.5) }, grads: { W: Float64Array.of(1, -2, 3, -4, 5) } })') as {
      params: Record<string, Float64Array>;
      grads: Record<string, Float64Array>;
    };
    const mine = { params: { W: new Float64Array(5).fill(0.5) }, grads: { W: Float64Array.of(1, -2, 3, -4, 5) } };
    for (const backend of BACKENDS) {
      const a = new Adam({ backend });
      const b = new Adam({ backend });
      a.update(other.params, other.grads);
      b.update(mine.params, mine.grads);
      expectSameBits(new Float64Array(other.params.W), mine.params.W, `${backend}: W`);
    }
  });

  it('a subclass on the zero-copy path is recognised and updated in place', () => {
    const set = new ParamSet({ W: 10 });
    set.flatParams.set(ramp(10, 0.2));
    set.flatGrads.set(ramp(10, 0.4));
    const Over = overriderClass(Float64Array);
    const view = (a: Float64Array) => new Over(a.buffer, a.byteOffset, 10);
    const opt = new Adam({ backend: 'wasm' });
    const ref = new Adam({ backend: 'js' });
    const refParams = { W: set.params.W.slice() };
    opt.update({ W: view(set.params.W) }, { W: view(set.grads.W) });
    ref.update(refParams, { W: set.grads.W.slice() });
    expect(opt.lastPath).toBe('zero-copy');
    expectSameBits(set.params.W, refParams.W, 'W');
  });
});

describe('no code of the caller runs after the first write (item 2)', () => {
  for (const backend of BACKENDS) {
    for (const [name, make] of KINDS) {
      it(`${backend}: ${name} in a later param group, and with weight decay`, () => {
        // The first group (c's) runs first; W and b in the second must not be able to throw after it.
        const build = () => new Adam({ backend, weightDecay: 0.01, groups: [{ keys: ['W', 'b'], lr: 0.01 }] });
        expectSameAsPlain(build, Float64Array, make);
      });
    }

    it(`${backend}: a throw from a schedule, a key test or a dict getter on the second update leaves everything as it was`, () => {
      let armed = false;
      const boom = (): never => {
        throw new Error('boom');
      };
      const setUps: [string, RegExp, (g: Record<string, Floats>) => [Dict, AnyOpt]][] = [
        ['schedule', /the lr schedule gave NaN at step 2/, (g) => [g as Dict, new Adam({ backend, groups: [{ keys: ['W'], lr: () => (armed ? NaN : 0.01) }] })]],
        ['key test', /boom/, (g) => [g as Dict, new Adam({ backend, lr: () => 0.001, groups: [{ keys: (k) => (armed && k === 'c' ? boom() : k === 'W'), lr: 0.01 }] })]],
        [
          'getter',
          /boom/,
          (g) => {
            const withGetter = { ...g };
            Object.defineProperty(withGetter, 'c', { enumerable: true, get: () => (armed ? boom() : g.c) });
            return [withGetter as Dict, new Adam({ backend, groups: [{ keys: ['W'], lr: 0.01 }] })];
          },
        ],
      ];
      for (const [what, message, setUp] of setUps) {
        const { params, grads } = dicts(Float64Array, plainArrays);
        const [g, opt] = setUp(grads);
        armed = false;
        opt.update(params as Dict, g);
        const before = Object.fromEntries(Object.entries(params).map(([k, a]) => [k, a.slice()]));
        const state = Object.fromEntries(Object.keys(params).map((k) => [k, opt.stateOf(k)!]));
        armed = true;
        expect(() => opt.update(params as Dict, g), what).toThrow(message);
        expect(opt.steps, what).toBe(1);
        for (const k of Object.keys(params)) {
          expectSameBits(params[k], before[k], `${what}: params ${k}`);
          for (const s of opt.stateNames) expectSameBits(opt.stateOf(k)![s], state[k][s], `${what}: state ${s} of ${k}`);
        }
      }
    });
  }
});

describe('the key set is own enumerable string keys (item 5)', () => {
  const fresh = () => ({ params: { W: ramp(5, 0.3), b: ramp(3, 0.5) }, grads: { W: ramp(5, 0.7), b: ramp(3, 0.9) } });
  const cases: [string, RegExp, (p: Record<string, Float64Array>, g: Record<string, Float64Array>) => [unknown, unknown]][] = [
    [
      'a grads key whose param is not enumerable',
      /grads has key 'b' that params has not; params\['b'\] is not enumerable, and a key is an own enumerable property$/,
      (p, g) => {
        const q = { W: p.W };
        Object.defineProperty(q, 'b', { value: p.b, enumerable: false });
        return [q, g];
      },
    ],
    [
      'a grads key whose param is inherited',
      /grads has key 'b' that params has not; params only inherits 'b', and a key is an own enumerable property$/,
      (p, g) => [Object.assign(Object.create({ b: p.b }), { W: p.W }), g],
    ],
    ['a params key whose grad is inherited', /grads has no key 'b' \(params has it\); grads only inherits 'b'/, (p, g) => [p, Object.assign(Object.create({ b: g.b }), { W: g.W })]],
    ['a Map as params', /params must be an object of .* by name, got a Map/, (p, g) => [new Map(Object.entries(p)), g]],
    ['a Map as grads', /grads must be an object of .* by name, got a Map/, (p, g) => [p, new Map(Object.entries(g))]],
    ['an Array as params and grads', /params must be an object of .* by name, got a plain Array/, (p, g) => [[p.W, p.b], [g.W, g.b]]],
    ['a Float64Array as params', /params must be an object of .* by name, got Float64Array/, (p, g) => [p.W, g.W]],
    ['a Set as grads', /grads must be an object of .* by name, got a Set/, (p) => [p, new Set()]],
  ];
  for (const backend of BACKENDS) {
    it.each(cases)(`${backend}: %s is an error and changes nothing`, (_what, message, call) => {
      const { params, grads } = fresh();
      const opt = new Adam({ backend });
      opt.update(params, grads);
      const before = [params.W.slice(), params.b.slice(), opt.stateOf('b')!.v];
      const [p, g] = call(params, grads);
      expect(() => opt.update(p as Dict, g as Dict)).toThrow(message);
      expect(() => opt.update(p as Dict, g as Dict)).toThrow(/^Adam: /);
      expectSameBits(params.W, before[0], 'W');
      expectSameBits(params.b, before[1], 'b');
      expectSameBits(opt.stateOf('b')!.v, before[2], 'v of b');
      expect(opt.steps).toBe(1);
    });
  }

  it('symbol-keyed properties are not keys: they are ignored, and their arrays left alone', () => {
    const tag = Symbol('tag');
    const { params, grads } = fresh();
    const extra = ramp(4, 0.1);
    const p = { ...params, [tag]: extra };
    const g = { ...grads, [tag]: ramp(4, 0.2) };
    const opt = new Adam();
    const ref = new Adam();
    const refParams = { W: params.W.slice(), b: params.b.slice() };
    opt.update(p, g);
    ref.update(refParams, grads);
    expectSameBits(extra, ramp(4, 0.1), 'the symbol-keyed array');
    expectSameBits(params.W, refParams.W, 'W');
    expect(Object.keys(opt.state().keys)).toEqual(['W', 'b']);
  });
});

describe('re-entrant calls throw and change nothing; the running call goes on (item 6)', () => {
  const REENTRY = /^Adam: (update|reset|state|loadState|stateOf)\(\) is not allowed while (update|state|loadState)\(\) is running on the same optimizer.*nothing was changed/;
  const fresh = () => ({ params: { W: ramp(BIG, 0.3), b: ramp(3, 0.5) }, grads: { W: ramp(BIG, 0.7), b: ramp(3, 0.9) } });

  type Call = (opt: AnyOpt, saved: ReturnType<AnyOpt['state']>, d: ReturnType<typeof fresh>) => unknown;
  const CALLS: [string, Call][] = [
    ['update', (opt, _s, d) => opt.update(d.params, d.grads)],
    ['reset', (opt) => opt.reset()],
    ['loadState', (opt, saved) => opt.loadState(saved)],
    ['state', (opt) => opt.state()],
    ['stateOf', (opt) => opt.stateOf('W')],
    ['an option setter', (opt) => (opt.lr = 0.5)],
  ];

  for (const backend of BACKENDS) {
    it.each(CALLS)(`${backend}: %s from a schedule, a key test and a dict getter`, (_what, call) => {
      for (const from of ['schedule', 'key test', 'getter'] as const) {
        const d = fresh();
        const ref = fresh();
        const errors: unknown[] = [];
        let opt: AnyOpt;
        const reenter = () => {
          try {
            call(opt, saved, d);
          } catch (e) {
            errors.push(e);
          }
        };
        const lr = from === 'schedule' ? (t: number) => (reenter(), 0.001 * t) : (t: number) => 0.001 * t;
        const groups = from === 'key test' ? [{ keys: (k: string) => (reenter(), k === 'b'), lr: 0.002 }] : [{ keys: ['b'], lr: 0.002 }];
        opt = new Adam({ backend, lr, groups });
        const twin = new Adam({ backend, lr: (t: number) => 0.001 * t, groups: [{ keys: ['b'], lr: 0.002 }] });
        // A longer state to restore, with its own key set, as the corrupting loadState of the issue had.
        const other = new Adam({ backend });
        other.update({ W: ramp(BIG, 0.1), b: ramp(3, 0.2), x: ramp(9, 0.3) }, { W: ramp(BIG, 0.4), b: ramp(3, 0.5), x: ramp(9, 0.6) });
        other.update({ W: ramp(BIG, 0.1), b: ramp(3, 0.2), x: ramp(9, 0.3) }, { W: ramp(BIG, 0.4), b: ramp(3, 0.5), x: ramp(9, 0.6) });
        const saved = other.state();
        let grads: Dict = d.grads;
        if (from === 'getter') {
          grads = { W: d.grads.W } as Dict;
          Object.defineProperty(grads, 'b', { enumerable: true, get: () => (reenter(), d.grads.b) });
        }
        for (let t = 0; t < 3; t++) {
          opt.update(d.params, grads);
          twin.update(ref.params, ref.grads);
        }
        expect(errors.length, from).toBeGreaterThan(0);
        for (const e of errors) expect((e as Error).message, from).toMatch(_what === 'an option setter' ? /^Adam: setting lr is not allowed while update\(\) is running/ : REENTRY);
        expect(opt.steps, from).toBe(3);
        expect(opt.lr, from).toBe(lr);
        for (const k of ['W', 'b'] as const) {
          expectSameBits(d.params[k], ref.params[k], `${from}: params ${k}`);
          for (const s of opt.stateNames) expectSameBits(opt.stateOf(k)![s], twin.stateOf(k)![s], `${from}: state ${s} of ${k}`);
        }
      }
    });
  }

  it('an uncaught re-entrant call fails the running update, which changes nothing', () => {
    const { params, grads } = fresh();
    let armed = false;
    const opt: AnyOpt = new Adam({ lr: () => (armed && opt.reset(), 0.001) });
    opt.update(params, grads);
    const before = params.W.slice();
    const v = opt.stateOf('W')!.v;
    armed = true;
    expect(() => opt.update(params, grads)).toThrow(/reset\(\) is not allowed while update\(\) is running/);
    armed = false;
    expectSameBits(params.W, before, 'W');
    expectSameBits(opt.stateOf('W')!.v, v, 'v');
    expect(opt.steps).toBe(1);
    opt.update(params, grads); // and the optimizer is usable again
    expect(opt.steps).toBe(2);
  });

  it('state() and loadState() are guarded too: a schedule or a snapshot getter cannot update inside them', () => {
    const { params, grads } = fresh();
    let inside = false;
    const errors: unknown[] = [];
    const opt: AnyOpt = new Adam({
      lr: () => {
        if (inside) {
          try {
            opt.update(params, grads);
          } catch (e) {
            errors.push(e);
          }
        }
        return 0.001;
      },
    });
    opt.update(params, grads);
    const W = params.W.slice();
    inside = true;
    const saved = opt.state();
    expect(saved.step).toBe(1);
    const getterSnapshot = { ...saved };
    Object.defineProperty(getterSnapshot, 'step', { enumerable: true, get: () => (opt.update(params, grads), 1) });
    expect(() => opt.loadState(getterSnapshot)).toThrow(/update\(\) is not allowed while loadState\(\) is running/);
    inside = false;
    expect(errors).toHaveLength(1);
    expect((errors[0] as Error).message).toMatch(/update\(\) is not allowed while state\(\) is running/);
    expectSameBits(params.W, W, 'W');
    expect(opt.steps).toBe(1);
  });
});

describe('clear errors instead of internals (item 10)', () => {
  const fromJson = (text: string) => JSON.parse(text) as Record<string, unknown>;
  const bad: [string, () => unknown, RegExp][] = [
    ["'toString' in a group", () => new Adam({ groups: [{ keys: ['b'], toString: 1 } as never] }), /^Adam: groups\[0\]: unknown option 'toString'/],
    ["'constructor' in a group", () => new Adam({ groups: [{ keys: ['b'], constructor: 1 } as never] }), /^Adam: groups\[0\]: unknown option 'constructor'/],
    ["'__proto__' in a group", () => new Adam({ groups: [{ keys: ['b'], ...fromJson('{"__proto__": 1}') }] }), /^Adam: groups\[0\]: unknown option '__proto__'/],
    ["'hasOwnProperty' in the options", () => new Adam({ hasOwnProperty: 1 } as never), /^Adam: unknown option 'hasOwnProperty'/],
    ["'__proto__' in the options", () => new Adam(fromJson('{"__proto__": {"lr": -1}}')), /^Adam: unknown option '__proto__'/],
    ['a BigInt lr', () => new Adam({ lr: 10n as never }), /^Adam: lr must be a finite number > 0, got bigint 10n$/],
    ['a BigInt in a group', () => new Adam({ groups: [{ keys: ['b'], beta1: 1n }] }), /^Adam: groups\[0\]: beta1 must be a number in \[0, 1\), got bigint 1n$/],
    ['a BigInt set later', () => (new SGD().lr = 1n as never), /^SGD: lr must be a finite number > 0, got bigint 1n$/],
    ['null options', () => new Adam(null as never), /^Adam: options must be an object, got null$/],
    ['a group that is null', () => new Adam({ groups: [null as never] }), /^Adam: groups\[0\] must be an object, got null$/],
    ['a ParamSet size NaN', () => new ParamSet({ W: NaN }), /^ParamSet: size of 'W' must be a positive integer or a shape of them, got NaN$/],
    ['a ParamSet size Infinity', () => new ParamSet({ W: Infinity }), /got Infinity$/],
    ['a ParamSet shape with NaN', () => new ParamSet({ W: [3, NaN] }), /got \[3, NaN\]$/],
    ['a ParamSet size BigInt', () => new ParamSet({ W: 3n as never }), /got bigint 3n$/],
    ["stateSlots '2'", () => new ParamSet({ W: 3 }, { stateSlots: '2' as never }), /^ParamSet: stateSlots must be an integer from 0 to 16, got string "2"$/],
    ['null ParamSet options', () => new ParamSet({ W: 3 }, null as never), /^ParamSet: options must be an object, got null$/],
    ['a Map of ParamSet sizes', () => new ParamSet(new Map([['W', 3]]) as never), /^ParamSet: sizes must be an object of key → length or shape, got a Map$/],
    ['an unknown ParamSet option', () => new ParamSet({ W: 3 }, { dtpye: 'f32' } as never), /^ParamSet: unknown option 'dtpye' \(options: dtype, stateSlots, threads\)$/],
  ];
  it.each(bad)('%s', (_what, build, message) => {
    expect(build).toThrow(message);
  });

  it('an inherited option is not an option: the default is used', () => {
    expect(new Adam(Object.create({ lr: -1 })).lr).toBe(0.001);
  });

  it('a schedule giving a BigInt is named', () => {
    const opt = new Adam({ lr: () => 1n as never });
    expect(() => opt.update({ W: ramp(3, 1) }, { W: ramp(3, 2) })).toThrow(/^Adam: the lr schedule gave bigint 1n at step 1/);
  });

  it('an empty array is reported as empty, a detached one as detached', () => {
    const opt = new SGD();
    expect(() => opt.update({ W: new Float64Array(0) }, { W: new Float64Array(0) })).toThrow(/^SGD: params\['W'\] is empty \(length 0\)$/);
    const gone = new Float64Array(3);
    structuredClone(gone.buffer, { transfer: [gone.buffer] });
    expect(() => opt.update({ W: gone }, { W: new Float64Array(3) })).toThrow(/^SGD: params\['W'\] is detached/);
  });

  describe("a snapshot's hyper with Object.prototype names", () => {
    it.each(['toString', 'constructor', 'valueOf', '__proto__'])('%s', (name) => {
      const opt = new Adam();
      const saved = opt.state();
      const hyper = fromJson(`{${JSON.stringify(name)}: 1}`);
      expect(() => opt.loadState({ ...saved, hyper: hyper as never })).toThrow(new RegExp(`^Adam.loadState: hyper has an unknown option '${name}'`));
    });
  });

  describe('loadState refuses state no run could make, and changes nothing', () => {
    const cases: [string, () => AnyOpt, string][] = [
      ["Adam's v", () => new Adam(), 'v'],
      ["AdaGrad's h", () => new AdaGrad() as unknown as AnyOpt, 'h'],
      ["RMSProp's h", () => new RMSProp() as unknown as AnyOpt, 'h'],
      ["torch.Adam's maxExpAvgSq", () => new torch.Adam({ amsgrad: true }) as unknown as AnyOpt, 'maxExpAvgSq'],
      ["torch.Adamax's expInf", () => new torch.Adamax() as unknown as AnyOpt, 'expInf'],
      ["torch.Adadelta's accDelta", () => new torch.Adadelta() as unknown as AnyOpt, 'accDelta'],
      ["torch.Adagrad's sum", () => new torch.Adagrad() as unknown as AnyOpt, 'sum'],
    ];
    it.each(cases)('a negative value in %s', (_what, build, name) => {
      const opt = build();
      const params = { W: ramp(5, 0.3) };
      opt.update(params, { W: ramp(5, 0.6) });
      const saved = opt.state();
      const before = opt.state();
      saved.keys.W[name][2] = -1e-300;
      expect(() => opt.loadState(saved)).toThrow(new RegExp(`\\.loadState: keys\\['W'\\]\\.${name}\\[2\\] is -1e-300, but ${name} is never negative`));
      const after = opt.state();
      for (const s of opt.stateNames) expectSameBits(after.keys.W[s], before.keys.W[s], s);
      expect(opt.steps).toBe(1);
      saved.keys.W[name][2] = -Infinity;
      expect(() => opt.loadState(saved)).toThrow(/is -Infinity/);
    });

    it('NaN state, which NaN gradients make, loads again', () => {
      const opt = new Adam();
      opt.update({ W: ramp(5, 0.3) }, { W: Float64Array.of(NaN, 1, 2, 3, 4) });
      const saved = opt.state();
      expect(Number.isNaN(saved.keys.W.v[0])).toBe(true);
      const fresh = new Adam();
      fresh.loadState(saved);
      expect(fresh.steps).toBe(1);
    });
  });
});

// Every bad input of issue 2: a clear error naming the key or option, and
// every param, grad and piece of state exactly as it was.
import { describe, expect, it } from 'vitest';
import { Adam, Momentum, ParamSet, RMSProp, SGD } from '../src/index.js';
import type { Dict } from '../src/index.js';
import { expectSameBits } from './support/bits.js';
import { OPTIMIZER_NAMES, clone, make, type AnyOptimizer } from './support/optimizers.js';

const toF32 = (d: Record<string, Float64Array>) => Object.fromEntries(Object.entries(d).map(([k, a]) => [k, Float32Array.from(a)]));
const ramp = (n: number, s: number) => Float64Array.from({ length: n }, (_, i) => Math.sin(i * s + 1));

function freshDicts(): { params: Record<string, Float64Array>; grads: Record<string, Float64Array> } {
  return {
    params: { W: ramp(7, 0.3), b: ramp(3, 0.7), last: ramp(5, 1.1) },
    grads: { W: ramp(7, 0.5), b: ramp(3, 0.9), last: ramp(5, 1.3) },
  };
}

/** Snapshot of everything an update could touch. */
function snapshot(opt: AnyOptimizer, dicts: Dict[]) {
  // A detached array has nothing left to compare; every other one must be as it was.
  const live = (d: Dict) => Object.fromEntries(Object.entries(d).filter(([, a]) => a.length > 0));
  const arrays = dicts.map((d) => clone(live(d)));
  const state = ['W', 'b', 'last'].map((k) => opt.stateOf(k));
  return () => {
    dicts.forEach((d, i) => Object.keys(arrays[i]).forEach((k) => expectSameBits(d[k], arrays[i][k], `array ${k}`)));
    ['W', 'b', 'last'].forEach((k, i) => {
      const before = state[i];
      const after = opt.stateOf(k);
      if (!before) return expect(after).toBeUndefined();
      for (const name of Object.keys(before)) expectSameBits(after![name], before[name], `state ${name} of ${k}`);
    });
    expect(opt.steps).toBe(stepsBefore.get(opt));
  };
}
const stepsBefore = new WeakMap<AnyOptimizer, number>();

interface Case {
  name: string;
  message: RegExp;
  /** Builds the bad call; `warm` means one good update has been made first. */
  call(p: Record<string, Float64Array>, g: Record<string, Float64Array>): [Dict, Dict];
  warm?: boolean;
}

const CASES: Case[] = [
  { name: 'a key of params missing from grads', message: /grads has no key 'b'/, call: (p, g) => [p, { W: g.W, last: g.last }] },
  { name: 'the last key of params missing from grads', message: /grads has no key 'last'/, call: (p, g) => [p, { W: g.W, b: g.b }] },
  { name: 'an extra key in grads', message: /grads has key 'extra'/, call: (p, g) => [p, { ...g, extra: new Float64Array(2) }] },
  { name: 'a length mismatch', message: /grads\['b'\] has length 4, params\['b'\] has 3/, call: (p, g) => [p, { ...g, b: new Float64Array(4) }] },
  { name: 'a plain array as grad', message: /grads\['W'\] must be a Float64Array or Float32Array, got a plain Array/, call: (p, g) => [p, { ...g, W: [...g.W] as unknown as Float64Array }] },
  { name: 'an Int32Array as param', message: /params\['last'\] must be a Float64Array or Float32Array, got Int32Array/, call: (p, g) => [{ ...p, last: new Int32Array(5) as unknown as Float64Array }, g] },
  { name: 'a missing grad value', message: /grads\['b'\] must be a Float64Array or Float32Array, got undefined/, call: (p, g) => [p, { ...g, b: undefined as unknown as Float64Array }] },
  { name: 'a Float32Array grad in a Float64Array dict', message: /grads\['b'\] is a Float32Array, but params\['W'\] is a Float64Array/, call: (p, g) => [p, { ...g, b: new Float32Array(3) }] },
  { name: 'a Float32Array param in a Float64Array dict', message: /params\['last'\] is a Float32Array, but params\['W'\] is a Float64Array/, call: (p, g) => [{ ...p, last: new Float32Array(5) }, g] },
  {
    name: 'Float32Arrays after a first update on Float64Arrays',
    message: /params\['W'\] is a Float32Array, but the first update used a Float64Array.*reset\(\)/,
    warm: true,
    call: (p, g) => [toF32(p), toF32(g)],
  },
  {
    name: 'a detached grad',
    message: /grads\['last'\] is detached/,
    call: (p, g) => {
      const d = new Float64Array(5);
      structuredClone(d.buffer, { transfer: [d.buffer] });
      return [p, { ...g, last: d }];
    },
  },
  {
    name: 'a grad detached in place after the first update (same dict)',
    message: /grads\['W'\] is detached/,
    warm: true,
    call: (p, g) => {
      structuredClone(g.W.buffer, { transfer: [g.W.buffer] });
      return [p, g];
    },
  },
  {
    name: 'a param detached in place after the first update (same dict)',
    message: /params\['b'\] is detached/,
    warm: true,
    call: (p, g) => {
      structuredClone(p.b.buffer, { transfer: [p.b.buffer] });
      return [p, g];
    },
  },
  { name: 'the same array as a param and its grad', message: /grads\['b'\] shares memory with params\['b'\]|params\['b'\] shares memory with grads\['b'\]/, call: (p, g) => [p, { ...g, b: p.b }] },
  {
    name: 'a grad overlapping another key\'s param',
    message: /shares memory/,
    call: (p, g) => {
      const buf = new Float64Array(10);
      return [{ ...p, W: buf.subarray(0, 7) }, { ...g, b: buf.subarray(6, 9) }];
    },
  },
  { name: 'two params sharing memory', message: /params\['b'\] shares memory with params\['W'\]|params\['W'\] shares memory with params\['b'\]/, call: (p, g) => [{ ...p, b: p.W.subarray(2, 5) }, g] },
  { name: 'params not an object', message: /params must be an object/, call: (_p, g) => [null as unknown as Dict, g] },
  { name: 'an empty params dict', message: /params has no keys/, call: (_p, g) => [{}, g] },
  { name: 'a new key after the first update', message: /key 'x' is new/, warm: true, call: (p, g) => [{ ...p, x: new Float64Array(2) }, { ...g, x: new Float64Array(2) }] },
  { name: 'a key dropped after the first update', message: /key 'b' is missing/, warm: true, call: (p, g) => [{ W: p.W, last: p.last }, { W: g.W, last: g.last }] },
  { name: 'a changed length after the first update', message: /params\['last'\] has length 6, but 5 at the first update/, warm: true, call: (p, g) => [{ ...p, last: new Float64Array(6) }, { ...g, last: new Float64Array(6) }] },
];

describe.each(OPTIMIZER_NAMES)('%s rejects bad input and changes nothing', (name) => {
  for (const backend of ['wasm', 'js'] as const) {
    it.each(CASES)(`${backend}: $name`, (c) => {
      const opt = make(name, { backend });
      const { params, grads } = freshDicts();
      if (c.warm) opt.update(params, grads);
      stepsBefore.set(opt, opt.steps);
      const [bp, bg] = c.call(params, grads);
      const unchanged = snapshot(opt, [params, grads]);
      expect(() => opt.update(bp, bg)).toThrow(c.message);
      expect(() => opt.update(bp, bg)).toThrow(new RegExp(`^${name}: `));
      unchanged();
    });
  }
});

describe('bad input on a ParamSet leaves the set untouched', () => {
  it('a grad from another set of the wrong length', () => {
    const set = new ParamSet({ W: 7, b: 3 });
    set.flatParams.set(ramp(10, 0.2));
    set.flatGrads.set(ramp(10, 0.4));
    const opt = new Adam();
    opt.update(set.params, set.grads);
    const before = set.flatParams.slice();
    const m = opt.stateOf('W')!.m;
    expect(() => opt.update(set.params, { ...set.grads, b: new ParamSet({ b: 4 }).grads.b })).toThrow(/grads\['b'\] has length 4/);
    expectSameBits(set.flatParams, before, 'params');
    expectSameBits(opt.stateOf('W')!.m, m, 'm');
    expect(opt.steps).toBe(1);
  });
});

describe('hyperparameters are checked by name', () => {
  const bad: [string, () => unknown, RegExp][] = [
    ['lr 0', () => new SGD({ lr: 0 }), /^SGD: lr must be a finite number > 0, got 0/],
    ['lr negative', () => new Adam({ lr: -1e-3 }), /Adam: lr must be a finite number > 0/],
    ['lr NaN', () => new Adam({ lr: NaN }), /Adam: lr must be a finite number > 0, got NaN/],
    ['lr Infinity', () => new Momentum({ lr: Infinity }), /Momentum: lr must be/],
    ['lr a string', () => new SGD({ lr: '0.1' as unknown as number }), /SGD: lr must be a finite number > 0, got string "0.1"/],
    ['momentum 1', () => new Momentum({ momentum: 1 }), /Momentum: momentum must be a number in \[0, 1\), got 1/],
    ['momentum -0.1', () => new Momentum({ momentum: -0.1 }), /momentum must be a number in \[0, 1\)/],
    ['decayRate 1.5', () => new RMSProp({ decayRate: 1.5 }), /RMSProp: decayRate must be a number in \[0, 1\)/],
    ['beta1 1', () => new Adam({ beta1: 1 }), /Adam: beta1 must be a number in \[0, 1\)/],
    ['beta2 NaN', () => new Adam({ beta2: NaN }), /Adam: beta2 must be a number in \[0, 1\)/],
    ['eps 0', () => new Adam({ eps: 0 }), /Adam: eps must be a finite number > 0, got 0/],
    ['eps negative', () => new RMSProp({ eps: -1e-7 }), /RMSProp: eps must be a finite number > 0/],
    ['an unknown option', () => new Adam({ learningRate: 0.1 } as never), /Adam: unknown option 'learningRate' \(options: lr, beta1, beta2, eps, epsConvention, weightDecay, clipNorm, clipValue, errorIfNonfinite, backend, groups, shapes\)/],
    ['a bad backend', () => new Adam({ backend: 'gpu' as never }), /Adam: backend must be 'auto', 'wasm' or 'js'/],
    ['options not an object', () => new Adam(0.1 as never), /Adam: options must be an object/],
  ];
  it.each(bad)('rejects %s', (_what, build, message) => {
    expect(build).toThrow(message);
  });

  it('rejects a bad value set between updates, keeping the old one', () => {
    const opt = new Adam({ lr: 0.01 });
    expect(() => {
      opt.lr = -1;
    }).toThrow(/Adam: lr must be a finite number > 0, got -1/);
    expect(opt.lr).toBe(0.01);
    expect(() => {
      opt.beta2 = 1;
    }).toThrow(/Adam: beta2 must be/);
    expect(opt.beta2).toBe(0.999);
  });
});

// Backend 'auto' on a plain dict takes the copy path or the rule's JS loop in
// place, as the table in src/engines/pathChoice.ts says for this runtime, the
// kernel, the dtype and the dict's size; either way the bits are the same, and
// when the choice changes between updates the state follows. Runs in Node and
// in Chromium, whose tables differ.
import { describe, expect, it } from 'vitest';
import * as simd from '../src/index.js';
import { AutoEngine, type PathChooser } from '../src/engines/autoEngine.js';
import { plainPath, RUNTIME } from '../src/engines/pathChoice.js';
import type { KernelBase } from '../src/wasm/kernelTable.js';
import { expectSameBits } from './support/bits.js';

type Floats = Float64Array | Float32Array;
type Dtype = 'f64' | 'f32';
const ARRAY = { f64: Float64Array, f32: Float32Array } as const;

interface Opt {
  update(params: Record<string, Floats>, grads: Record<string, Floats>): void;
  state(): { keys: Record<string, Record<string, Floats>> };
  loadState(snapshot: unknown): void;
  readonly lastPath: string | null;
}

/** Each case: how to make the optimizer, and the kernel its updates after the first run (by the rule's kernelFor). */
const CASES: [string, (o: object) => Opt, KernelBase][] = [
  ['SGD', (o) => new simd.SGD(o) as unknown as Opt, 'sgd'],
  ['Momentum', (o) => new simd.Momentum(o) as unknown as Opt, 'momentum'],
  ['Nesterov', (o) => new simd.Nesterov(o) as unknown as Opt, 'nesterov'],
  ['RMSProp', (o) => new simd.RMSProp(o) as unknown as Opt, 'rmsprop'],
  ['Adam', (o) => new simd.Adam(o) as unknown as Opt, 'adam'],
  ['torch.SGD with momentum', (o) => new simd.torch.SGD({ momentum: 0.9, ...o }) as unknown as Opt, 'torchSgdMomentum'],
];

/** A dict of two keys holding `n` elements together, and grads for step t. */
function dict(dtype: Dtype, n: number) {
  const half = n >> 1;
  const make = (len: number, f: (i: number) => number) => {
    const a = new ARRAY[dtype](len);
    for (let i = 0; i < len; i++) a[i] = f(i);
    return a;
  };
  return {
    params: { a: make(half, (i) => ((i % 13) - 6) / 8), b: make(n - half, (i) => ((i % 7) - 3) / 4) } as Record<string, Floats>,
    grads: (t: number) => ({ a: make(half, (i) => Math.sin(t + i * 0.37)), b: make(n - half, (i) => Math.cos(t - i * 0.11)) }) as Record<string, Floats>,
  };
}

it('knows which runtime it is in', () => {
  expect(RUNTIME).toBe(typeof window === 'object' ? 'browser' : 'node');
});

describe('the default takes the path the table gives for the runtime, dtype, kernel and size of the whole dict', () => {
  // Around the smallest threshold the table has: both sides of it.
  const SIZES = [1000, (1 << 19) - 2, 1 << 19];
  it.each(CASES.flatMap(([name, make, kernel]) => (['f64', 'f32'] as const).flatMap((dtype) => SIZES.map((n) => [name, dtype, n, make, kernel] as const))))(
    '%s, %s, %i elements',
    (_name, dtype, n, make, kernel) => {
      const d = dict(dtype, n);
      const opt = make({});
      opt.update(d.params, d.grads(1));
      opt.update(d.params, d.grads(2));
      expect(opt.lastPath).toBe(plainPath(kernel, dtype, n));
    },
  );
});

it('past the cache, SGD on a plain f64 dict runs the JS loop in place in a browser, and the copy path in Node', () => {
  const d = dict('f64', 1 << 20);
  const opt = new simd.SGD();
  opt.update(d.params, d.grads(1));
  expect(opt.lastPath).toBe(RUNTIME === 'browser' ? 'js' : 'copy');
});

it.each([
  // Adafactor's kernel stores U once, as the JS loop does, so its SIMD pays for the copies in browsers too.
  ['torch.Adafactor', (o: object) => new simd.torch.Adafactor({ shapes: { a: [512, 1024], b: [1024, 512] }, ...o }) as unknown as Opt],
  // LAMB's JS loop is one function for both dtypes, 8x slower once it has seen both (pathChoice.ts).
  ['LAMB', (o: object) => new simd.LAMB(o) as unknown as Opt],
] as const)('past the cache, %s on a plain f64 dict takes the copy path in browsers as in Node, with the bits of backend wasm', (_name, make) => {
  const d = dict('f64', 1 << 20);
  const w = dict('f64', 1 << 20);
  const opt = make({ weightDecay: 0.01 });
  const reference = make({ weightDecay: 0.01, backend: 'wasm' });
  for (let t = 1; t <= 2; t++) {
    opt.update(d.params, d.grads(t));
    reference.update(w.params, w.grads(t));
  }
  expect(opt.lastPath).toBe('copy');
  for (const k of ['a', 'b']) expectSameBits(d.params[k], w.params[k], `params.${k}`);
});

/** The optimizer with its engine replaced by one whose choice for plain dicts follows `script`, update by update. */
function scripted(make: (o: object) => Opt, script: readonly ('copy' | 'js')[]): Opt {
  const opt = make({ lr: 0.01, weightDecay: 0.001 });
  let next = 0;
  // The engine asks once per run, and these optimizers make one run per update.
  const chooser: PathChooser = () => script[next++];
  const inner = opt as unknown as { rule: never; engine: unknown };
  inner.engine = new AutoEngine(inner.rule, chooser);
  return opt;
}

describe('when the choice changes between updates, the state follows: the same bits as one path throughout', () => {
  // 'set': that update goes to a ParamSet holding the same values (zero-copy), then back.
  const STEPS = ['copy', 'js', 'js', 'set', 'js', 'copy', 'set', 'copy', 'js'] as const;
  it.each(CASES.flatMap(([name, make]) => (['f64', 'f32'] as const).map((dtype) => [name, dtype, make] as const)))('%s, %s', (_name, dtype, make) => {
    const n = 37;
    const ref = dict(dtype, n);
    const sub = dict(dtype, n);
    const reference = make({ lr: 0.01, weightDecay: 0.001, backend: 'js' });
    const plainSteps = STEPS.filter((s) => s !== 'set') as ('copy' | 'js')[];
    let subject = scripted(make, plainSteps);
    const set = new simd.ParamSet({ a: n >> 1, b: n - (n >> 1) }, { dtype, stateSlots: 2 });
    STEPS.forEach((kind, s) => {
      const t = s + 1;
      reference.update(ref.params, ref.grads(t));
      if (kind === 'set') {
        for (const k of ['a', 'b']) set.params[k].set(sub.params[k]);
        const g = sub.grads(t);
        for (const k of ['a', 'b']) set.grads[k].set(g[k]);
        subject.update(set.params as Record<string, Floats>, set.grads as Record<string, Floats>);
        for (const k of ['a', 'b']) sub.params[k].set(set.params[k]);
      } else {
        subject.update(sub.params, sub.grads(t));
      }
      expect(subject.lastPath, `step ${t}`).toBe(kind === 'set' ? 'zero-copy' : kind);
      for (const k of ['a', 'b']) expectSameBits(sub.params[k], ref.params[k], `step ${t}: params.${k}`);
      const mine = subject.state().keys;
      const theirs = reference.state().keys;
      for (const k of ['a', 'b']) for (const [name, a] of Object.entries(theirs[k])) expectSameBits(mine[k][name], a, `step ${t}: state ${k}.${name}`);
      if (t === 5) {
        // Saved after a JS update, restored into a fresh optimizer whose next plain update takes the copy path.
        const snapshot = subject.state();
        subject = scripted(make, plainSteps.slice(4));
        subject.loadState(snapshot);
      }
    });
  });
});

// Learning-rate schedules: their values, and an optimizer given a schedule
// doing exactly what setting opt.lr by hand before each update does.
import { describe, expect, it } from 'vitest';
import { Adam, ParamSet, constant, cosineWithWarmup, exponentialDecay, joinSchedules, oneCycle, stepDecay } from '../src/index.js';
import { expectSameBits } from './support/bits.js';

const at = (s: (t: number) => number, steps: number[]) => steps.map(s);

describe('schedule values', () => {
  it('stepDecay and exponentialDecay', () => {
    expect(at(stepDecay({ lr: 1, stepSize: 2, gamma: 0.5 }), [1, 2, 3, 4, 5])).toEqual([1, 1, 0.5, 0.5, 0.25]);
    expect(at(exponentialDecay({ lr: 2, gamma: 0.5 }), [1, 2, 3])).toEqual([2, 1, 0.5]);
  });

  it('cosineWithWarmup: linear up, half a cosine down, then minLr', () => {
    const s = cosineWithWarmup({ lr: 1, warmupSteps: 4, totalSteps: 14, minLr: 0.1 });
    expect(at(s, [1, 2, 4])).toEqual([0.25, 0.5, 1]);
    expect(s(9)).toBeCloseTo(0.55, 12); // halfway down: (1 + 0.1) / 2
    expect(at(s, [14, 100])).toEqual([0.1, 0.1]);
  });

  it('oneCycle: maxLr/25 at the start, maxLr at pctStart, initial/1e4 at the end (PyTorch OneCycleLR)', () => {
    const s = oneCycle({ maxLr: 1, totalSteps: 101, pctStart: 0.3 });
    expect(s(1)).toBeCloseTo(0.04, 15);
    const peak = Math.round(0.3 * 101); // PyTorch reaches max_lr at step index pct·total − 1
    expect(s(peak)).toBeCloseTo(1, 3);
    expect(Math.max(...Array.from({ length: 101 }, (_, i) => s(i + 1)))).toBeLessThanOrEqual(1);
    expect(s(101)).toBeCloseTo(0.04 / 1e4, 15);
  });

  it('joinSchedules restarts the step count at each boundary', () => {
    const s = joinSchedules([constant(1), stepDecay({ lr: 0.5, stepSize: 1, gamma: 0.5 })], [3]);
    expect(at(s, [1, 3, 4, 5])).toEqual([1, 1, 0.5, 0.25]);
  });

  it('rejects bad arguments by name', () => {
    expect(() => stepDecay({ lr: 1, stepSize: 0 })).toThrow(/stepDecay: stepSize must be an integer > 0, got 0/);
    expect(() => cosineWithWarmup({ lr: 1, warmupSteps: 5, totalSteps: 5 })).toThrow(/totalSteps must be an integer > warmupSteps/);
    expect(() => joinSchedules([constant(1)], [3])).toThrow(/one boundary fewer/);
  });
});

describe('an optimizer with a schedule', () => {
  it('equals setting opt.lr by hand before each update', () => {
    const schedule = cosineWithWarmup({ lr: 0.01, warmupSteps: 3, totalSteps: 10, minLr: 1e-4 });
    const [a, b] = [new ParamSet({ w: 9 }), new ParamSet({ w: 9 })];
    const [scheduled, manual] = [new Adam({ lr: schedule }), new Adam()];
    for (const s of [a, b]) s.flatParams.forEach((_, i) => (s.flatParams[i] = i / 3));
    for (let t = 1; t <= 12; t++) {
      for (const s of [a, b]) s.flatGrads.forEach((_, i) => (s.flatGrads[i] = Math.sin(t + i)));
      scheduled.update(a.params, a.grads);
      manual.lr = schedule(t);
      manual.update(b.params, b.grads);
      expectSameBits(a.params.w, b.params.w, `step ${t}`);
    }
    expect(scheduled.lr).toBe(schedule);
  });

  it('a schedule that gives a bad value throws at that update, naming it, and changes nothing', () => {
    const set = new ParamSet({ w: 3 });
    set.flatGrads.fill(1);
    const opt = new Adam({ lr: (t) => (t < 2 ? 0.1 : -1) });
    opt.update(set.params, set.grads);
    const before = set.flatParams.slice();
    expect(() => opt.update(set.params, set.grads)).toThrow(/Adam: the lr schedule gave -1 at step 2; lr must be a finite number > 0/);
    expectSameBits(set.flatParams, before, 'params');
    expect(opt.steps).toBe(1);
  });

  it('only lr and weightDecay take a schedule', () => {
    expect(() => new Adam({ beta1: (() => 0.9) as unknown as number })).toThrow(/beta1 must be a number in \[0, 1\); only lr and weightDecay take a schedule/);
  });

  it('bad settings for a schedule are a clear error naming the schedule and the setting', () => {
    const call = (f: () => unknown) => () => f();
    expect(call(() => cosineWithWarmup(null as never))).toThrow(/^cosineWithWarmup: the settings must be an object, got null$/);
    expect(call(() => stepDecay(5 as never))).toThrow(/^stepDecay: the settings must be an object, got 5$/);
    expect(call(() => oneCycle(undefined as never))).toThrow(/^oneCycle: maxLr must be a finite number > 0, got undefined$/);
    expect(call(() => exponentialDecay({ lr: 1n, gamma: 0.5 } as never))).toThrow(/^exponentialDecay: lr must be a finite number > 0, got bigint 1n$/);
    expect(call(() => cosineWithWarmup({ lr: 0.1, warmup: 5, totalSteps: 10 } as never))).toThrow(/^cosineWithWarmup: unknown option 'warmup' \(options: lr, warmupSteps, totalSteps, minLr\)$/);
    expect(call(() => joinSchedules(null as never, []))).toThrow(/^joinSchedules: schedules must be an array of functions, got null$/);
  });

  it('joinSchedules copies its arrays: changing them afterwards changes nothing', () => {
    const parts = [constant(0.1), constant(0.2)];
    const ends = [3];
    const joined = joinSchedules(parts, ends);
    parts[1] = constant(0.9);
    ends[0] = 100;
    expect([2, 3, 4, 5].map(joined)).toEqual([0.1, 0.1, 0.2, 0.2]);
  });
});

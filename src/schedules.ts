/**
 * Learning-rate schedules: small functions of the 1-based update number, to
 * pass where a number goes (`new Adam({ lr: cosineWithWarmup({ ... }) })`,
 * `opt.lr = stepDecay({ ... })`) and to combine with `joinSchedules`, in the
 * manner of Optax's schedules. The optimizer evaluates them once per update.
 */
import { describe } from './describe.js';
import type { Schedule } from './hyperparameters.js';
import { readOptions, refuseUnknown, type OwnOptions } from './options.js';

function need(name: string, what: string, ok: boolean, v: unknown): void {
  if (!ok) throw new RangeError(`${name}: ${what}, got ${describe(v)}`);
}

/**
 * A schedule's settings, read once each from the caller's object (as an
 * optimizer's options are): `null` or a number is a clear error, and a typo
 * such as `warmup` is an unknown option rather than a silent default.
 */
function settings(name: string, given: unknown, known: readonly string[]): OwnOptions {
  const own = readOptions(`${name}: the settings`, given);
  refuseUnknown(name, own, known);
  return own;
}
const positiveNum = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x) && x > 0;
const countNum = (x: unknown): x is number => Number.isSafeInteger(x) && (x as number) > 0;

/** The same value at every step. */
export function constant(value: number): Schedule {
  need('constant', 'value must be a finite number > 0', positiveNum(value), value);
  return () => value;
}

/** `lr · gamma^⌊(step−1)/stepSize⌋`: PyTorch's StepLR counted in updates. */
export function stepDecay(options: { lr: number; stepSize: number; gamma?: number }): Schedule {
  const { lr, stepSize, gamma = 0.1 } = settings('stepDecay', options, ['lr', 'stepSize', 'gamma']) as typeof options;
  need('stepDecay', 'lr must be a finite number > 0', positiveNum(lr), lr);
  need('stepDecay', 'stepSize must be an integer > 0', countNum(stepSize), stepSize);
  need('stepDecay', 'gamma must be in (0, 1]', positiveNum(gamma) && gamma <= 1, gamma);
  return (step) => lr * gamma ** Math.floor((step - 1) / stepSize);
}

/** `lr · gamma^(step−1)`: PyTorch's ExponentialLR counted in updates. */
export function exponentialDecay(options: { lr: number; gamma: number }): Schedule {
  const { lr, gamma } = settings('exponentialDecay', options, ['lr', 'gamma']) as typeof options;
  need('exponentialDecay', 'lr must be a finite number > 0', positiveNum(lr), lr);
  need('exponentialDecay', 'gamma must be in (0, 1]', positiveNum(gamma) && gamma <= 1, gamma);
  return (step) => lr * gamma ** (step - 1);
}

/**
 * Linear warm-up from lr/warmupSteps to lr over the first `warmupSteps`
 * updates, then half a cosine from lr down to `minLr` at `totalSteps`, and
 * `minLr` after (the schedule of most transformer recipes).
 */
export function cosineWithWarmup(options: { lr: number; warmupSteps: number; totalSteps: number; minLr?: number }): Schedule {
  const { lr, warmupSteps, totalSteps, minLr = 0 } = settings('cosineWithWarmup', options, ['lr', 'warmupSteps', 'totalSteps', 'minLr']) as typeof options;
  need('cosineWithWarmup', 'lr must be a finite number > 0', positiveNum(lr), lr);
  need('cosineWithWarmup', 'warmupSteps must be an integer ≥ 0', Number.isSafeInteger(warmupSteps) && warmupSteps >= 0, warmupSteps);
  need('cosineWithWarmup', 'totalSteps must be an integer > warmupSteps', Number.isSafeInteger(totalSteps) && totalSteps > warmupSteps, totalSteps);
  need('cosineWithWarmup', 'minLr must be a finite number in [0, lr]', Number.isFinite(minLr) && minLr >= 0 && minLr <= lr, minLr);
  return (step) => {
    if (step <= warmupSteps) return (lr * step) / warmupSteps;
    if (step >= totalSteps) return minLr;
    const progress = (step - warmupSteps) / (totalSteps - warmupSteps);
    return minLr + ((lr - minLr) * (1 + Math.cos(Math.PI * progress))) / 2;
  };
}

/**
 * PyTorch's OneCycleLR (cosine annealing, counted in updates): from
 * maxLr/divFactor up to maxLr over the first pctStart of `totalSteps`, then
 * down to maxLr/(divFactor·finalDivFactor) at the last step.
 */
export function oneCycle(options: { maxLr: number; totalSteps: number; pctStart?: number; divFactor?: number; finalDivFactor?: number }): Schedule {
  const { maxLr, totalSteps, pctStart = 0.3, divFactor = 25, finalDivFactor = 1e4 } = settings('oneCycle', options, ['maxLr', 'totalSteps', 'pctStart', 'divFactor', 'finalDivFactor']) as typeof options;
  need('oneCycle', 'maxLr must be a finite number > 0', positiveNum(maxLr), maxLr);
  need('oneCycle', 'totalSteps must be an integer > 1', countNum(totalSteps) && totalSteps > 1, totalSteps);
  need('oneCycle', 'pctStart must be in (0, 1)', positiveNum(pctStart) && pctStart < 1, pctStart);
  need('oneCycle', 'divFactor must be a finite number > 0', positiveNum(divFactor), divFactor);
  need('oneCycle', 'finalDivFactor must be a finite number > 0', positiveNum(finalDivFactor), finalDivFactor);
  const initial = maxLr / divFactor;
  const final = initial / finalDivFactor;
  const peak = pctStart * totalSteps - 1; // the update (0-based) at which maxLr is reached, as PyTorch counts
  const last = totalSteps - 1;
  const anneal = (from: number, to: number, pct: number) => to + ((from - to) / 2) * (1 + Math.cos(Math.PI * pct));
  return (step) => {
    const i = Math.min(step - 1, last);
    return i <= peak ? anneal(initial, maxLr, peak > 0 ? i / peak : 1) : anneal(maxLr, final, (i - peak) / (last - peak));
  };
}

/**
 * One schedule after another: `schedules[0]` until `boundaries[0]`, then
 * `schedules[1]` counted from 1 again, and so on (Optax's join_schedules).
 */
export function joinSchedules(schedules: readonly Schedule[], boundaries: readonly number[]): Schedule {
  need('joinSchedules', 'schedules must be an array of functions', Array.isArray(schedules) && schedules.every((f) => typeof f === 'function'), schedules);
  need('joinSchedules', 'boundaries must be an array', Array.isArray(boundaries), boundaries);
  // Copies: a caller changing its arrays later must not change the schedule.
  const parts = [...schedules];
  const ends = [...boundaries];
  need('joinSchedules', 'there must be one boundary fewer than schedules', parts.length === ends.length + 1 && parts.length > 0, ends.length);
  ends.forEach((b, i) => need('joinSchedules', 'boundaries must be increasing integers > 0', countNum(b) && (i === 0 || b > ends[i - 1]), b));
  return (step) => {
    let i = 0;
    while (i < ends.length && step > ends[i]) i++;
    return parts[i](step - (i === 0 ? 0 : ends[i - 1]));
  };
}

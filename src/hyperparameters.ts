/** How one hyperparameter is checked; the message completes "<Optimizer>: <name> must be ...". */
export interface HyperSpec {
  readonly default: number;
  readonly check: (x: number) => boolean;
  readonly rule: string;
}

export type HyperSpecs<H> = { readonly [K in keyof H]: HyperSpec };

const isNum = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);

/** A learning rate: finite and > 0. */
export const positive = (d: number): HyperSpec => ({
  default: d,
  check: (x) => isNum(x) && x > 0,
  rule: 'a finite number > 0',
});

/** A decay or momentum coefficient in [0, 1). */
export const unitInterval = (d: number): HyperSpec => ({
  default: d,
  check: (x) => isNum(x) && x >= 0 && x < 1,
  rule: 'a number in [0, 1)',
});

/** Validates one value; throws a RangeError naming the optimizer and option. */
export function checkHyper(owner: string, name: string, spec: HyperSpec, value: unknown): number {
  if (!spec.check(value as number)) {
    throw new RangeError(`${owner}: ${name} must be ${spec.rule}, got ${describe(value)}`);
  }
  return value as number;
}

function describe(v: unknown): string {
  return typeof v === 'number' ? String(v) : `${typeof v} ${JSON.stringify(v) ?? String(v)}`;
}

/**
 * Resolves an options object against the specs: defaults filled in, every
 * value checked, and an unknown option rejected by name (a typo such as
 * `learningRate` must not silently fall back to the default).
 */
export function resolveOptions<H>(
  owner: string,
  specs: HyperSpecs<H>,
  options: object | undefined,
  extra: readonly string[],
): H {
  if (options !== undefined && (options === null || typeof options !== 'object')) {
    throw new TypeError(`${owner}: options must be an object, got ${describe(options)}`);
  }
  const given = (options ?? {}) as Record<string, unknown>;
  const names = Object.keys(specs) as (keyof H & string)[];
  for (const k of Object.keys(given)) {
    if (!names.includes(k as keyof H & string) && !extra.includes(k)) {
      throw new TypeError(`${owner}: unknown option '${k}' (options: ${[...names, ...extra].join(', ')})`);
    }
  }
  const out = {} as Record<string, number>;
  for (const k of names) {
    const spec = (specs as Record<string, HyperSpec>)[k];
    out[k] = given[k] === undefined ? spec.default : checkHyper(owner, k, spec, given[k]);
  }
  return out as H;
}

/**
 * Reading an options object (an optimizer's, a param group's, a ParamSet's):
 * its own enumerable string keys, each value read exactly once into a map
 * with no prototype, so a getter cannot hand the check one value and the
 * optimizer another, and a name such as 'toString' or '__proto__' is only
 * ever an unknown option, never a member of Object.prototype.
 */
import { describe } from './describe.js';

/** An options object's values by name; no prototype, so every lookup is an own one. */
export type OwnOptions = Record<string, unknown>;

/** A record with no prototype, for values looked up by names a caller chose. */
export function ownRecord<V>(): Record<string, V> {
  return Object.create(null) as Record<string, V>;
}

/**
 * The own enumerable options of `options` (undefined: none). `what` names
 * the object in the message when it is not an object, e.g. 'Adam: options'.
 */
export function readOptions(what: string, options: unknown): OwnOptions {
  const out = ownRecord<unknown>();
  if (options === undefined) return out;
  const kind = describe(options);
  if (kind !== 'an object') throw new TypeError(`${what} must be an object, got ${kind}`);
  for (const name of Object.keys(options as object)) out[name] = (options as OwnOptions)[name];
  return out;
}

/** Refuses a name not in `known`: a typo such as `learningRate` or `dtpye` must not silently leave the default. */
export function refuseUnknown(owner: string, given: OwnOptions, known: readonly string[]): void {
  for (const name of Object.keys(given)) {
    if (!known.includes(name)) throw new TypeError(`${owner}: unknown option '${name}' (options: ${known.join(', ')})`);
  }
}

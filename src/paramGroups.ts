import type { Entry } from './checkDicts.js';
import { checkHyper, type HyperSpec, type HyperValue } from './hyperparameters.js';
import { ownRecord, readOptions } from './options.js';

/**
 * Per-key hyperparameters, PyTorch's param groups by name: the keys a group
 * holds (a list of names, a RegExp, or a test) and the options it overrides,
 * e.g. `{ keys: /^b/, weightDecay: 0 }` for no weight decay on biases.
 * A key takes the first group that holds it; other keys use the optimizer's own options.
 */
export interface ParamGroup {
  keys: readonly string[] | RegExp | ((key: string) => boolean);
  [option: string]: unknown;
}

/** A group, checked: its key test and its overriding values (numbers, flags or schedules). */
export interface CheckedGroup {
  holds(key: string): boolean;
  overrides: Record<string, HyperValue>;
}

/** Options about the gradients' global norm, which is over all keys at once. */
const WHOLE_UPDATE = ['clipNorm', 'errorIfNonfinite'];

/**
 * Checks every group's keys and options when the optimizer is made, naming
 * the group and option. Each group is read once: its key list is copied and
 * its RegExp rebuilt here, so changing them later changes nothing.
 */
export function checkGroups(owner: string, specs: Readonly<Record<string, HyperSpec>>, groups: unknown): CheckedGroup[] {
  if (groups === undefined) return [];
  if (!Array.isArray(groups)) throw new TypeError(`${owner}: groups must be an array of { keys, ...options }`);
  return [...(groups as unknown[])].map((group, i) => {
    const where = `${owner}: groups[${i}]`;
    if (group === undefined) throw new TypeError(`${where} must be an object { keys, ...options }, got undefined`);
    const { keys, ...options } = readOptions(where, group);
    let holds: (key: string) => boolean;
    if (Array.isArray(keys) && keys.every((k) => typeof k === 'string')) {
      const names = new Set<string>(keys);
      holds = (key) => names.has(key);
    } else if (keys instanceof RegExp) {
      // Without 'g'; lastIndex is reset so a sticky ('y') one matches at the key's start, as a fresh one would.
      const re = new RegExp(keys.source, keys.flags.replace('g', ''));
      holds = (key) => {
        re.lastIndex = 0;
        return re.test(key);
      };
    } else if (typeof keys === 'function') holds = (key) => Boolean((keys as (k: string) => unknown)(key));
    else throw new TypeError(`${where}.keys must be an array of key names, a RegExp or a function of the key`);
    const overrides = ownRecord<HyperValue>();
    for (const [name, v] of Object.entries(options)) {
      if (WHOLE_UPDATE.includes(name)) throw new TypeError(`${where}: ${name} is over the whole update and cannot be set per group`);
      const spec = specs[name];
      if (!spec) throw new TypeError(`${where}: unknown option '${name}' (options: ${Object.keys(specs).filter((n) => !WHOLE_UPDATE.includes(n)).join(', ')})`);
      if (spec.fixed) throw new TypeError(`${where}: ${name} decides the state an optimizer keeps and cannot be set per group`);
      overrides[name] = checkHyper(`${where}`, name, spec, v);
    }
    return { holds, overrides };
  });
}

/** Splits an update's entries by group, in order: [-1 → the optimizer's own options, i → groups[i]]. */
export function splitByGroup(entries: readonly Entry[], groups: readonly CheckedGroup[]): { group: number; entries: Entry[] }[] {
  if (groups.length === 0) return [{ group: -1, entries: [...entries] }];
  const parts = new Map<number, Entry[]>();
  for (const e of entries) {
    const group = groups.findIndex((g) => g.holds(e.key));
    const list = parts.get(group) ?? [];
    list.push(e);
    parts.set(group, list);
  }
  return [...parts].map(([group, list]) => ({ group, entries: list }));
}

import type { HyperSpec } from './hyperparameters.js';

/**
 * Options of the per-key (shaped) rules. Their update reads the gradient over
 * several passes, and the gradient transforms are not applied between the
 * passes, so clipNorm and clipValue are refused with this rule's name (clip the
 * gradients before update() instead); their own weightDecay is decoupled.
 */
const notForShaped = (name: string): HyperSpec => ({
  default: Infinity,
  check: (x) => x === Infinity,
  rule: `Infinity (${name} is not supported by this optimizer, which reduces over each key; clip the gradients before update())`,
});

export const SHAPED_CLIPPING = { clipNorm: notForShaped('clipNorm'), clipValue: notForShaped('clipValue') } as const;

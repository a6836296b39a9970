import type { Dtype } from '../dtype.js';
import type { KernelBase } from '../wasm/kernelTable.js';

/** The JavaScript engines the table below was measured on: Node, and browsers (measured in Chromium). */
export type Runtime = 'node' | 'browser';

/** How backend 'auto' updates a plain dict (one not in a ParamSet): through the copy path, or the JS loop in place. */
export type PlainPath = 'copy' | 'js';

/** The runtime this code runs in (Deno and Bun, which set process.versions.node too, count as Node). */
export const RUNTIME: Runtime = typeof (globalThis as { process?: { versions?: { node?: unknown } } }).process?.versions?.node === 'string' ? 'node' : 'browser';

/**
 * From how many elements (all keys of the update together) a plain dict's
 * update runs the rule's JS loop in place rather than the copy path; a
 * runtime, dtype or kernel not listed always takes the copy path.
 *
 * Why any: the copy path reads and writes each param twice more (in and
 * out of the staging memory) and each grad once more. For a rule that does
 * little arithmetic per element (SGD and the momentum family) that traffic is
 * most of the cost once the dict no longer fits in cache, and where the
 * runtime's JS loop itself runs at memory speed (Chromium's, not Node 20's)
 * the plain loop wins. Every other rule does enough arithmetic per element
 * (divisions, square roots) that the kernel's SIMD pays for the copies
 * (torch.Adamax, with one division and two state arrays, only just: see its entry).
 *
 * Measured on 2026-11-30 (AMD EPYC, 2 cores shared with other jobs, so
 * ±30% from run to run): speed over the plain-JS port, f64, copy path / JS
 * loop in place. Chromium 156, `npm run bench:browser -- --only
 * sgd,momentum,nesterov,torch-sgd,torch-sgd-momentum --sizes
 * 128K,256K,512K,1M,8M --paths seed-js,js-ref,copy --no-f32 --no-tfjs` (256K
 * and 512K added to bench/suite/sizes.mjs for that run):
 *
 *     size       128K        256K        512K        1M          8M
 *     SGD        0.80/1.09   1.86/1.03   1.55/1.04   1.09/1.02   0.91/1.04
 *     Momentum   2.62/1.07   2.36/1.09   1.09/1.11   1.03/1.18   1.06/1.13
 *     Nesterov   3.54/1.49   3.06/1.47   1.29/1.45   1.35/1.44   1.86/1.44
 *
 * and in the run of 2026-11-27 (docs/performance.md) SGD 0.74/1.14 at 1M and
 * 0.64/1.13 at 8M, Momentum 0.64/1.15 and 0.63/1.00: past about 2^19
 * elements the copy path is no better than the loop and often much worse,
 * below it clearly better. torch.SGD's kernels are the same rules.
 * Node 20 (`npm run bench -- --quick --sizes 1K,small,128K,1M,8M --paths
 * seed-js,js-ref,copy,seed-js-f32,js-ref-f32,copy-f32 --no-tfjs`, three
 * runs): the copy path beat the plain loop for every rule, size and dtype,
 * at the least torch.Adafactor f64 at 8M (1.04-1.25x), since Node 20's loops
 * run at about 9 GB/s, not at memory speed; a single dip below 1x at 1K
 * did not come back in a rerun. No entry. In f32 the copy path was at least
 * 1.4x in both runtimes (plain JS rounds every f32 operation): no entry.
 * Rules not listed for Chromium: the copy path was as fast as the loop at
 * every size within the noise (Adagrad's and RMSProp's loops fall to 0.6-1.0x at 1M and 8M).
 */
const JS_IN_PLACE_FROM: Readonly<Record<Runtime, Partial<Record<Dtype, Partial<Record<KernelBase, number>>>>>> = {
  node: {},
  browser: {
    f64: {
      sgd: 1 << 19,
      momentum: 1 << 19,
      nesterov: 1 << 19,
      torchSgdFirst: 1 << 19,
      torchSgdMomentum: 1 << 19,
      torchSgdNesterovFirst: 1 << 19,
      torchSgdNesterov: 1 << 19,
      // One division per element, but two state arrays of traffic: the loop was as fast as the copy path or faster at 1M and 8M in three runs.
      torchAdamax: 1 << 20,
    },
  },
};

/** The path backend 'auto' takes for a plain dict of `elements` elements in all, updated by `kernel`. */
export function plainPath(kernel: KernelBase, dtype: Dtype, elements: number, runtime: Runtime = RUNTIME): PlainPath {
  const from = JS_IN_PLACE_FROM[runtime][dtype]?.[kernel];
  return from !== undefined && elements >= from ? 'js' : 'copy';
}

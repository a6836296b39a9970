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
 * runtime's JS loop itself runs at memory speed (Chromium's; in Node 20 it
 * is a tie at best, below) the plain loop wins. Every other rule does enough arithmetic per element
 * (divisions, square roots) that the kernel's SIMD pays for the copies
 * (torch.Adamax, with one division and two state arrays, only just: see its entry).
 *
 * Measured on 2026-11-30 (AMD EPYC, 2 cores shared with other jobs, so
 * ±20% from run to run): speed over the plain-JS port, f64, copy path / JS
 * loop in place, Chromium 156. Where the copy path falls behind, from
 * `npm run bench:browser -- --sizes 1K,small,128K,1M,8M --paths
 * seed-js,js-ref,copy,default --no-f32 --no-tfjs`:
 *
 *     size             128K        1M          8M
 *     SGD              1.11/1.12   0.68/1.11   0.60/1.01
 *     Momentum         1.67/1.08   0.62/1.05   0.66/1.15
 *     Nesterov         2.47/1.66   1.02/1.61   1.02/1.59
 *     torch.SGD        1.37/1.18   0.74/1.12   0.62/1.03
 *     torch.SGD mom.   1.69/1.09   0.66/1.12   0.75/1.15
 *     torch.Adamax     1.70/1.33   0.84/1.08   0.86/1.15
 *
 * and between, with 256K and 512K added to bench/suite/sizes.mjs for one run
 * (`--only sgd,momentum,nesterov --sizes 128K,256K,512K,1M,8M --paths
 * seed-js,js-ref,copy`): at 256K the copy path still led (1.86/1.03,
 * 2.36/1.09, 3.06/1.47), at 512K no longer clearly (1.55/1.04, 1.09/1.11,
 * 1.29/1.45). Every other rule: the copy path at least matched the loop at
 * every size (Adagrad's and the torch rules' loops fall to 0.6-1.0x at 1M
 * and 8M), except the per-key rules below.
 *
 * Node 20 (`npm run bench -- --quick --sizes 1K,small,128K,1M,8M --paths
 * seed-js,js-ref,copy,default,seed-js-f32,js-ref-f32,copy-f32,default-f32
 * --no-tfjs`): SGD and Momentum at 1M are a tie (0.89/0.95 and 1.10/1.07),
 * at 8M the copy path leads (1.10/0.94, 3.65/3.15), and every other rule
 * and size favours it: no entry. In f32 the copy path was at least 1.4x in
 * both runtimes (plain JS rounds every f32 operation): no entry.
 *
 * torch.Adafactor and LAMB (per-key rules), measured again on 2026-11-30
 * after their JS loops stopped calling a term function per element and
 * allocating the direction u per update, and Adafactor's kernel stopped
 * walking its column sums one v128 at a time: speed over the plain-JS port,
 * f64, JS loop in place / copy path / ParamSet / default, from `--only
 * torch-adafactor,lamb --sizes 1K,128K,1M,MNIST,8M --paths
 * seed-js,js-ref,zero-copy,copy,default --no-f32 --no-tfjs`:
 *
 *                      Chromium 156             Node 20
 *     Adafactor 128K   0.96/1.21/1.36/1.19      0.97/1.40/1.54/1.34
 *     Adafactor 1M     0.98/0.96/1.29/0.97      1.05/1.08/1.49/1.07
 *     Adafactor MNIST  0.97/1.25/1.38/1.26      0.97/1.44/1.55/1.38
 *     Adafactor 8M     0.98/0.90/1.17/0.99      1.00/1.10/1.28/1.13
 *     LAMB 1M          1.09/1.08/1.43/1.06      0.89/1.32/2.07/1.45
 *     LAMB 8M          1.13/1.13/1.46/1.12      0.93/1.32/1.77/1.20
 *
 * Adafactor's kernel then recomputed u in its last pass, twice the port's
 * divisions and square roots. It now stores u once (in the room of the state
 * a key does not keep, or over the copy path's staged gradient: rule.ts,
 * scratchState), and the copy path leads in Chromium too (2026-11-30, same
 * command with --only torch-adafactor --sizes 128K,1M,8M,MNIST; JS loop /
 * copy path / ParamSet): 128K 0.95/1.74/2.03, 1M 0.99/1.35/1.97, 8M
 * 0.93/1.18/1.50, MNIST 0.87/1.68/2.00; Node 1M 0.96/1.43/1.94, 8M
 * 1.00/1.31/1.62. So no entry for it. Before these changes the JS loops ran
 * at 0.3-0.8x of the port and Adafactor's copy path at 0.73x at 8M in Chromium.
 *
 * LAMB's JS loop led the copy path in Chromium from 1M (1.14/1.07 above), but
 * only where the program updates one dtype: a per-key rule's JS is one
 * function for both dtypes (specialize.ts cannot copy it: it calls shared
 * helpers), and once it has run on both it ran 8x slower in both (Node: LAMB
 * f64 at 128K 1.75 -> 14.9 ms after a few f32 updates; Adafactor 1.4 -> 6.4
 * ms). A full browser bench, which times both dtypes in each case's page, gave
 * LAMB's default at 1M 0.13x of the port through that loop. The copy path's
 * kernels are compiled per dtype, so LAMB has no entry either: its default is
 * the copy path everywhere, 1.02-1.08x of the port at 1M in Chromium.
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
      // One division per element, but two state arrays of traffic.
      torchAdamax: 1 << 20,
    },
  },
};

/** The path backend 'auto' takes for a plain dict of `elements` elements in all, updated by `kernel`. */
export function plainPath(kernel: KernelBase, dtype: Dtype, elements: number, runtime: Runtime = RUNTIME): PlainPath {
  const from = JS_IN_PLACE_FROM[runtime][dtype]?.[kernel];
  return from !== undefined && elements >= from ? 'js' : 'copy';
}

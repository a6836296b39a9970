import { describe } from '../describe.js';

/** How many threads a ParamSet may use: a count (the caller included), or 'auto'. */
export type ThreadsOption = number | 'auto';

/** Most threads one set may use (a constants block each is reserved in its memory). */
export const MAX_THREADS = 64;

/**
 * The smallest set 'auto' gives a shared memory and workers: below it no rule
 * gains from a second thread (bench: see docs/performance.md, "Threads"), and
 * an ordinary memory keeps its views ordinary ArrayBuffer views.
 */
export const AUTO_MIN_ELEMENTS = 1 << 16;

export function checkThreads(v: unknown): ThreadsOption {
  if (v === undefined) return 'auto';
  if (v === 'auto' || (Number.isInteger(v) && (v as number) >= 1 && (v as number) <= MAX_THREADS)) return v as ThreadsOption;
  throw new RangeError(`ParamSet: threads must be 'auto' or an integer from 1 to ${MAX_THREADS}, got ${describe(v)}`);
}

let unavailable: string | null | undefined;
/** Null where a shared WebAssembly.Memory can be made here; else why not. */
export function sharedMemoryUnavailable(): string | null {
  if (unavailable !== undefined) return unavailable;
  const g = globalThis as { crossOriginIsolated?: boolean; SharedArrayBuffer?: unknown };
  if (g.crossOriginIsolated === false) unavailable = 'the page is not cross-origin isolated (it needs the headers Cross-Origin-Opener-Policy: same-origin and Cross-Origin-Embedder-Policy: require-corp), so it has no shared memory';
  else if (typeof g.SharedArrayBuffer !== 'function') unavailable = 'this runtime has no SharedArrayBuffer';
  else if (typeof Atomics !== 'object' || typeof Atomics.wait !== 'function') unavailable = 'this runtime has no Atomics.wait';
  else {
    try {
      new WebAssembly.Memory({ initial: 1, maximum: 1, shared: true });
      unavailable = null;
    } catch (e) {
      unavailable = `this runtime refused a shared WebAssembly.Memory (${(e as Error).message})`;
    }
  }
  return unavailable;
}

let cores = 0;
type NodeProcess = { getBuiltinModule?: (id: string) => unknown; report?: { getReport(): { header?: { cpus?: unknown[] } } } };

/**
 * Logical cores this program may use: navigator.hardwareConcurrency; in Node
 * 20 (no navigator), os.availableParallelism() through
 * process.getBuiltinModule (Node ≥ 20.16), else the process report's CPU list.
 */
export function availableCores(): number {
  if (cores > 0) return cores;
  const n = (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator?.hardwareConcurrency;
  const node = (globalThis as { process?: NodeProcess }).process;
  const os = node?.getBuiltinModule?.('node:os') as { availableParallelism?: () => number } | undefined;
  const fromNode = () => os?.availableParallelism?.() ?? node?.report?.getReport().header?.cpus?.length;
  cores = Math.max(1, Math.min(MAX_THREADS, n ?? fromNode() ?? 1));
  return cores;
}

/**
 * The threads a set of `size` elements gets, and why fewer than asked (null
 * when it gets what it asked, or when 'auto' chose one thread by size or cores).
 */
export function threadsFor(asked: ThreadsOption, size: number, kernelsHere: boolean): { threads: number; why: string | null } {
  if (asked === 1) return { threads: 1, why: null };
  if (asked === 'auto' && size < AUTO_MIN_ELEMENTS) return { threads: 1, why: null };
  const missing = kernelsHere ? sharedMemoryUnavailable() : 'the WebAssembly kernels are not in use';
  if (missing !== null) return { threads: 1, why: missing };
  return { threads: asked === 'auto' ? availableCores() : asked, why: null };
}

/**
 * Where the WebAssembly kernels come from, if anywhere. The main entry
 * ('simd-optim') installs its compiled-on-demand module here when it loads;
 * 'simd-optim/js' installs nothing, so its optimizers and ParamSets never
 * reach WebAssembly at all (they work where it is missing or forbidden).
 */
export interface KernelSource {
  /** Null where the kernels can run; else why not, as the end of an error message. */
  readonly unavailable: string | null;
  /** The compiled module (compiled on the first call); only called when `unavailable` is null. */
  module(): WebAssembly.Module;
  /** The same kernels importing a shared memory (threads; see sharedModule.ts), compiled on the first call. */
  sharedModule(): WebAssembly.Module;
}

const NO_SOURCE: KernelSource = {
  unavailable: "simd-optim/js has no WebAssembly kernels (import the optimizers from 'simd-optim' for them)",
  module: () => {
    throw new Error('simd-optim: no WebAssembly kernels are installed');
  },
  sharedModule: () => {
    throw new Error('simd-optim: no WebAssembly kernels are installed');
  },
};

let source: KernelSource = NO_SOURCE;

export function installKernels(kernels: KernelSource): void {
  source = kernels;
}

/** Null where the kernels can run; else why not. */
export function kernelsUnavailable(): string | null {
  return source.unavailable;
}

/** The kernel module, compiled on first use; null where the kernels cannot run. */
export function kernelModule(): WebAssembly.Module | null {
  return source.unavailable === null ? source.module() : null;
}

/** The kernels over a shared memory, compiled on first use; null where the kernels cannot run. */
export function sharedKernelModule(): WebAssembly.Module | null {
  return source.unavailable === null ? source.sharedModule() : null;
}

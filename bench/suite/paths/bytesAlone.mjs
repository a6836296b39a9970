// The memory's bound on two threads, in the same rounds as the thread paths:
// simd-optim's Momentum kernel on a ParamSet with two threads, over as many
// elements as move the row's bytes (Momentum reads p, g and v and writes p and
// v: five arrays, as AdaGrad and RMSProp, so as many elements as theirs; Adam
// moves seven, so 7/5 of its elements). Momentum does a multiply-add or two per
// element, so on two threads it moves bytes about as fast as this code can: the
// one-thread ParamSet's time over this path's (its `vs['zero-copy']`) is about
// the most a two-thread update of those bytes could gain at that moment (not a
// strict bound: Adam writes three arrays of seven, Momentum two of five). Why it is
// needed: at 8M elements in f32 the host's memory bandwidth, shared with its
// other guests, moved between runs, and with it what two threads can gain
// (docs/performance.md, "The ceiling"). The memcpy roofline cannot stand in
// for it: at 8M it moved fewer bytes per second than Adam's f32 kernel on one
// thread on this VM.
import { BYTES_OF, makeData } from '../data.mjs';
import { classOf, optimizerById, trafficBytes } from '../optimizers.mjs';
import { hasThreads, openSet, suffix } from './simdOptim.mjs';

const STAND_IN = optimizerById('momentum');

/**
 * Elements from which a run of a memory-bound rule is shared among a set's
 * threads (src/threads/shareAbove.ts, whose values a test holds this to):
 * below it the stand-in would run on one thread, and bound nothing.
 */
export const MEMORY_BOUND_SHARED_FROM = { f64: 1 << 16, f32: 1 << 17 };

/** The stand-in's elements that move the row's bytes: a multiple of 16, so its runs split as a vector's. */
export function standInElements(optimizer, elements, dtype) {
  const bytes = trafficBytes(optimizer, elements, BYTES_OF[dtype]);
  return Math.round(bytes / trafficBytes(STAND_IN, 16, BYTES_OF[dtype])) * 16;
}

export function bytesAlonePath(dtype = 'f64') {
  const tag = suffix(dtype);
  return {
    id: `bytes-2${tag}`,
    label: `the update's bytes alone on 2 threads: simd-optim's Momentum kernel over as many bytes (a ParamSet${dtype === 'f64' ? '' : `, ${dtype}`})`,
    short: `bytes 2 thr${tag}`,
    dtype,
    role: 'bound',
    /** Timed only beside this path, whose bound it is. */
    boundOf: `threads-2${tag}`,
    /** The one-thread path whose time over this one's is the bound (its `vs[against]`). */
    against: `zero-copy${tag}`,
    usesThreads: true,
    supports: (optimizer, size, lib) =>
      classOf(lib.simd, STAND_IN) !== undefined && hasThreads(lib.simd) && standInElements(optimizer, size.elements, dtype) >= MEMORY_BOUND_SHARED_FROM[dtype],
    setup({ optimizer, size, lib }) {
      const shapes = { bytes: [standInElements(optimizer, size.elements, dtype)] };
      return openSet({ lib, optimizer: STAND_IN, shapes, data: makeData(shapes), dtype, threads: 2 });
    },
  };
}

// simd-optim's own paths: the WebAssembly kernels on a ParamSet (zero copy) and
// on plain typed arrays (copy path), and the package's plain-JS reference
// backend. Each checks after its runs that `opt.lastPath` is the path it
// claims, so a silent fall-back to another path cannot pass as this one.
// A row whose class this build does not export is not supported: the suite
// then times only its plain-JS baseline.
import { copyDict } from '../data.mjs';
import { classOf, newOptimizer } from '../optimizers.mjs';

/** What a path id adds for its dtype: '' for f64, '-f32' for f32. */
export const suffix = (dtype) => (dtype === 'f64' ? '' : `-${dtype}`);
const arrayName = (dtype) => (dtype === 'f64' ? 'Float64Array' : 'Float32Array');

function checks(opt, optimizer, expectedPath, dtype) {
  return () => {
    const problems = [];
    const expected = [expectedPath].flat();
    if (!expected.includes(opt.lastPath)) problems.push(`lastPath is '${opt.lastPath}', expected '${expected.join("' or '")}'`);
    // Packages from before issue 6 have no `dtype`; they only run f64.
    const actual = opt.dtype ?? 'f64';
    if (actual !== dtype) problems.push(`ran in ${actual}, expected ${dtype}`);
    // A shaped row's state is not one array per element (`state` counts those, for the traffic).
    if (!optimizer.shaped && opt.stateNames.length !== optimizer.state) {
      problems.push(`${optimizer.name} has ${opt.stateNames.length} state arrays, the bench table says ${optimizer.state}`);
    }
    return problems;
  };
}

/** Whether this build of simd-optim has the row's class. */
const exported = (optimizer, size, lib) => classOf(lib.simd, optimizer) !== undefined;

function onDicts(expectedPath, backend, dtype) {
  return ({ optimizer, size, data, lib }) => {
    const params = copyDict(data.params, dtype);
    const grads = copyDict(data.grads, dtype);
    const opt = newOptimizer(lib.simd, optimizer, backend, size);
    return {
      run(k) {
        for (let i = 0; i < k; i++) opt.update(params, grads);
      },
      check: checks(opt, optimizer, expectedPath, dtype),
      dispose: () => opt.reset(),
    };
  };
}

export function jsReferencePath(dtype = 'f64') {
  return {
    id: `js-ref${suffix(dtype)}`,
    label: `simd-optim backend 'js' (${arrayName(dtype)})`,
    short: `JS backend${suffix(dtype)}`,
    dtype,
    role: 'subject',
    supports: exported,
    setup: onDicts('js', 'js', dtype),
  };
}

/**
 * A ParamSet, updated in place. `threads`: 1 (the 'zero-copy' column: one
 * thread, whatever the default), a count, or 'auto' (the set's default).
 * A build from before threads has one thread and no option for it.
 */
export function zeroCopyPath(dtype = 'f64', threads = 1) {
  const id = threads === 1 ? `zero-copy${suffix(dtype)}` : `threads-${threads}${suffix(dtype)}`;
  const named = threads === 'auto' ? 'threads: auto' : `${threads} thread${threads === 1 ? '' : 's'}`;
  return {
    id,
    label: `simd-optim on a ParamSet (zero copy, ${named}${dtype === 'f64' ? '' : `, ${dtype}`})`,
    short: threads === 1 ? `ParamSet${suffix(dtype)}` : `${threads === 'auto' ? 'auto' : `${threads}`} thr${suffix(dtype)}`,
    dtype,
    role: 'subject',
    /** Whether its times depend on the machine's cores being separate (measure.mjs, coresShared). */
    usesThreads: threads !== 1,
    supports: (optimizer, size, lib) => exported(optimizer, size, lib) && (threads === 1 || hasThreads(lib.simd)),
    // The sizes are the shapes a shaped rule reads.
    setup: ({ optimizer, size, data, lib }) => openSet({ lib, optimizer, shapes: size.shapes, data, dtype, threads }),
  };
}

/**
 * A runner of the row's optimizer on a new ParamSet of `shapes`, its arrays
 * holding `data` (a dict of the same keys) and its workers started.
 */
export async function openSet({ lib, optimizer, shapes, data, dtype, threads }) {
  const opt = newOptimizer(lib.simd, optimizer, 'wasm');
  // Only as many state slots as the optimizer needs, as a user would
  // reserve; a shaped rule's buffers are its own (Adafactor's factors).
  const options = { stateSlots: optimizer.shaped ? opt.stateNames.length : optimizer.state };
  if (dtype !== 'f64') options.dtype = dtype;
  if (hasThreads(lib.simd) && threads !== 'auto') options.threads = threads;
  const set = new lib.simd.ParamSet(shapes, options);
  // Workers started before timing, as in a training loop after its first steps.
  await set.startThreads?.();
  for (const key of Object.keys(shapes)) {
    set.params[key].set(data.params[key]);
    set.grads[key].set(data.grads[key]);
  }
  return {
    // Before each batch: a pause longer than a worker's polling window (5 ms), so the workers of the path
    // timed before this one have gone to sleep (until that path's next batch is due) and leave the cores
    // alone; then one untimed update, as the step before in a training loop, which finds this set's workers
    // awake if they have learnt the rounds' pace (as in a paced training loop), else asleep, and wakes them.
    // Every ParamSet path gets both, one thread too.
    async enter() {
      await new Promise((done) => setTimeout(done, 6));
      opt.update(set.params, set.grads);
    },
    run(k) {
      for (let i = 0; i < k; i++) opt.update(set.params, set.grads);
    },
    check: () => {
      const problems = checks(opt, optimizer, 'zero-copy', dtype)();
      if (typeof threads === 'number' && (set.threads ?? 1) !== threads) problems.push(`ran on ${set.threads} thread(s), expected ${threads} (${set.threadsError?.message})`);
      return problems;
    },
    threads: () => set.threads ?? 1,
    dispose: () => opt.reset(),
  };
}

/** Whether this build of simd-optim has the ParamSet `threads` option (issue 15). */
export function hasThreads(simd) {
  return typeof simd.ParamSet?.prototype?.startThreads === 'function';
}

export function copyPath(dtype = 'f64') {
  return {
    id: `copy${suffix(dtype)}`,
    label: `simd-optim on ${arrayName(dtype)}s (copy path)`,
    short: `copy path${suffix(dtype)}`,
    dtype,
    role: 'subject',
    supports: exported,
    setup: onDicts('copy', 'wasm', dtype),
  };
}

/**
 * What a user gets on plain arrays without asking for a backend: the copy path,
 * or the JS loop in place where that is faster (src/engines/pathChoice.ts).
 */
export function plainDefaultPath(dtype = 'f64') {
  return {
    id: `default${suffix(dtype)}`,
    label: `simd-optim on ${arrayName(dtype)}s, backend 'auto' (copy path or JS in place)`,
    short: `default${suffix(dtype)}`,
    dtype,
    role: 'subject',
    supports: exported,
    setup: onDicts(['copy', 'js'], 'auto', dtype),
  };
}

/**
 * Whether this build of simd-optim runs Float32Arrays on its kernels (issue 6):
 * a ParamSet asked for f32 must hand out Float32Arrays, and an update on them
 * must stay zero-copy in f32.
 */
export function hasF32(simd) {
  try {
    const set = new simd.ParamSet({ w: [4] }, { dtype: 'f32', stateSlots: 2 });
    if (!(set.params.w instanceof Float32Array)) return false;
    const opt = new simd.Adam({ backend: 'wasm' });
    opt.update(set.params, set.grads);
    return opt.dtype === 'f32' && opt.lastPath === 'zero-copy';
  } catch {
    return false;
  }
}

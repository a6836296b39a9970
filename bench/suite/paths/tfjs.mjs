// The peers a JS user would pick instead: TensorFlow.js `tf.train.*`
// optimizers driven through `applyGradients(namedMap)`, on the WebAssembly
// backend (SIMD; also threaded in a cross-origin-isolated page) and on the
// plain-JS CPU backend. Both are float32 only.
//
// Variables, gradients and the optimizer are made once, outside the timed
// region; the first update (which creates the optimizer's state) happens
// during calibration, so only steady-state `applyGradients` calls are timed.

let serial = 0;

/** Reads back one element of `v`, so any work still queued for it must finish first. */
function syncOne(tf, v) {
  const one = tf.tidy(() => tf.slice(tf.reshape(v, [-1]), 0, 1));
  one.dataSync();
  one.dispose();
}

function tfjsPath(backend, label, maxElements = Infinity) {
  return {
    id: `tfjs-${backend}`,
    label,
    short: `TF.js ${backend}`,
    dtype: 'f32',
    role: 'peer',
    tfBackend: backend,
    // Its update runs much TF.js JavaScript, cold in a fresh process: see slowWarmupMs in options.mjs.
    warmsSlowly: true,
    // The wasm backend grows its heap (a WebAssembly.Memory) for big tensors,
    // which detaches its old buffer: see growsMemory in all.mjs.
    growsMemory: backend === 'wasm',
    supports: (optimizer, size) => Boolean(optimizer.tfjs) && size.elements <= maxElements,
    async setup({ optimizer, data, size, lib }) {
      const { tf } = lib;
      if (!(await tf.setBackend(backend))) throw new Error(`TensorFlow.js backend '${backend}' failed to initialise`);
      const prefix = `bench${++serial}`;
      const variables = [];
      const grads = {};
      for (const [key, shape] of Object.entries(size.shapes)) {
        const initial = tf.tensor(Float32Array.from(data.params[key]), shape);
        const v = tf.variable(initial, true, `${prefix}/${key}`);
        initial.dispose(); // the variable keeps its own reference to the data
        variables.push(v);
        grads[v.name] = tf.tensor(Float32Array.from(data.grads[key]), shape);
      }
      const opt = optimizer.tfjs.make(tf);
      const last = variables[variables.length - 1];
      // Checked while it runs (other paths switch the backend between batches):
      // the backend must be this one, and after the first update, which makes
      // the optimizer's state, a batch must leave the tensor count as it found it.
      let wrongBackend = null;
      let leaked = 0;
      let first = true;
      return {
        enter: () => tf.setBackend(backend),
        run(k) {
          if (tf.getBackend() !== backend) wrongBackend = tf.getBackend();
          const before = tf.memory().numTensors;
          // Both backends run each kernel to completion on the calling thread
          // (the threaded wasm build joins its worker pool inside the kernel),
          // so the work is done when applyGradients returns. syncOne makes that
          // a guarantee rather than an assumption: a backend that deferred work
          // would have to finish it here, inside the timing. Its cost (a
          // 1-element slice and a 4-byte read) is spread over the k updates.
          for (let i = 0; i < k; i++) opt.applyGradients(grads);
          syncOne(tf, last);
          if (!first) leaked += tf.memory().numTensors - before;
          first = false;
        },
        check() {
          const problems = [];
          if (wrongBackend) problems.push(`ran on backend '${wrongBackend}', expected '${backend}'`);
          if (leaked !== 0) problems.push(`the tensor count changed by ${leaked} over the timed batches: a leak would be timed`);
          return problems;
        },
        dispose() {
          opt.dispose();
          for (const v of variables) v.dispose();
          for (const g of Object.values(grads)) g.dispose();
        },
      };
    },
  };
}

export const tfjsWasmPath = tfjsPath('wasm', 'TensorFlow.js wasm backend (f32)');
// The cpu backend needs seconds per update at 8M (a quarter of a full run's
// time, for a peer 25-50× behind at every size), so it stops at 2M elements.
export const TFJS_CPU_MAX_ELEMENTS = 1 << 21;
export const tfjsCpuPath = tfjsPath('cpu', 'TensorFlow.js cpu backend (f32)', TFJS_CPU_MAX_ELEMENTS);

/** What the TF.js backends are running on here, for the results file. */
export async function tfjsInfo(tf) {
  const info = { version: tf.version_core };
  try {
    info.wasmSimd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
    info.wasmThreadsSupported = await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT');
  } catch {
    // the wasm backend registers these flags; without it there is nothing to say
  }
  return info;
}

/** Initialises each named TF.js backend; → the names that came up (the others are logged and left out). */
export async function startTfBackends(tf, names, log) {
  const up = [];
  for (const name of names) {
    try {
      if (await tf.setBackend(name)) up.push(name);
      else log(`TensorFlow.js backend '${name}' did not initialise: left out`);
    } catch (error) {
      log(`TensorFlow.js backend '${name}' failed (${error.message}): left out`);
    }
  }
  return up;
}

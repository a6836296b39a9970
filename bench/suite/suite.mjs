// The benchmark suite, runtime-neutral: given the libraries (loaded by the Node
// entry or by the browser page) and the parsed options, it times every
// optimizer × size × path and returns the results object that is written as
// JSON. `log` receives one progress line per case.
import { makeData } from './data.mjs';
import { measureCase } from './measure.mjs';
import { FAMILIES, optimizersOf, qualifiedName } from './optimizers.mjs';
import { allPaths, REFERENCES } from './paths/all.mjs';
import { hasF32 } from './paths/simdOptim.mjs';
import { sizeFor } from './sizes.mjs';
import { summarizeCase } from './summarize.mjs';

const KEPT = new Set(['baseline', 'roofline']);
const WARM_UP = { batchMs: 1, caseMs: 0, minRounds: 1, maxRounds: 1, warmupRounds: 0, warmupMs: 30 };

/** The paths this run times: what the runtime has, narrowed by --paths (baselines and rooflines stay; a bound stays with the path it bounds). */
function choosePaths(options, lib, f32) {
  const paths = allPaths({ f32, tfBackends: options.tfjs ? lib.tfBackends : [] });
  if (!options.pathIds) return paths;
  const unknown = options.pathIds.filter((id) => !allPaths({ f32: true, tfBackends: ['wasm', 'cpu'] }).some((p) => p.id === id));
  if (unknown.length) throw new Error(`unknown path id(s): ${unknown.join(', ')}`);
  const chosen = (id) => options.pathIds.includes(id);
  return paths.filter((p) => KEPT.has(p.role) || chosen(p.id) || (p.boundOf && chosen(p.boundOf)));
}

/** The progress line of one case's row. */
export function progressLine(index, total, row, paths, names) {
  const parts = [];
  const summary = row.paths;
  const base = summary['seed-js'];
  if (base) parts.push(`plain JS ${base.medianUs.toPrecision(3)} µs`);
  for (const p of paths) {
    const s = summary[p.id];
    if (!s || p.role === 'baseline') continue;
    if (p.role === 'roofline') parts.push(`${p.short} ${s.gbPerS.toFixed(1)} GB/s`);
    else if (p.role === 'bound') parts.push(`${p.short} ${s.gbPerS.toFixed(1)} GB/s, bound ${s.vs[p.against]?.toPrecision(3) ?? '?'}×`);
    else parts.push(`${p.short} ${s.vs['seed-js']?.toPrecision(3) ?? '?'}×`);
  }
  // A case pooled from several processes: each one's plain-JS median, which shows a baseline with two speeds.
  const each = row.perProcess?.['seed-js'];
  if (each) parts.push(`plain JS per process ${each.map((us) => us.toPrecision(3)).join(', ')} µs`);
  const flag = row.problems.length ? `  PROBLEMS: ${row.problems.join('; ')}` : '';
  const again = row.coreChecks?.again ? `, ${row.coreChecks.again} more for rounds in which the cores were shared` : '';
  return `[${index}/${total}] ${names.optimizer} ${names.size}: ${parts.join(' · ')} (${row.rounds} rounds${again}, ${row.seconds.toFixed(1)} s)${flag}`;
}

/**
 * What a run times: its paths (what the runtime has, narrowed by --paths), and
 * its cases in order (the optimizers at each size, sizes outer), each an
 * optimizer row and the size as listed.
 */
export function planSuite(options, lib, log = () => {}) {
  const optimizers = options.optimizers;
  if (optimizers.length === 0) throw new Error('no optimizer selected: nothing to time');
  // A row whose class this build lacks still runs, on the paths that need no
  // simd-optim class (its plain-JS baseline and the roofline): see simdOptim.mjs.
  const notExported = optimizersOf(lib.simd).absent.filter((o) => optimizers.includes(o));
  if (notExported.length) log(`not exported by this build of simd-optim, so only the plain-JS baseline is timed: ${[...new Set(notExported.map(qualifiedName))].join(', ')}`);
  const f32Available = hasF32(lib.simd);
  const paths = choosePaths(options, lib, options.f32 && f32Available);
  const runsAt = (optimizer, size) => options.sizesOf(optimizer).includes(size);
  const cases = options.sizes.flatMap((listed) => optimizers.filter((o) => runsAt(o, listed)).map((optimizer) => ({ optimizer, listed })));
  return { optimizers, notExported, f32Available, paths, cases, runsAt };
}

/** Times one case (an optimizer at a size as listed) on the paths that support it → its row in the results. */
export async function runCase({ optimizer, listed, paths, lib, settings, coresShared }) {
  // The same values whatever the shape: makeData reads only each key's length.
  const data = makeData(listed.shapes);
  const size = sizeFor(optimizer, listed);
  const t0 = performance.now();
  const casePaths = paths.filter((p) => p.supports(optimizer, size, lib));
  const measured = await measureCase({ optimizer, size, data, lib, paths: casePaths, settings, coresShared: casePaths.some((p) => p.usesThreads) ? coresShared : undefined });
  const summary = summarizeCase({ optimizer, size, paths: casePaths, measured, references: REFERENCES });
  return {
    optimizer: optimizer.id,
    size: size.id,
    elements: size.elements,
    keys: size.keys,
    // A shaped row's keys as it ran them (the single key as a matrix).
    ...(optimizer.shaped ? { shapes: size.shapes } : {}),
    rounds: measured.rounds,
    seconds: Number(((performance.now() - t0) / 1000).toFixed(2)),
    paths: summary,
    ...(measured.coreChecks && { coreChecks: measured.coreChecks }),
    problems: measured.problems,
  };
}

/**
 * Runs every case in this process, one after another (the browser page's
 * way), after one throwaway pass of every optimizer and path at 1K, so the
 * first timed case does not also pay for compiling the code every case shares.
 */
export const inThisProcess = {
  description: 'every case in one process',
  async start({ plan, lib }) {
    const small = { id: 'warm-up', label: 'warm-up', shapes: { w: [1024] }, matrix: { w: [32, 32] }, elements: 1024, keys: 1 };
    const smallData = makeData(small.shapes);
    for (const optimizer of plan.optimizers) {
      const size = sizeFor(optimizer, small);
      await measureCase({ optimizer, size, data: smallData, lib, paths: plan.paths.filter((p) => p.supports(optimizer, size, lib)), settings: WARM_UP });
    }
  },
  run: ({ optimizer, listed }, { plan, lib, settings, coresShared }) => runCase({ optimizer, listed, paths: plan.paths, lib, settings, coresShared }),
};

/**
 * → the results object written as JSON (its `units` field says what each number is).
 * `runner` runs each case: `inThisProcess` by default; the Node entry gives
 * each case a process of its own (bench/node/caseProcesses.mjs). A case that
 * fails is a problem of the run, and the run goes on with the next.
 */
export async function runSuite({ options, lib, environment, log = () => {}, runner = inThisProcess, coresShared }) {
  const startedAt = new Date();
  const plan = planSuite(options, lib, log);
  const { optimizers, notExported, f32Available, paths, runsAt } = plan;
  const total = plan.cases.length;
  log(`${total} cases × ${paths.length} paths (${paths.map((p) => p.id).join(', ')}), ${options.quick ? 'quick' : 'full'} settings, ${runner.description}`);
  await runner.start?.({ plan, lib, options });

  const cases = [];
  const failed = [];
  for (const [index, item] of plan.cases.entries()) {
    const names = { optimizer: item.optimizer.name, size: sizeFor(item.optimizer, item.listed).label };
    try {
      const row = await runner.run(item, { plan, lib, settings: options.settings, options, coresShared });
      cases.push(row);
      log(progressLine(index + 1, total, row, paths, names));
    } catch (error) {
      failed.push(`${item.optimizer.id} ${item.listed.id}: ${error?.message ?? error}`);
      log(`[${index + 1}/${total}] ${names.optimizer} ${names.size}: FAILED: ${error?.message ?? error}`);
    }
  }

  const finishedAt = new Date();
  return {
    schema: 1,
    suite: 'simd-optim optimizer update benchmark',
    startedAt: startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    durationSeconds: Number(((finishedAt - startedAt) / 1000).toFixed(1)),
    command: options.command ?? null,
    quick: options.quick,
    settings: options.settings,
    environment,
    libraries: { ...lib.versions, simdOptimF32: f32Available, f32PathsRun: options.f32 && f32Available },
    units: { medianUs: 'µs per update (median over rounds)', gbPerS: 'GB/s (1e9 bytes) of the bytes the update must read and write', vs: 'median over rounds of (reference time / this time): > 1 means faster than the reference' },
    paths: paths.map(({ id, label, short, dtype, role }) => ({ id, label, short, dtype, role })),
    optimizers: optimizers.map((o) => ({
      id: o.id,
      name: o.name,
      family: o.family,
      simdOptim: notExported.includes(o) ? null : `new ${qualifiedName(o)}(${JSON.stringify(o.options)})`,
      baseline: FAMILIES[o.family].baseline,
      stateArrays: o.state,
      tfjs: o.tfjs ? { call: o.tfjs.call, note: o.tfjs.note } : null,
    })),
    isolation: runner.description,
    notExported: [...new Set(notExported.map(qualifiedName))],
    sizes: options.sizes.filter((s) => optimizers.some((o) => runsAt(o, s))).map(({ id, label, elements, keys }) => ({ id, label, elements, keys })),
    cases,
    problems: [...cases.flatMap((c) => c.problems.map((p) => `${c.optimizer} ${c.size}: ${p}`)), ...failed],
  };
}

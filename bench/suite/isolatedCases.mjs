// Running each case somewhere of its own (a Node process, a browser page),
// runtime-neutral: the case as a plain object that crosses the boundary, the
// case it names on the far side, and a runSuite runner that runs it there,
// several times where a size asks for it, and pools the rows; its TF.js
// columns apart from the rest (tfjsApart.mjs).
import { optimizerById } from './optimizers.mjs';
import { allPaths } from './paths/all.mjs';
import { poolRows } from './pool.mjs';
import { sizeById, sizeFor } from './sizes.mjs';
import { joinParts, partsOf } from './tfjsApart.mjs';

/** One run's share of a case's timing settings when `n` runs time it. */
export const shareOf = (settings, n) =>
  n === 1 ? settings : { ...settings, caseMs: settings.caseMs / n, minRounds: Math.ceil(settings.minRounds / n), maxRounds: Math.ceil(settings.maxRounds / n) };

/** The case as it crosses to where it runs: ids and settings only. */
export const caseSpec = ({ optimizer, listed }, plan, settings) => ({ optimizerId: optimizer.id, sizeId: listed.id, pathIds: plan.paths.map((p) => p.id), settings });

/** The case a spec names, where it runs: its optimizer, its size (as listed and as run) and its paths. */
export function caseOfSpec(spec) {
  const optimizer = optimizerById(spec.optimizerId);
  const listed = sizeById(spec.sizeId);
  if (!optimizer || !listed) throw new Error(`unknown case: optimizer '${spec.optimizerId}', size '${spec.sizeId}'`);
  const known = allPaths({ f32: true, tfBackends: ['wasm', 'cpu'] });
  const unknown = spec.pathIds.filter((id) => !known.some((p) => p.id === id));
  if (unknown.length) throw new Error(`unknown path id(s): ${unknown.join(', ')}`);
  return { optimizer, listed, size: sizeFor(optimizer, listed), paths: known.filter((p) => spec.pathIds.includes(p.id)) };
}

/**
 * A runSuite runner that times each case by `runOne(spec)` (→ its row, in a
 * place of its own), `runsOf(size)` times one after another, each with its
 * share of the rounds, the rows then pooled (pool.mjs). A case with TF.js
 * columns runs in two parts, each in places of its own, joined into one row
 * (tfjsApart.mjs).
 */
export function isolatedRunner({ description, runsOf = () => 1, runOne }) {
  return {
    description,
    async run(item, { plan, settings }) {
      const n = runsOf(item.listed);
      const parts = partsOf(plan.paths, item.optimizer, sizeFor(item.optimizer, item.listed));
      const specs = parts.map((paths) => caseSpec(item, { paths }, shareOf(settings, n)));
      const rows = parts.map(() => []);
      for (let i = 0; i < n; i++) for (const [k, spec] of specs.entries()) rows[k].push(await runOne(spec));
      const [main, tfjs] = rows.map((partRows, k) => poolRows(partRows, { ...item, paths: parts[k] }));
      return tfjs ? joinParts(main, tfjs, parts[1].filter((p) => p.tfBackend)) : main;
    },
  };
}

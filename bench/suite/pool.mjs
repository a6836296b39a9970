// One row from the rows of the same case run in several processes
// (`--processes N`): their rounds pooled, then summarized as one run's rounds
// are. A round's ratios stay within the process that timed it (every path has
// one time per round, in the same order), so pooling keeps them paired.
import { REFERENCES } from './paths/all.mjs';
import { summarizeCase } from './summarize.mjs';
import { sizeFor } from './sizes.mjs';

/** → the pooled row; `perProcess` keeps each process's median per path (µs), which shows a case that settles in one of two speeds. */
export function poolRows(rows, { optimizer, listed, paths }) {
  if (rows.length === 1) return rows[0];
  const size = sizeFor(optimizer, listed);
  const problems = rows.flatMap((r) => r.problems);
  // A path that did not run in every process cannot be paired round by round.
  const inAll = paths.filter((p) => rows.every((r) => r.paths[p.id]));
  for (const p of paths) {
    if (!inAll.includes(p) && rows.some((r) => r.paths[p.id])) problems.push(`${p.id}: ran in only some of the ${rows.length} processes, left out`);
  }
  const times = Object.fromEntries(inAll.map((p) => [p.id, rows.flatMap((r) => r.paths[p.id].timesUs.map((us) => us / 1000))]));
  const batches = Object.fromEntries(inAll.map((p) => [p.id, rows[0].paths[p.id].batch]));
  const summary = summarizeCase({ optimizer, size, paths: inAll, measured: { times, batches }, references: REFERENCES });
  return {
    ...rows[0],
    rounds: rows.reduce((n, r) => n + r.rounds, 0),
    seconds: Number(rows.reduce((n, r) => n + r.seconds, 0).toFixed(2)),
    paths: summary,
    ...(rows.some((r) => r.coreChecks) && {
      coreChecks: { again: rows.reduce((n, r) => n + (r.coreChecks?.again ?? 0), 0), probes: rows.reduce((n, r) => n + (r.coreChecks?.probes ?? 0), 0) },
    }),
    problems,
    process: rows.map((r) => r.process),
    perProcess: Object.fromEntries(inAll.map((p) => [p.id, rows.map((r) => Number(r.paths[p.id].medianUs.toPrecision(4)))])),
  };
}

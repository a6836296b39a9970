// Times the paths of one case (one optimizer at one size) against each other.
//
// Each path first runs alone until warm (its first update also creates its
// state), then a calibration sets its batch: how many updates make one timed
// sample of about `batchMs`. Then come rounds that time every path's batch in
// turn (A B C A B C ...), the first `warmupRounds` of them discarded, so every
// path sees the same machine load round by round and ratios can be taken per
// round before the median.
//
// A path's runner may time itself (one that runs in another thread: see
// bench/node/workerPath.mjs): `run(k)` then returns the milliseconds its k
// updates took there, and `timeCalls(minMs, maxCalls)` calibrates there, so
// the hand-over between threads is never part of a time.
const now = () => performance.now();

export function timeCalls(run, minMs, maxCalls) {
  if (run.timeCalls) return run.timeCalls(minMs, maxCalls);
  const t0 = now();
  let calls = 0;
  let elapsed = 0;
  do {
    run.run(1);
    calls++;
    elapsed = now() - t0;
  } while (elapsed < minMs && calls < maxCalls);
  return elapsed / calls;
}

/**
 * → { rounds, batches: {id: k}, times: {id: [ms per update, one per round]}, problems: [] }.
 * `settings`: batchMs, caseMs (time the rounds may take), minRounds, maxRounds, warmupRounds (dropped when a round takes over 1 s), warmupMs, slowWarmupMs (for a path that `warmsSlowly`).
 * `coresShared` (optional, for cases with thread paths): probes whether the
 * machine's cores are shared right now (coreProbe.mjs); it runs right before
 * and right after each batch of a path that `usesThreads`, and a round with a
 * shared probe is timed again, up to max(4, 2 × rounds) times in all (after
 * that, rounds count as they come) → `coreChecks: { again: rounds timed
 * again, probes }`.
 */
export async function measureCase({ optimizer, size, data, lib, paths, settings, coresShared }) {
  const live = [];
  const problems = [];
  try {
    // A path in a worker spends its setup loading modules there, so those
    // start at once, side by side; the others are set up one at a time (TF.js's
    // current backend, for one, is shared by its two paths).
    const context = { optimizer, size, data, lib };
    const early = new Map(paths.filter((p) => p.inWorker).map((p) => [p, p.setup(context)]));
    for (const started of early.values()) started.catch(() => {}); // its failure is reported below, in order
    for (const path of paths) {
      try {
        live.push({ path, run: await (early.get(path) ?? path.setup(context)) });
      } catch (error) {
        problems.push(`${path.id}: setup failed: ${error?.message ?? error}`);
      }
    }
    for (const c of live) {
      await c.run.enter?.();
      // A path that warms slowly (TF.js: much JavaScript per update, which a
      // fresh process has not compiled yet) gets the longer warm-up.
      timeCalls(c.run, c.path.warmsSlowly ? settings.slowWarmupMs ?? settings.warmupMs : settings.warmupMs, 10_000);
      c.perCall = timeCalls(c.run, settings.batchMs, 100_000);
      c.batch = Math.max(1, Math.round(settings.batchMs / Math.max(c.perCall, 1e-6)));
    }
    const roundMs = live.reduce((sum, c) => sum + c.batch * c.perCall, 0);
    const rounds = Math.min(settings.maxRounds, Math.max(settings.minRounds, Math.floor(settings.caseMs / roundMs)));
    // Rounds of over a second are memory-bound work on paths already warmed by
    // their calibration: no need to discard any.
    const warmupRounds = roundMs > 1000 ? 0 : settings.warmupRounds;
    const times = live.map(() => []);
    const checks = coresShared ? { again: 0, probes: 0 } : null;
    const probe = async () => {
      // After a pause longer than a worker's polling window, so no set's worker runs beside the probe.
      await new Promise((done) => setTimeout(done, 6));
      checks.probes++;
      return coresShared();
    };
    const mayRedo = Math.max(4, 2 * rounds);
    for (let r = -warmupRounds; r < rounds; r++) {
      const round = [];
      let shared = false;
      let probedLast = false;
      for (let i = 0; i < live.length; i++) {
        const c = live[i];
        const check = checks !== null && c.path.usesThreads;
        // Probed right before and right after each thread path's batch (the probe after one serves the next).
        if (check && !probedLast) shared = (await probe()) || shared;
        await c.run.enter?.();
        const t0 = now();
        const ran = c.run.run(c.batch);
        round.push((typeof ran === 'number' ? ran : now() - t0) / c.batch);
        if (check) shared = (await probe()) || shared;
        probedLast = check;
      }
      if (r >= 0 && shared && checks.again < mayRedo) {
        checks.again++;
        r--;
      } else if (r >= 0) round.forEach((ms, i) => times[i].push(ms));
    }
    for (const c of live) for (const p of c.run.check?.() ?? []) problems.push(`${c.path.id}: ${p}`);
    return {
      rounds,
      batches: Object.fromEntries(live.map((c) => [c.path.id, c.batch])),
      times: Object.fromEntries(live.map((c, i) => [c.path.id, times[i]])),
      ...(checks && { coreChecks: checks }),
      problems,
    };
  } finally {
    for (const c of live) await c.run.dispose?.();
  }
}

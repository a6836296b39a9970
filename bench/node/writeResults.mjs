// Writes a results object as bench/results/<date>-<host>[-<tag>].json with its
// SVG chart beside it. Quick and narrowed runs get their own tags (see
// runTags in suite/options.mjs) so a CI smoke run or an `--only` run never
// overwrites the figures of a full run.
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chartSvg } from '../suite/chart.mjs';

export const RESULTS_DIR = fileURLToPath(new URL('../results/', import.meta.url));

const safe = (s) => String(s).toLowerCase().replace(/[^a-z0-9.-]+/g, '-').replace(/^-|-$/g, '') || 'host';

/** → { json, svg } paths written. `tags`: e.g. ['chromium'], ['quick']. */
export async function writeResults(results, { dir = RESULTS_DIR, tags = [], title } = {}) {
  await mkdir(dir, { recursive: true });
  const base = [results.startedAt.slice(0, 10), safe(os.hostname()), ...tags].join('-');
  const json = join(dir, `${base}.json`);
  const svg = join(dir, `${base}.svg`);
  await writeFile(json, `${JSON.stringify(results, null, 1)}\n`);
  await writeFile(svg, await chartSvg(results, title));
  return { json, svg };
}

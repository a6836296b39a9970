// docs/performance.md and the README's performance table are generated from
// the benchmark's results files (scripts/performanceDoc.mjs). Regenerated into
// memory here: a hand edit, or a results file changed without
// `npm run docs:performance`, fails this test.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script without types
import { generated, README_BEGIN, README_END, withReadmeTable } from '../scripts/performanceDoc.mjs';

const root = new URL('../', import.meta.url);

describe('generated performance docs', () => {
  const expected = generated() as Record<string, string>;

  it.each(Object.keys(expected))('%s is up to date with the results JSON (npm run docs:performance)', (file) => {
    expect(readFileSync(new URL(file, root), 'utf8')).toBe(expected[file]);
  });

  it('the README holds the table between its markers', () => {
    const readme = expected['README.md'];
    const block = readme.slice(readme.indexOf(README_BEGIN), readme.indexOf(README_END));
    expect(block).toMatch(/\| Adam \| [\d.]+ µs \|/);
  });

  it('refuses a README without the markers instead of dropping the table', () => {
    expect(() => withReadmeTable('# no markers\n', 'table')).toThrow(/performance:begin/);
  });
});

// docs/api.md is written by hand (TypeDoc cannot read TypeScript 7's sources),
// so this test keeps it honest: every export of both entry points has a
// "### `name`" heading, every torch.* class and every public member of an
// optimizer and of a ParamSet is named, and no heading names something the
// package does not export.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as main from '../src/index.js';
import * as js from '../src/js.js';

const read = (path: string) => readFileSync(new URL(`../${path}`, import.meta.url), 'utf8');
const api = read('docs/api.md');
const headings = new Set([...api.matchAll(/^### `([^`]+)`$/gm)].map((m) => m[1]));

/** The names a TypeScript file re-exports as types: `export type { A, B as C } from ...` and `export type { D };`. */
function typeExports(source: string): string[] {
  const names: string[] = [];
  for (const [, list] of source.matchAll(/export type \{([^}]*)\}/g)) {
    for (const item of list.split(',').map((s) => s.trim()).filter(Boolean)) names.push(item.split(/\s+as\s+/).pop()!);
  }
  return names;
}

/**
 * The public members of `class Name` in a source file: declarations at the
 * class body's indent that are neither private, protected, @internal nor the
 * constructor.
 */
function publicMembers(source: string, className: string): string[] {
  const body = source.slice(source.indexOf(`export class ${className}`));
  const lines = body.slice(0, body.indexOf('\n}\n')).split('\n').slice(1);
  const members: string[] = [];
  let comment = ''; // the doc comment just before the next declaration
  let open = false; // inside a multi-line doc comment
  for (const line of lines) {
    let code = line;
    if (open || /^ {2}\/\*\*/.test(line)) {
      const end = line.indexOf('*/');
      comment = open ? comment + line : line;
      open = end < 0;
      if (open) continue;
      code = `  ${line.slice(end + 2).trim()}`;
    }
    const m = /^ {2}(?:(private|protected) )?(?:readonly )?(?:get |set )?(\w+)\s*[(:<]/.exec(code);
    if (!m) continue;
    if (!m[1] && !comment.includes('@internal') && m[2] !== 'constructor') members.push(m[2]);
    comment = '';
  }
  return [...new Set(members)];
}

const typeNames = [...new Set([...typeExports(read('src/publicTypes.ts')), ...typeExports(read('src/index.ts')), ...typeExports(read('src/js.ts'))])];

describe('docs/api.md', () => {
  it('both entries export the same names (so one page documents both)', () => {
    expect(Object.keys(js).sort()).toEqual(Object.keys(main).sort());
    expect(Object.keys(js.torch).sort()).toEqual(Object.keys(main.torch).sort());
  });

  it.each(Object.keys(main))('documents the value export %s', (name) => {
    expect(headings).toContain(name);
  });

  it.each(Object.keys(main.torch))('documents torch.%s', (name) => {
    expect(api).toContain(`\`torch.${name}\``);
  });

  it('finds the type exports it checks (the parser still reads publicTypes.ts)', () => {
    expect(typeNames).toEqual(expect.arrayContaining(['Dict', 'OptimizerState', 'AdamHyper']));
  });

  it.each(typeNames)('documents the type export %s', (name) => {
    expect(headings).toContain(name);
  });

  it.each([
    ['Optimizer', 'src/optimizer.ts', 'opt'],
    ['ParamSet', 'src/paramSet.ts', 'set'],
  ])('names every public member of %s', (className, file, prefix) => {
    const members = publicMembers(read(file), className);
    expect(members.length).toBeGreaterThan(3);
    const missing = members.filter((m) => !api.includes(`\`${prefix}.${m}`));
    expect(missing).toEqual([]);
  });

  it('has no heading for something the package does not export', () => {
    const exported = new Set([...Object.keys(main), ...typeNames]);
    expect([...headings].filter((h) => !exported.has(h))).toEqual([]);
  });
});

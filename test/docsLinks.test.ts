// Every relative link in the README and docs/ must lead somewhere: the file
// exists and, for a link with #anchor, the target has a heading with that
// anchor (GitHub's slugs). Moving text between pages breaks links silently
// otherwise.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../', import.meta.url));
const pages = ['README.md', 'CONTRIBUTING.md', 'CHANGELOG.md', ...readdirSync(join(root, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];

/** GitHub's anchors for a page's headings: lower case, punctuation dropped, spaces to '-', repeats numbered. */
function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  const text = markdown.replace(/```[\s\S]*?```/g, '');
  for (const [, heading] of text.matchAll(/^#{1,6} (.+)$/gm)) {
    const slug = heading.toLowerCase().replace(/[^\p{L}\p{N}\- _]/gu, '').replace(/ /g, '-');
    const n = seen.get(slug) ?? 0;
    seen.set(slug, n + 1);
    out.add(n === 0 ? slug : `${slug}-${n}`);
  }
  return out;
}

/** The relative links of a page: [text](target) and ![alt](target), outside code blocks. */
function links(markdown: string): string[] {
  const text = markdown.replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '');
  return [...text.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]).filter((t) => !/^[a-z]+:/i.test(t));
}

/** The page's links that lead nowhere, each with the reason. */
function broken(page: string): string[] {
  const bad: string[] = [];
  for (const link of links(readFileSync(join(root, page), 'utf8'))) {
    const [path, anchor] = link.split('#');
    const target = path ? join(root, dirname(page), path) : join(root, page);
    if (!existsSync(target)) bad.push(`${link}: ${relative(root, target)} does not exist`);
    else if (anchor && !anchors(readFileSync(target, 'utf8')).has(anchor)) bad.push(`${link}: no heading with that anchor`);
  }
  return bad;
}

describe('links in the README and docs/', () => {
  it('finds links to check (the parser still reads the pages)', () => {
    expect(links(readFileSync(join(root, 'README.md'), 'utf8')).length).toBeGreaterThan(5);
  });

  it.each(pages)('every relative link in %s resolves', (page) => {
    expect(broken(page)).toEqual([]);
  });

  it('makes anchors as GitHub does (punctuation dropped, repeats numbered)', () => {
    expect(anchors('# A title\n## `opt.lr` and more\n## A title\n')).toEqual(new Set(['a-title', 'optlr-and-more', 'a-title-1']));
  });
});

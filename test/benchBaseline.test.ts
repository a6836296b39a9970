// The bench's plain-JS baseline is compiled afresh for every case (optimizer,
// dtype, size): one shared copy of a port would let its loops see every size,
// dict and optimizer before the case at hand, which no user's training loop
// does (bench/suite/paths/freshPort.mjs). This holds that property, and that a
// copy computes what the port file computes.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: plain .mjs bench modules without types
import { caseTag, compilePort } from '../bench/suite/paths/freshPort.mjs';
// @ts-expect-error: plain .mjs bench modules without types
import { seedJsF32Path, seedJsPath } from '../bench/suite/paths/seedJs.mjs';
// @ts-expect-error: plain .mjs bench modules without types
import { optimizerById } from '../bench/suite/optimizers.mjs';
// @ts-expect-error: plain .mjs bench modules without types
import { makeData } from '../bench/suite/data.mjs';
// @ts-expect-error: plain .mjs bench modules without types
import { sizeById, sizeFor } from '../bench/suite/sizes.mjs';
// @ts-expect-error: plain .mjs bench modules without types
import * as seedPort from '../bench/seedPort.mjs';

const source = (file: string) => readFileSync(new URL(`../bench/${file}`, import.meta.url), 'utf8');

type Copy = { family: string; cls: unknown; update: unknown };

describe('the bench baseline', () => {
  it('gives every case its own compiled copy of the port', async () => {
    // Each copy reports the class it made, so the test sees which copy a case ran.
    const copies: Copy[] = [];
    (globalThis as Record<string, unknown>).benchPortCopies = copies;
    const report = (family: string, name: string) =>
      `\nglobalThis.benchPortCopies.push({ family: '${family}', cls: ${name}, update: ${name}.prototype.update });\n`;
    const lib = {
      portSources: {
        seed: source('seedPort.mjs') + report('seed', 'Adam'),
        torch: source('torchPort.mjs') + report('torch', 'Adam'),
      },
    };
    const cases = [
      [seedJsPath, 'adam', '1K'],
      [seedJsPath, 'adam', '16K'],
      [seedJsPath, 'adam', 'MNIST'],
      [seedJsF32Path, 'adam', '1K'],
      [seedJsPath, 'sgd', '1K'],
      [seedJsPath, 'torch-adam', '1K'],
      [seedJsF32Path, 'torch-adam', '1K'],
      // The shaped rows: Adafactor's port gets the case's shapes (the single key as a matrix).
      [seedJsPath, 'torch-adafactor', '1K'],
      [seedJsF32Path, 'torch-adafactor', 'MNIST'],
      [seedJsPath, 'lamb', '1K'],
    ] as const;
    try {
      for (const [path, id, sizeId] of cases) {
        const size = sizeFor(optimizerById(id), sizeById(sizeId));
        const run = await path.setup({ optimizer: optimizerById(id), size, data: makeData(size.shapes), lib });
        run.run(2);
        expect(run.check()).toEqual([]);
      }
    } finally {
      delete (globalThis as Record<string, unknown>).benchPortCopies;
    }
    expect(copies.map((c) => c.family)).toEqual(cases.map(([, id]) => optimizerById(id).family));
    expect(new Set(copies.map((c) => c.cls)).size).toBe(cases.length);
    expect(new Set(copies.map((c) => c.update)).size).toBe(cases.length);
  });

  it('names the case in each copy, so no two cases compile the same text', () => {
    const size = sizeById('1M');
    const tags = ['adam', 'sgd'].flatMap((id) => ['f64', 'f32'].map((dtype) => caseTag({ optimizer: optimizerById(id), dtype, size })));
    expect(new Set(tags).size).toBe(4);
    expect(tags[0]).toBe('adam f64 1M');
  });

  it('compiles a copy that computes the bits the port file computes', async () => {
    const copy = await compilePort(source('seedPort.mjs'), 'adam f64 test');
    expect(copy.Adam).not.toBe(seedPort.Adam);
    const { params, grads } = makeData({ w: [257], b: [3] });
    const mine = structuredClone({ params, grads });
    const theirs = structuredClone({ params, grads });
    const a = new copy.Adam(0.001, 0.9, 0.999);
    const b = new seedPort.Adam(0.001, 0.9, 0.999);
    for (let i = 0; i < 3; i++) {
      a.update(mine.params, mine.grads);
      b.update(theirs.params, theirs.grads);
    }
    expect(mine.params.w).toEqual(theirs.params.w);
    expect(mine.params.w).not.toEqual(params.w);
  });

  it('refuses a port that imports something, which a copy from a data: URL could not resolve', async () => {
    await expect(compilePort("import { x } from './x.mjs';\nexport const y = x;", 'adam f64 1K')).rejects.toThrow(/must not import/);
  });
});

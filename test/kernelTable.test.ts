import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain .mjs script, no types
import { generate } from '../scripts/genKernels.mjs';
import { KERNEL_CONSTANTS, KERNEL_STATE, type KernelBase } from '../src/wasm/kernelTable.js';
import { MAX_STATE } from '../src/wasm/updateTable.js';
import { sgdRule, momentumRule, nesterovRule, adagradRule, rmspropRule, adamRule } from '../src/optimizers/all.js';
import { torchRules } from '../src/optimizers/torch/rules.js';
import type { Rule } from '../src/rule.js';

const root = new URL('..', import.meta.url);
const readRule = (file: string) => readFileSync(new URL(`assembly/${file}.ts`, root), 'utf8');
const RULES: Rule<unknown>[] = [sgdRule, momentumRule, nesterovRule, adagradRule, rmspropRule, adamRule, ...Object.values(torchRules)];

describe('the generated kernel glue', () => {
  it('is what scripts/genKernels.mjs writes from assembly/kernels.json (run the script after editing the list)', () => {
    const manifest = JSON.parse(readFileSync(new URL('assembly/kernels.json', root), 'utf8'));
    for (const [path, text] of Object.entries(generate(manifest, readRule) as Record<string, string>)) {
      expect(readFileSync(new URL(path, root), 'utf8'), path).toBe(text);
    }
  });

  it('refuses a kernel that names more state buffers than a table entry holds', () => {
    const manifest = { families: [{ file: 'x', layout: 'X', constants: ['lr'], kernels: [{ name: 'x', rule: 'XRule', state: MAX_STATE + 1 }] }] };
    expect(() => generate(manifest, readRule)).toThrow(`kernel x names ${MAX_STATE + 1} state buffers; a table entry holds at most ${MAX_STATE}`);
  });

  it('refuses an unroll other than 2 or 4', () => {
    const manifest = { families: [{ file: 'sgd', layout: 'Sgd', constants: ['lr'], kernels: [{ name: 'sgd', rule: 'SgdRule', state: 0, unroll: 3 }] }] };
    expect(() => generate(manifest, readRule)).toThrow('kernel sgd has unroll 3; an elementwise kernel may have 2 or 4');
  });

  it('refuses a rule method that takes a constant its file does not list', () => {
    const manifest = { families: [{ file: 'x', layout: 'X', constants: ['lr'], kernels: [{ name: 'x', rule: 'XRule', state: 0 }] }] };
    const source = 'export class XRule<T> {\n  @inline vec(p: usize, grad: v128, s0: usize, s1: usize, s2: usize, lr: v128, eps: v128): void {}\n' +
      '  @inline lane(p: usize, grad: T, s0: usize, s1: usize, s2: usize, lr: T, eps: T): void {}\n}';
    expect(() => generate(manifest, () => source)).toThrow("XRule takes 'eps', which kernels.json does not list for x");
  });

  it('gives every kernel a state count a table entry can hold', () => {
    for (const [kernel, n] of Object.entries(KERNEL_STATE)) expect(n, kernel).toBeLessThanOrEqual(MAX_STATE);
  });
});

describe('every rule against its kernels', () => {
  for (const rule of RULES) {
    const kernels = Object.keys(rule.variants ?? { [rule.kernel]: 0 }) as KernelBase[];
    it(`${rule.name}: each kernel exists, and its constants are all named by the rule's constants()`, () => {
      const h = Object.fromEntries(Object.entries(rule.hyper as Record<string, { default: unknown }>).map(([k, s]) => [k, s.default]));
      const c = rule.constants(h, 3, rule.carried?.initial ?? 0) as Record<string, number>;
      for (const kernel of kernels) {
        expect(KERNEL_STATE[kernel], kernel).toBeDefined();
        for (const name of KERNEL_CONSTANTS[kernel]) expect(typeof c[name], `${kernel} reads ${name}`).toBe('number');
      }
      expect(kernels).toContain(rule.kernel);
    });
    if (!rule.stateFor) {
      it(`${rule.name}: its state buffers are the ones its kernel names`, () => {
        for (const kernel of kernels) expect(KERNEL_STATE[kernel], kernel).toBe(rule.state.length);
      });
    }
  }
});

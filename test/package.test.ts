// The package as users get it: imported by name through its exports map
// (dist/, built by `npm test`'s pretest), with its types.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

describe('simd-optim by name', () => {
  it('exports the optimizers, ParamSet and backend', async () => {
    const m = await import('simd-optim');
    for (const name of ['SGD', 'Momentum', 'Nesterov', 'AdaGrad', 'RMSProp', 'Adam', 'ParamSet']) {
      expect(typeof (m as Record<string, unknown>)[name], name).toBe('function');
    }
    expect(m.backend).toBe('wasm');
    const set = new m.ParamSet({ W1: [4, 3], b1: 3 });
    set.flatGrads.fill(0.5);
    const opt = new m.Adam({ lr: 0.001 });
    opt.update(set.params, set.grads);
    expect(opt.lastPath).toBe('zero-copy');
    const plain = { W1: new Float64Array(12), b1: new Float64Array(3) };
    new m.Adam({ lr: 0.001, backend: 'js' }).update(plain, { W1: new Float64Array(12).fill(0.5), b1: new Float64Array(3).fill(0.5) });
    expect(Array.from(set.params.W1)).toEqual(Array.from(plain.W1));
    expect(set.params.W1[0]).toBeCloseTo(-0.001, 6);
  });

  it('exports the JS backend as simd-optim/js', async () => {
    const js = await import('simd-optim/js');
    expect(js.backend).toBe('js');
    expect(new js.Adam().backend).toBe('js');
  });

  it('ships its types and only its built files', () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    expect(pkg.type).toBe('module');
    expect(pkg.exports['.'].types).toBe('./dist/index.d.ts');
    const dts = readFileSync(new URL('../dist/index.d.ts', import.meta.url), 'utf8');
    expect(dts).toMatch(/export type Adam = InstanceType<typeof Adam>/);
    expect(readFileSync(new URL('../dist/paramSet.d.ts', import.meta.url), 'utf8')).not.toMatch(/claimSlots/); // @internal stripped
    // The inlined module is typed as a string, not as its 70 KB literal, so users' type checks do not read it.
    expect(readFileSync(new URL('../dist/wasm/kernelsBinary.d.ts', import.meta.url), 'utf8')).toMatch(/^export declare const KERNELS_WASM_BASE64: string;\s*$/);
  });
});

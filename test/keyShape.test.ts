// Shapes on entries (for rules that factor their state or reduce per key):
// from the `shapes` option for plain dicts, from a ParamSet's sizes, else one
// row; a rule's `stateSizes` decides its buffers' lengths; the update table
// carries rows and cols.
import { describe, expect, it } from 'vitest';
import { Adam, ParamSet } from '../src/index.js';
import { optimizerClass } from '../src/optimizerClass.js';
import { learningRate } from '../src/hyperparameters.js';
import type { Rule } from '../src/rule.js';
import { setMemoryOf } from '../src/wasm/setMemory.js';
import { ENTRY_BYTES, ROWS, COLS } from '../src/wasm/updateTable.js';

/** A JS-only rule whose one buffer holds, per matrix, a row factor and a column factor (rows + cols numbers; one per element for a 1-D key). */
const factoredRule: Rule<{ lr: number }> = {
  name: 'Factored',
  hyper: { lr: learningRate(0.1) },
  state: ['rowCol'],
  kernel: 'sgd',
  stateSizes: (shape) => [shape.rows === 1 ? shape.cols : shape.batch * (shape.rows + shape.cols)],
  constants: (h) => ({ lr: h.lr }),
  js(p, g, [rc], _c, _r, _v, shape) {
    rc.fill(shape.rows);
  },
};
const Factored = optimizerClass(factoredRule, 'js');

const dict = (sizes: Record<string, number>) => Object.fromEntries(Object.entries(sizes).map(([k, n]) => [k, new Float64Array(n)]));

describe('a key\'s shape', () => {
  it('comes from the shapes option for plain dicts, and is one row without it', () => {
    const opt = new Factored({ shapes: { W: [6, 4], T: [2, 3, 5] } });
    const params = dict({ W: 24, T: 30, b: 4 });
    opt.update(params, dict({ W: 24, T: 30, b: 4 }));
    expect(opt.stateOf('W')!.rowCol.length).toBe(6 + 4);
    expect(opt.stateOf('W')!.rowCol[0]).toBe(6); // the JS loop is handed the key's shape
    expect(opt.stateOf('T')!.rowCol.length).toBe(2 * (3 + 5));
    expect(opt.stateOf('b')!.rowCol.length).toBe(4);
  });

  it('comes from the ParamSet the arrays are views of', () => {
    const set = new ParamSet({ W: [6, 4], b: [4] });
    const opt = new Factored();
    opt.update(set.params, set.grads);
    expect(opt.stateOf('W')!.rowCol.length).toBe(10);
    expect(opt.stateOf('b')!.rowCol.length).toBe(4);
  });

  it('must have as many elements as its key, named in the error, with nothing changed', () => {
    const opt = new Factored({ shapes: { W: [6, 5] } });
    const params = dict({ W: 24 });
    params.W.fill(3);
    expect(() => opt.update(params, dict({ W: 24 }))).toThrow("Factored: shapes['W'] is [6, 5] (30 elements), but params['W'] has length 24");
    expect(opt.steps).toBe(0);
    expect(params.W.every((x) => x === 3)).toBe(true);
  });

  it('is checked when the optimizer is made', () => {
    expect(() => new Factored({ shapes: { W: [6, 0] } })).toThrow("Factored: shapes['W'] must be an array of positive integers (e.g. [rows, cols]), got ");
    expect(() => new Factored({ shapes: [3] })).toThrow('Factored: shapes must be an object of key → dimensions, got a plain Array');
  });

  it('gives no state buffer more numbers than its param has', () => {
    const Big = optimizerClass({ ...factoredRule, stateSizes: (shape) => [shape.batch * shape.rows * shape.cols + 1] }, 'js');
    expect(() => new Big().update(dict({ W: 8 }), dict({ W: 8 }))).toThrow("Factored: state 'rowCol' of key 'W' would hold 9 numbers; a state buffer holds 0 to the param's 8");
  });

  it('reaches the kernels: the update table holds each key\'s rows and cols', () => {
    const set = new ParamSet({ W: [7, 3], b: [5] });
    set.flatGrads.fill(0.1);
    new Adam({ backend: 'wasm' }).update(set.params, set.grads);
    const memory = setMemoryOf(set.flatParams.buffer)!;
    const word = (entry: number, field: number) => memory.arena.u32[(memory.tableAt + entry * ENTRY_BYTES) / 4 + field];
    expect([word(0, ROWS), word(0, COLS), word(1, ROWS), word(1, COLS)]).toEqual([7, 3, 1, 5]);
  });
});

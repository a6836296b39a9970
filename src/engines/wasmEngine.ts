import type { Entry } from '../checkDicts.js';
import { paramSetOf, type ParamSet } from '../paramSet.js';
import type { Rule, StepConstants } from '../rule.js';
import { Arena, alignUp } from '../wasm/arena.js';
import { ENTRY_BYTES, writeEntry } from '../wasm/updateTable.js';
import type { Engine, UpdatePath } from './engine.js';

/**
 * Where an optimizer's state lives. Zero-copy needs it in the same memory as
 * the params; the copy path keeps it in a private arena beside scratch room
 * for each key's param and grad.
 */
type Home =
  | { kind: 'set'; set: ParamSet; slots: number[] }
  | { kind: 'copy'; arena: Arena; tableAt: number; scratch: Map<string, { index: number; p: number; g: number }> };

/** Slots held by optimizers that were dropped without reset() go back to their set. */
const slotReturn = new FinalizationRegistry<{ set: ParamSet; slots: number[] }>(({ set, slots }) => set.releaseSlots(slots));

/**
 * The WebAssembly engine. One kernel call per update, whichever path:
 * - zero-copy when every param lies in one ParamSet's params block and every
 *   grad in its grads block, and the set has state slots free (or already
 *   holds this optimizer's state);
 * - otherwise the copy path: params and grads copied into a private arena,
 *   updated there, params copied back. Same kernel, so the same bits.
 * State moves (once) when the path changes between updates.
 */
export class WasmEngine<H> implements Engine {
  private home: Home | null = null;
  /** key → byte offsets of its state buffers in the home's memory. */
  private state = new Map<string, number[]>();
  path: UpdatePath | null = null;

  constructor(private readonly rule: Rule<H>) {}

  step(entries: readonly Entry[], c: StepConstants): void {
    const set = this.zeroCopySet(entries);
    if (set) {
      if (this.home?.kind !== 'set' || this.home.set !== set) this.moveTo(this.setHome(set, entries), entries);
      this.runInSet(set, entries, c);
    } else {
      if (this.home?.kind !== 'copy') this.moveTo(this.copyHome(entries), entries);
      this.runCopied(entries, c);
    }
  }

  stateOf(key: string): Float64Array[] | undefined {
    const at = this.state.get(key);
    if (!at || !this.home) return undefined;
    const f64 = this.arena().f64;
    const n = this.lengthOf(key);
    return at.map((b) => f64.slice(b / 8, b / 8 + n));
  }

  reset(): void {
    this.leaveHome();
    this.state.clear();
    this.lengths.clear();
    this.path = null;
  }

  private lengths = new Map<string, number>();
  private lengthOf(key: string): number {
    return this.lengths.get(key)!;
  }

  private arena(): Arena {
    return this.home!.kind === 'set' ? this.home!.set.arena : this.home!.arena;
  }

  /** The set to update in place, or null for the copy path. */
  private zeroCopySet(entries: readonly Entry[]): ParamSet | null {
    const set = paramSetOf(entries[0].p.buffer);
    if (!set || set.arena.kernels === null || entries.length > set.tableCapacity) return null;
    for (const { p, g } of entries) {
      if (p.buffer !== set.arena.buffer || g.buffer !== set.arena.buffer) return null;
      if (!set.inParams(p.byteOffset, p.byteLength) || !set.inGrads(g.byteOffset, g.byteLength)) return null;
    }
    const housed = this.home?.kind === 'set' && this.home.set === set;
    return housed || set.freeStateSlots >= this.rule.state.length ? set : null;
  }

  private setHome(set: ParamSet, entries: readonly Entry[]): { home: Home; state: Map<string, number[]> } {
    const slots = set.claimSlots(this.rule.state.length)!;
    const state = new Map<string, number[]>();
    for (const e of entries) state.set(e.key, slots.map((s) => set.mirror(s, e.p.byteOffset)));
    return { home: { kind: 'set', set, slots }, state };
  }

  private copyHome(entries: readonly Entry[]): { home: Home; state: Map<string, number[]> } {
    const nState = this.rule.state.length;
    const tableBytes = alignUp(entries.length * ENTRY_BYTES);
    const perKey = entries.reduce((sum, e) => sum + alignUp(e.p.length * 8) * (2 + nState), 0);
    const arena = new Arena(tableBytes + perKey, true);
    const tableAt = arena.alloc(tableBytes);
    const scratch = new Map<string, { index: number; p: number; g: number }>();
    const state = new Map<string, number[]>();
    entries.forEach((e, index) => {
      const bytes = e.p.length * 8;
      const at = { index, p: arena.alloc(bytes), g: arena.alloc(bytes) };
      const s = this.rule.state.map(() => arena.alloc(bytes));
      scratch.set(e.key, at);
      state.set(e.key, s);
      writeEntry(arena.u32, tableAt, index, { param: at.p, grad: at.g, state: s, length: e.p.length });
    });
    return { home: { kind: 'copy', arena, tableAt, scratch }, state };
  }

  /** Installs a new home, carrying the state over (zeros on the first update). */
  private moveTo(next: { home: Home; state: Map<string, number[]> }, entries: readonly Entry[]): void {
    const to = next.home.kind === 'set' ? next.home.set.arena.f64 : next.home.arena.f64;
    const from = this.home ? this.arena().f64 : null;
    for (const e of entries) {
      const n = e.p.length;
      const dst = next.state.get(e.key)!;
      const src = this.state.get(e.key);
      dst.forEach((b, s) => {
        if (from && src) to.set(from.subarray(src[s] / 8, src[s] / 8 + n), b / 8);
        else to.fill(0, b / 8, b / 8 + n);
      });
      this.lengths.set(e.key, n);
    }
    this.leaveHome();
    this.home = next.home;
    this.state = next.state;
    if (next.home.kind === 'set') {
      slotReturn.register(this, { set: next.home.set, slots: next.home.slots }, this);
    }
  }

  private leaveHome(): void {
    if (this.home?.kind === 'set') {
      slotReturn.unregister(this);
      this.home.set.releaseSlots(this.home.slots);
    }
    this.home = null;
  }

  private runInSet(set: ParamSet, entries: readonly Entry[], c: StepConstants): void {
    const { u32 } = set.arena;
    entries.forEach((e, i) => {
      writeEntry(u32, set.tableAt, i, { param: e.p.byteOffset, grad: e.g.byteOffset, state: this.state.get(e.key)!, length: e.p.length });
    });
    set.arena.kernels![this.rule.kernel](set.tableAt, entries.length, c[0], c[1], c[2], c[3]);
    this.path = 'zero-copy';
  }

  private runCopied(entries: readonly Entry[], c: StepConstants): void {
    const home = this.home as Extract<Home, { kind: 'copy' }>;
    const { f64, kernels } = home.arena;
    for (const e of entries) {
      const at = home.scratch.get(e.key)!;
      f64.set(e.p, at.p / 8);
      f64.set(e.g, at.g / 8);
    }
    kernels![this.rule.kernel](home.tableAt, entries.length, c[0], c[1], c[2], c[3]);
    for (const e of entries) {
      const at = home.scratch.get(e.key)!.p / 8;
      e.p.set(f64.subarray(at, at + e.p.length));
    }
    this.path = 'copy';
  }
}

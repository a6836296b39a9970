/**
 * The kernels' binary with its memory import marked shared, so the same code
 * runs over a shared WebAssembly.Memory (threads) as over an ordinary one.
 *
 * A module states whether the memory it imports is shared, and an instance
 * accepts only a memory of that kind; building the kernels twice would ship
 * them twice. The flag is one bit of the import's limits (0x01 "has a
 * maximum" becomes 0x03 "has a maximum, shared"; a shared memory must have a
 * maximum, which is why asconfig.json gives the import one), so the shared
 * variant is the same bytes with that bit set: no section changes length.
 */
export function withSharedMemory(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(bytes);
  const reader = { at: 8 };
  const leb = (): number => {
    let value = 0;
    for (let shift = 0; ; shift += 7) {
      const byte = out[reader.at++];
      value += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) return value;
    }
  };
  while (reader.at < out.length) {
    const id = out[reader.at++];
    const size = leb();
    const end = reader.at + size;
    if (id === 2) {
      for (let n = leb(); n > 0; n--) {
        skipName(); // module
        skipName(); // field
        const kind = out[reader.at++];
        if (kind === 2) {
          const flags = out[reader.at];
          if (flags !== 0x01) throw new Error(`simd-optim: the kernels' memory import has limits flags ${flags}, expected 1 (a maximum, not shared)`);
          out[reader.at] = 0x03;
          return out;
        }
        if (kind === 0) leb(); // function: type index
        else if (kind === 1) { reader.at++; skipLimits(); } // table: element type, limits
        else if (kind === 3) reader.at += 2; // global: value type, mutability
        else throw new Error(`simd-optim: unexpected import kind ${kind} in the kernels`);
      }
    }
    reader.at = end;
  }
  throw new Error('simd-optim: the kernels import no memory');

  function skipName(): void {
    const length = leb();
    reader.at += length;
  }
  function skipLimits(): void {
    const flags = out[reader.at++];
    leb();
    if (flags & 1) leb();
  }
}

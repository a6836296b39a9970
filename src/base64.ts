/** Base64 for bytes, with the runtime's atob/btoa (Node ≥ 16 and every browser have them). */

type Base64Decoders = { fromBase64?: (text: string) => Uint8Array<ArrayBuffer> };
type NodeBuffer = { from(text: string, encoding: 'base64'): Uint8Array<ArrayBuffer> };

/**
 * The native decoders (Uint8Array.fromBase64 in current browsers, Buffer in
 * Node) take well under a millisecond on the kernels; the byte loop, for older
 * browsers, about 2 ms on its first (interpreted) run.
 */
export function decodeBase64(text: string): Uint8Array<ArrayBuffer> {
  const native = Uint8Array as Base64Decoders;
  if (native.fromBase64) return native.fromBase64(text);
  const buffer = (globalThis as { Buffer?: NodeBuffer }).Buffer;
  if (buffer) return buffer.from(text, 'base64');
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export function encodeBase64(bytes: Uint8Array): string {
  // btoa takes a string of byte-valued chars; built a slice at a time, since
  // fromCharCode's arguments go on the stack.
  const SLICE = 0x8000;
  let binary = '';
  for (let i = 0; i < bytes.length; i += SLICE) binary += String.fromCharCode(...bytes.subarray(i, i + SLICE));
  return btoa(binary);
}

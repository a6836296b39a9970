/** Base64 for bytes, with the runtime's atob/btoa (Node ≥ 16 and every browser have them). */

type Base64Decoders = { fromBase64?: (text: string) => Uint8Array<ArrayBuffer> };
type NodeBuffer = { from(text: string, encoding: 'base64'): Uint8Array<ArrayBuffer> };

/**
 * Decodes base64 from a caller (a JSON snapshot): every character checked
 * (atob throws on one outside the alphabet), into bytes of their own buffer.
 */
export function decodeBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * Decodes base64 this package wrote itself (the embedded kernels), where
 * speed matters and the text needs no checking: the native decoders
 * (Uint8Array.fromBase64 in current browsers, Buffer in Node; Buffer skips bad
 * characters and may return a view into a shared pool) take well under a
 * millisecond, the byte loop about 2 ms on its first (interpreted) run.
 */
export function decodeOwnBase64(text: string): Uint8Array<ArrayBuffer> {
  const native = Uint8Array as Base64Decoders;
  if (native.fromBase64) return native.fromBase64(text);
  const buffer = (globalThis as { Buffer?: NodeBuffer }).Buffer;
  if (buffer) return buffer.from(text, 'base64');
  return decodeBase64(text);
}

export function encodeBase64(bytes: Uint8Array): string {
  // btoa takes a string of byte-valued chars; built a slice at a time, since
  // fromCharCode's arguments go on the stack.
  const SLICE = 0x8000;
  let binary = '';
  for (let i = 0; i < bytes.length; i += SLICE) binary += String.fromCharCode(...bytes.subarray(i, i + SLICE));
  return btoa(binary);
}

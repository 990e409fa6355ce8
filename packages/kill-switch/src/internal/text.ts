const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * @returns the UTF-8 bytes of `s`. ASCII strings (the usual sources, operators and reasons) are
 * copied by a loop, which for these short strings is several times faster than
 * `TextEncoder.encode`.
 */
export function utf8(s: string): Uint8Array {
  const n = s.length;
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x80) return encoder.encode(s);
    out[i] = c;
  }
  return out;
}

/** @returns the string of UTF-8 `bytes`. */
export function fromUtf8(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}

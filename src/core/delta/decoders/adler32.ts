/** Adler-32 (RFC 1950) of `bytes`, as xdelta3 stores it per window (`VCD_ADLER32`). */
export function adler32(bytes: Uint8Array): number {
  let a = 1
  let b = 0
  // 5552 is the largest run for which b cannot pass 2^53 before the modulo (zlib's NMAX).
  for (let i = 0; i < bytes.length; ) {
    const end = Math.min(i + 5552, bytes.length)
    for (; i < end; i++) {
      a += bytes[i] as number
      b += a
    }
    a %= 65521
    b %= 65521
  }
  return ((b << 16) | a) >>> 0
}

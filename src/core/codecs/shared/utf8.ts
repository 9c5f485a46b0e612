/**
 * UTF-8 helpers over the platform `TextEncoder`/`TextDecoder` (present in browsers, Node,
 * workers and React Native's Hermes). Decoding is strict: invalid UTF-8 throws `TypeError`.
 */
let strictDecoder: TextDecoder | undefined
let encoder: TextEncoder | undefined

/** @internal Decodes `bytes[start, end)`; throws `TypeError` on invalid UTF-8. */
export function decodeUtf8(bytes: Uint8Array, start = 0, end = bytes.length): string {
  // Short ASCII strings (event and channel names) are common fields; up to 16 bytes a loop beats
  // the decoder call, past that (a 36-byte id: 150 ns against 66) the decoder wins.
  if (end - start <= 16) {
    let out = ''
    for (let i = start; i < end; i++) {
      const b = bytes[i] as number
      if (b >= 0x80) return slowDecode(bytes, start, end)
      out += String.fromCharCode(b)
    }
    return out
  }
  return slowDecode(bytes, start, end)
}

function slowDecode(bytes: Uint8Array, start: number, end: number): string {
  strictDecoder ??= new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })
  return strictDecoder.decode(bytes.subarray(start, end))
}

/** @internal Encodes a string as UTF-8 (lone surrogates become U+FFFD). */
export function encodeUtf8(text: string): Uint8Array {
  encoder ??= new TextEncoder()
  return encoder.encode(text)
}

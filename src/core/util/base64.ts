/** Decodes standard (padded or unpadded) base64. Returns `null` for malformed input. */
export function base64ToBytes(text: string): Uint8Array | null {
  try {
    const binary = atob(text)
    const out = new Uint8Array(binary.length)
    for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i)
    return out
  } catch {
    return null
  }
}

/** Encodes bytes as standard padded base64. */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = ''
  for (let i = 0; i < bytes.length; i++) binary += String.fromCharCode(bytes[i]!)
  return btoa(binary)
}

/** UTF-8 encodes a string. */
export function utf8Encode(text: string): Uint8Array {
  return new TextEncoder().encode(text)
}

/** UTF-8 decodes bytes; malformed sequences throw. */
export function utf8Decode(bytes: Uint8Array): string {
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
}

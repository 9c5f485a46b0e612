import { encodeUtf8 } from '../shared/utf8'

/**
 * Minimal Protobuf writer: length-delimited fields only (all the client ever sends). Parts
 * are collected first, so the output is allocated once at its exact size.
 * @internal
 */
export class ProtoWriter {
  private parts: (number | Uint8Array)[] = []
  private size = 0

  /** Writes a length-delimited field (string, bytes or an embedded message). */
  bytesField(field: number, payload: Uint8Array): this {
    this.varint(field * 8 + 2)
    this.varint(payload.length)
    this.parts.push(payload)
    this.size += payload.length
    return this
  }

  stringField(field: number, text: string): this {
    return this.bytesField(field, encodeUtf8(text))
  }

  finish(): Uint8Array {
    const out = new Uint8Array(this.size)
    let pos = 0
    for (const part of this.parts) {
      if (typeof part === 'number') out[pos++] = part
      else {
        out.set(part, pos)
        pos += part.length
      }
    }
    return out
  }

  /** Unsigned varint below 2^53. */
  private varint(value: number): void {
    while (value >= 0x80) {
      this.parts.push((value % 0x80) | 0x80)
      value = Math.floor(value / 0x80)
      this.size++
    }
    this.parts.push(value)
    this.size++
  }
}

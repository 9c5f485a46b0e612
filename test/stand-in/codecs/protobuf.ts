/** Protobuf wire codec, hand-rolled for the server's field numbers (core.md §9.4). */
import type { ClientFrame, FrameExtras, ServerFrame } from '../frame'
import { stringifyJson } from '../util'
import { DecodeError, sortKeys } from './json'

class Writer {
  private chunks: number[] = []
  varint(value: bigint | number): this {
    let v = BigInt(value)
    while (v > 0x7fn) {
      this.chunks.push(Number((v & 0x7fn) | 0x80n))
      v >>= 7n
    }
    this.chunks.push(Number(v))
    return this
  }
  tag(field: number, wire: number): this {
    return this.varint((field << 3) | wire)
  }
  bytes(field: number, bytes: Uint8Array): this {
    this.tag(field, 2).varint(bytes.length)
    for (const b of bytes) this.chunks.push(b)
    return this
  }
  string(field: number, value: string | undefined): this {
    return value === undefined ? this : this.bytes(field, Buffer.from(value, 'utf8'))
  }
  double(field: number, value: number): this {
    const buf = Buffer.alloc(8)
    buf.writeDoubleLE(value)
    this.tag(field, 1)
    for (const b of buf) this.chunks.push(b)
    return this
  }
  finish(): Uint8Array {
    return Uint8Array.from(this.chunks)
  }
}

function dataMessage(data: unknown): Uint8Array {
  const w = new Writer()
  if (typeof data === 'string') w.string(1, data)
  else if (data instanceof Uint8Array) w.bytes(4, data)
  else w.string(3, stringifyJson(data))
  return w.finish()
}

function mapEntries(w: Writer, field: number, map: Record<string, Uint8Array | string>): void {
  for (const [key, value] of Object.entries(map)) {
    const entry = new Writer().string(1, key)
    if (typeof value === 'string') entry.string(2, value)
    else entry.bytes(2, value)
    w.bytes(field, entry.finish())
  }
}

function extrasMessage(extras: FrameExtras): Uint8Array {
  const w = new Writer()
  const headers: Record<string, Uint8Array> = {}
  for (const [key, value] of Object.entries(extras.headers ?? {})) {
    const v = new Writer()
    if (typeof value === 'number') v.double(2, value)
    else if (typeof value === 'boolean') v.tag(3, 0).varint(value ? 1 : 0)
    else v.string(1, value)
    headers[key] = v.finish()
  }
  mapEntries(w, 1, headers)
  if (extras.ephemeral !== undefined) w.tag(2, 0).varint(extras.ephemeral ? 1 : 0)
  w.string(3, extras.idempotencyKey)
  if (extras.echo !== undefined) w.tag(4, 0).varint(extras.echo ? 1 : 0)
  return w.finish()
}

export function encodeProtobufFrame(frame: ServerFrame): Uint8Array {
  const w = new Writer().string(1, frame.event).string(2, frame.channel)
  if (frame.data !== undefined) w.bytes(3, dataMessage(frame.data))
  w.string(4, frame.name).string(5, frame.user_id)
  if (frame.tags) mapEntries(w, 6, sortKeys(frame.tags))
  w.string(9, frame.message_id).string(10, frame.stream_id)
  if (frame.serial !== undefined) w.tag(11, 0).varint(frame.serial)
  if (frame.extras) w.bytes(13, extrasMessage(frame.extras))
  if (frame.__delta_seq !== undefined) w.tag(14, 0).varint(frame.__delta_seq)
  w.string(15, frame.__conflation_key)
  return w.finish()
}

type Field = { field: number; wire: number; value: bigint | Uint8Array }

function readFields(bytes: Uint8Array): Field[] {
  const fields: Field[] = []
  let pos = 0
  const varint = (): bigint => {
    let result = 0n
    for (let shift = 0n; ; shift += 7n) {
      if (pos >= bytes.length || shift > 63n) throw new DecodeError('Decode failed: truncated varint')
      const b = bytes[pos++] as number
      result |= BigInt(b & 0x7f) << shift
      if ((b & 0x80) === 0) return result
    }
  }
  while (pos < bytes.length) {
    const key = Number(varint())
    const wire = key & 7
    const field = key >> 3
    if (wire === 0) fields.push({ field, wire, value: varint() })
    else if (wire === 2) {
      const len = Number(varint())
      if (pos + len > bytes.length) throw new DecodeError('Decode failed: truncated field')
      fields.push({ field, wire, value: bytes.subarray(pos, pos + len) })
      pos += len
    } else if (wire === 1) pos += 8
    else if (wire === 5) pos += 4
    else throw new DecodeError(`Decode failed: unsupported wire type ${wire}`)
  }
  return fields
}

const text = (v: bigint | Uint8Array): string => (v instanceof Uint8Array ? Buffer.from(v).toString('utf8') : '')

function decodeData(bytes: Uint8Array): { data: unknown; isString: boolean } {
  for (const f of readFields(bytes)) {
    if (!(f.value instanceof Uint8Array)) continue
    if (f.field === 1) return { data: text(f.value), isString: true }
    if (f.field === 4) return { data: Uint8Array.from(f.value), isString: false }
    if (f.field === 3) {
      try {
        return { data: JSON.parse(text(f.value)), isString: false }
      } catch {
        return { data: text(f.value), isString: true }
      }
    }
  }
  return { data: null, isString: false }
}

export function decodeProtobufFrame(bytes: Uint8Array): ClientFrame {
  let event: string | undefined
  let channel: string | undefined
  let data: { data: unknown; isString: boolean } = { data: undefined, isString: false }
  for (const f of readFields(bytes)) {
    if (f.field === 1) event = text(f.value)
    else if (f.field === 2) channel = text(f.value)
    else if (f.field === 3 && f.value instanceof Uint8Array) data = decodeData(f.value)
  }
  if (event === undefined) throw new DecodeError('Decode failed: missing event')
  return { event, channel, data: data.data, dataIsString: data.isString }
}

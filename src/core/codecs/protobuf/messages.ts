import type { MessageExtras } from '../../protocol/frame'
import { jsonTextValue } from '../shared/json-text'
import { setOwn } from '../shared/values'
import { WireType } from './reader'
import type { ProtoReader } from './reader'

/**
 * Decoders for the nested messages of the server's schema (sockudo-protocol 5.2.0 src/wire.rs). Each reads one
 * length-delimited sub-message; unknown fields are skipped by wire type.
 * @internal
 */

/** `ProtoMessageData`: a oneof; no member set means JSON `null`. */
export function readData(r: ProtoReader): unknown {
  const end = r.delimitedEnd()
  let data: unknown = null
  while (r.pos < end) {
    const [field, wt] = r.tag()
    switch (field) {
      case 1: r.expect(wt, WireType.Bytes, 'data.string_value'); data = r.string(); break
      case 2: r.expect(wt, WireType.Bytes, 'data.structured'); data = readStructured(r); break
      case 3: r.expect(wt, WireType.Bytes, 'data.json_value'); data = jsonTextValue(r.string()); break
      case 4: r.expect(wt, WireType.Bytes, 'data.binary_value'); data = r.bytes(); break
      default: r.skip(field, wt)
    }
  }
  r.end(end)
  return data
}

/** `ProtoStructuredData` → the object it stands for (extra values are JSON text). */
function readStructured(r: ProtoReader): Record<string, unknown> {
  const end = r.delimitedEnd()
  const out: Record<string, unknown> = {}
  const named: Record<string, string> = {}
  while (r.pos < end) {
    const [field, wt] = r.tag()
    if (field >= 1 && field <= 3) {
      r.expect(wt, WireType.Bytes, 'data.structured')
      named[STRUCTURED_NAMES[field - 1] as string] = r.string()
    } else if (field === 4) {
      r.expect(wt, WireType.Bytes, 'data.structured.extra')
      const [key, text] = readStringEntry(r)
      setOwn(out, key, jsonTextValue(text))
    } else {
      r.skip(field, wt)
    }
  }
  r.end(end)
  return Object.assign(out, named)
}

const STRUCTURED_NAMES = ['channel_data', 'channel', 'user_data']

/** One `map<string, string>` entry; missing key/value read as "" (proto3 defaults). */
export function readStringEntry(r: ProtoReader): [string, string] {
  const end = r.delimitedEnd()
  let key = ''
  let value = ''
  while (r.pos < end) {
    const [field, wt] = r.tag()
    if (field === 1) { r.expect(wt, WireType.Bytes, 'map key'); key = r.string() }
    else if (field === 2) { r.expect(wt, WireType.Bytes, 'map value'); value = r.string() }
    else r.skip(field, wt)
  }
  r.end(end)
  return [key, value]
}

/** Reads one map entry into `target` (later duplicates win, as in protobuf). */
export function readStringMapEntry(r: ProtoReader, target: Record<string, string>): void {
  const [key, value] = readStringEntry(r)
  setOwn(target, key, value)
}

/** `ProtoMessageExtras`, merged into `extras` (a repeated message field merges). */
export function readExtras(r: ProtoReader, extras: MessageExtras): void {
  const end = r.delimitedEnd()
  while (r.pos < end) {
    const [field, wt] = r.tag()
    switch (field) {
      case 1: r.expect(wt, WireType.Bytes, 'extras.headers'); readHeaderEntry(r, (extras.headers ??= {})); break
      case 2: r.expect(wt, WireType.Varint, 'extras.ephemeral'); extras.ephemeral = r.bool(); break
      case 3: r.expect(wt, WireType.Bytes, 'extras.idempotency_key'); extras.idempotencyKey = r.string(); break
      case 4: r.expect(wt, WireType.Varint, 'extras.echo'); extras.echo = r.bool(); break
      case 5: r.expect(wt, WireType.Bytes, 'extras.ai'); readAi(r, (extras.ai ??= {})); break
      default: r.skip(field, wt)
    }
  }
  r.end(end)
}

function readHeaderEntry(r: ProtoReader, headers: Record<string, string | number | boolean>): void {
  const end = r.delimitedEnd()
  let key = ''
  let value: string | number | boolean = ''
  while (r.pos < end) {
    const [field, wt] = r.tag()
    if (field === 1) { r.expect(wt, WireType.Bytes, 'extras.headers key'); key = r.string() }
    else if (field === 2) { r.expect(wt, WireType.Bytes, 'extras.headers value'); value = readHeaderValue(r) }
    else r.skip(field, wt)
  }
  r.end(end)
  setOwn(headers, key, value)
}

/** `ProtoExtrasValue`: string / double / bool; no member set reads as "". */
function readHeaderValue(r: ProtoReader): string | number | boolean {
  const end = r.delimitedEnd()
  let value: string | number | boolean = ''
  while (r.pos < end) {
    const [field, wt] = r.tag()
    switch (field) {
      case 1: r.expect(wt, WireType.Bytes, 'header string_value'); value = r.string(); break
      case 2: r.expect(wt, WireType.Fixed64, 'header number_value'); value = r.double(); break
      case 3: r.expect(wt, WireType.Varint, 'header bool_value'); value = r.bool(); break
      default: r.skip(field, wt)
    }
  }
  r.end(end)
  return value
}

function readAi(r: ProtoReader, ai: NonNullable<MessageExtras['ai']>): void {
  const end = r.delimitedEnd()
  while (r.pos < end) {
    const [field, wt] = r.tag()
    if (field === 1) { r.expect(wt, WireType.Bytes, 'extras.ai.transport'); readStringMapEntry(r, (ai.transport ??= {})) }
    else if (field === 2) { r.expect(wt, WireType.Bytes, 'extras.ai.codec'); readStringMapEntry(r, (ai.codec ??= {})) }
    else r.skip(field, wt)
  }
  r.end(end)
}

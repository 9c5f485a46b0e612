import type { InboundFrame, MessageExtras } from '../../protocol/frame'
import { invalidFrame } from '../shared/errors'
import { addUnknown, optionalSafeCount } from '../shared/values'
import { readData, readExtras, readStringMapEntry } from './messages'
import { ProtoReader, WireType } from './reader'

/** Fields collected while reading; `event` is checked at the end. */
interface Pending {
  frame: InboundFrame
  tags?: Record<string, string>
  extras?: MessageExtras
}

/**
 * Decodes one `ProtoPusherMessage` with the SERVER's field numbers (sockudo-protocol 5.2.0 src/wire.rs; the
 * Flutter client's 10–15 differ). Unknown fields are skipped; serials are exact strings.
 * @internal
 */
export function decodeProtobufFrame(bytes: Uint8Array): InboundFrame {
  const r = new ProtoReader(bytes)
  const p: Pending = { frame: { event: '' } }
  let hasEvent = false
  while (r.pos < bytes.length) {
    const [field, wt] = r.tag()
    if (field === 1) {
      r.expect(wt, WireType.Bytes, 'event')
      p.frame.event = r.string()
      hasEvent = true
    } else {
      readField(r, p, field, wt)
    }
  }
  if (!hasEvent) throw invalidFrame('frame has no "event"')
  if (p.tags !== undefined) p.frame.tags = p.tags
  if (p.extras !== undefined && hasKeys(p.extras)) p.frame.extras = p.extras
  return p.frame
}

function readField(r: ProtoReader, p: Pending, field: number, wt: number): void {
  const frame = p.frame
  switch (field) {
    case 2: r.expect(wt, WireType.Bytes, 'channel'); frame.channel = r.string(); return
    case 3: r.expect(wt, WireType.Bytes, 'data'); frame.data = readData(r); return
    case 4: r.expect(wt, WireType.Bytes, 'name'); frame.name = r.string(); return
    case 5: r.expect(wt, WireType.Bytes, 'user_id'); frame.userId = r.string(); return
    case 6: r.expect(wt, WireType.Bytes, 'tags'); readStringMapEntry(r, (p.tags ??= {})); return
    case 7: r.expect(wt, WireType.Varint, 'sequence'); addUnknown(frame, 'sequence', r.varintWire()); return
    case 8: r.expect(wt, WireType.Bytes, 'conflation_key'); addUnknown(frame, 'conflation_key', r.string()); return
    case 9: r.expect(wt, WireType.Bytes, 'message_id'); frame.messageId = r.string(); return
    case 10: r.expect(wt, WireType.Bytes, 'stream_id'); frame.streamId = r.string(); return
    case 11: r.expect(wt, WireType.Varint, 'serial'); frame.serial = r.uint64String(); return
    case 12: r.expect(wt, WireType.Bytes, 'idempotency_key'); addUnknown(frame, 'idempotency_key', r.string()); return
    case 13: r.expect(wt, WireType.Bytes, 'extras'); readExtras(r, (p.extras ??= {})); return
    case 14: r.expect(wt, WireType.Varint, 'delta_sequence'); frame.deltaSequence = readCount(r); return
    case 15: r.expect(wt, WireType.Bytes, 'delta_conflation_key'); frame.conflationKey = r.string(); return
    default: r.skip(field, wt)
  }
}

function readCount(r: ProtoReader): number {
  return optionalSafeCount(r.varintRaw(), 'delta_sequence') as number
}

function hasKeys(value: object): boolean {
  for (const _ in value) return true
  return false
}

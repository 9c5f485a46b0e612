/**
 * Bases rebuilt from binary frames (MessagePack, Protobuf carry no JSON text). Sockudo 5.2
 * writes header numbers as f64 (`1.0`) and keeps headers in a hash map whose order in its JSON
 * base can differ from the binary frame's: both seen against the real server.
 */
import { describe, expect, it } from 'vitest'
import { DeltaManager } from '../../../src/core/delta'
import type { InboundFrame } from '../../../src/core/protocol/frame'
import { delivered, delta, full } from './frames'

const CH = 'stocks-a'
const headersInServerOrder = '"extras":{"headers":{"sockudo_version_timestamp_ms":1796661949107.0,"sockudo_action":"message.create","sockudo_history_serial":1.0}}'
const text = (price: number, serial: number, headers: string) =>
  `{"event":"price","channel":"${CH}","data":${JSON.stringify(JSON.stringify({ symbol: 'ACME', note: 'x'.repeat(120), price }))},"message_id":"m-${serial}","stream_id":"s1","serial":${serial},${headers}}`

/** The first message as a binary wire delivers it: decoded fields, headers in another order, no raw text. */
const binaryFull: InboundFrame = {
  event: 'price', channel: CH, data: JSON.stringify({ symbol: 'ACME', note: 'x'.repeat(120), price: 1 }), messageId: 'm-1', streamId: 's1', serial: '1', deltaSequence: 0,
  extras: { headers: { sockudo_action: 'message.create', sockudo_history_serial: 1, sockudo_version_timestamp_ms: 1796661949107 } },
}

describe('delta bases rebuilt from binary frames', () => {
  it('decodes against the header order the server used, with f64 header numbers', () => {
    const dm = new DeltaManager()
    expect(dm.handle(binaryFull).kind).toBe('deliver')
    const target = text(2, 2, headersInServerOrder.replace('1.0}', '2.0}'))
    const out = delivered(dm.handle(delta(CH, text(1, 1, headersInServerOrder), target, { event: 'price', seq: 1, baseIndex: 0 })))
    expect(JSON.parse(out.data as string)).toMatchObject({ price: 2 })
    expect(dm.stats()).toMatchObject({ deltaMessages: 1, errors: 0 })
  })

  it('still resyncs when no header order rebuilds the base', () => {
    const dm = new DeltaManager()
    dm.handle(binaryFull)
    // The server's base had another note: the delta copies it, and no order of ours has it.
    const other = text(1, 1, headersInServerOrder).replace('x'.repeat(120), 'y'.repeat(120))
    const target = text(2, 2, headersInServerOrder).replace('x'.repeat(120), 'y'.repeat(120))
    expect(dm.handle(delta(CH, other, target, { event: 'price', seq: 1, baseIndex: 0 })).kind).toBe('resync')
    expect(dm.stats().errors).toBe(1)
  })

  it('decodes against a base rebuilt from a delta when the server holds it with its headers in another order', () => {
    const dm = new DeltaManager()
    const otherOrder = '"extras":{"headers":{"sockudo_history_serial":1.0,"sockudo_action":"message.create","sockudo_version_timestamp_ms":1796661949107.0}}'
    dm.handle(full(text(1, 1, headersInServerOrder), 0))
    // Message 2 arrives as a delta; the client's base for it is the text the delta produced...
    const second = text(2, 2, headersInServerOrder)
    delivered(dm.handle(delta(CH, text(1, 1, headersInServerOrder), second, { event: 'price', seq: 1, baseIndex: 0 })))
    // ...while the server computes message 3's delta over its own serialization of message 2.
    const out = delivered(dm.handle(delta(CH, text(2, 2, otherOrder), text(3, 3, otherOrder), { event: 'price', seq: 2, baseIndex: 1 })))
    expect(JSON.parse(out.data as string)).toMatchObject({ price: 3 })
    expect(dm.stats()).toMatchObject({ deltaMessages: 2, errors: 0 })
  })
})

import { describe, expect, it } from 'vitest'
import { decodeHistoryItem } from '../../../src/core/internal'

describe('history items', () => {
  it('gives a stored never-edited message (versioned aggregate form) back under its event name and the item message id', () => {
    // The shape a real Sockudo 5.2 answers in `channel_history` items with versioned messages on.
    const item = decodeHistoryItem({
      stream_id: 's1', serial: 3, published_at_ms: 1700000000000, message_id: 'm3', event_name: 'sockudo:message.create', operation_kind: 'create',
      message: { event: 'sockudo:message.create', channel: 'history-a', name: 'tick', data: '{"i":3}', serial: 3, action: 'create', extras: { headers: { sockudo_history_serial: '3.0' } } },
    })
    expect(item).toMatchObject({ serial: '3', streamId: 's1', publishedAtMs: 1700000000000, event: { event: 'tick', messageId: 'm3', data: { i: 3 }, name: 'tick' } })
  })

  it('is undefined for an item without a message envelope', () => {
    expect(decodeHistoryItem({ serial: 1 })).toBeUndefined()
    expect(decodeHistoryItem({ message: { data: 1 } })).toBeUndefined()
  })
})

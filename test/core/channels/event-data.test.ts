import { describe, expect, it } from 'vitest'
import { eventData, toSockudoEvent } from '../../../src/core/message/event'
import { reduceVersionedMessageEvents } from '../../../src/core/versioned'
import type { InboundFrame } from '../../../src/core/protocol/frame'

let version = 0
const headers = (action: string) => ({ sockudo_action: action, sockudo_message_serial: 'msg-1', sockudo_version_serial: `v-${String(++version).padStart(4, '0')}` })
const frame = (event: string, data: string, action?: string): InboundFrame => ({
  event, channel: 'chat', data, ...(action ? { extras: { headers: headers(action) } } : {}),
})

describe('event data parsing for delivery', () => {
  it('parses JSON strings of ordinary events', () => {
    expect(eventData(frame('tick', '{"price":1}'))).toEqual({ price: 1 })
    expect(eventData(frame('tick', '42'))).toBe(42)
  })

  it('keeps versioned-message append fragments as text even when they look like JSON', () => {
    expect(eventData(frame('sockudo:message.append', ' 42', 'message.append'))).toBe(' 42')
    expect(eventData(frame('sockudo:message.append', 'true', 'message.append'))).toBe('true')
  })

  it('lets the reducer concatenate numeric-looking fragments onto a text base', () => {
    const events = [
      frame('ai.answer', 'The answer is', 'message.create'),
      frame('sockudo:message.append', ' 42', 'message.append'),
      frame('sockudo:message.append', '.', 'message.append'),
    ].map((f) => toSockudoEvent(f, eventData(f)))
    expect(reduceVersionedMessageEvents(events)?.data).toBe('The answer is 42.')
  })
})

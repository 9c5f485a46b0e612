import { describe, expect, it } from 'vitest'
import { ChannelError, type SockudoError } from '@sockudo/vue/core'
import { RequestTracker } from '../../../src/core/protocol/request-tracker'

function setup() {
  const tracker = new RequestTracker()
  const failed: string[] = []
  tracker.track('subscribe', 'a', (e) => failed.push(`a:${e.message}`))
  tracker.track('signin', 'user', (e) => failed.push(`user:${e.message}`))
  tracker.track('subscribe', 'b', (e) => failed.push(`b:${e.message}`))
  tracker.track('history', 'h', (e) => failed.push(`h:${e.message}`))
  const attribute = (code: number, message: string) => tracker.attribute(code, message, (key) => new ChannelError('channel/rejected', `${key}`) as SockudoError)
  return { tracker, failed, attribute }
}

describe('error frame attribution', () => {
  it.each([
    [4009, 'Authentication error: Channel requires authentication', 'a:a'],
    [4300, 'Channel error: Channel name too long. Max length is 200', 'a:a'],
    [4000, 'Invalid message format: Missing channel field', 'a:a'],
    [4100, 'Over capacity', 'a:a'],
    [4009, 'Authentication error: Connection not authorized for signin.', 'user:user'],
    [4300, "Channel error: Durable history is disabled by policy for channel 'h'", 'h:h'],
    [4301, 'Client event error: Socket 1.2 is not subscribed to channel h', 'h:h'],
  ])('%i %s → %s', (code, message, expected) => {
    const { failed, attribute } = setup()
    expect(attribute(code, message)).toBe(true)
    expect(failed).toEqual([expected])
  })

  it.each([
    [4009, 'You got disconnected by the app.'],
    [4009, 'Connection not authorized within timeout.'],
    [4009, 'capability token expired'],
    [4201, 'Pong reply not received in time'],
    [4301, 'Client event rejected due to rate limit'],
    [4301, 'Connection recovery is not enabled'],
    [4000, 'presence_update channel is required'],
  ])('leaves %i %s unattributed', (code, message) => {
    const { failed, attribute } = setup()
    expect(attribute(code, message)).toBe(false)
    expect(failed).toEqual([])
  })

  it('attributes to the next pending subscription once the first was answered', () => {
    const { tracker, failed, attribute } = setup()
    tracker.resolve('subscribe', 'a')
    attribute(4300, 'Channel error: x')
    expect(failed).toEqual(['b:b'])
  })
})

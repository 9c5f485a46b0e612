import { describe, expect, it } from 'vitest'
import { MessageError, VersionedMessageStore, getVersionedMessageInfo, isVersionedMessageEvent, reduceVersionedMessageEvent, reduceVersionedMessageEvents } from '@sockudo/vue/core'
import { versionedMessageToState, decodeVersionedMessage } from '../../../src/core/internal'
import type { VersionedMessageEventLike, SockudoEvent } from '@sockudo/vue/core'

const MS = '00000001713100800000:node:00000000000000000001'
let version = 0

/** A realtime versioned-message frame as the channel delivers it (versions increase per call). */
function frame(action: string, data: unknown, over: Partial<VersionedMessageEventLike> & { messageSerial?: string; versionSerial?: string } = {}): VersionedMessageEventLike {
  version++
  const { messageSerial = MS, versionSerial = `00000001713100800000:node:${String(version).padStart(20, '0')}`, ...rest } = over
  return {
    event: action === 'message.create' ? 'chat.message' : `sockudo:${action}`,
    channel: 'chat',
    data,
    serial: String(version),
    extras: { headers: { sockudo_action: action, sockudo_message_serial: messageSerial, sockudo_version_serial: versionSerial, sockudo_version_timestamp_ms: 1713100805000, sockudo_history_serial: 7 } },
    ...rest,
  }
}

describe('getVersionedMessageInfo', () => {
  it('reads the runtime headers, big history serials exact and integral floats accepted', () => {
    const e = frame('message.update', 'x')
    e.extras!.headers!.sockudo_history_serial = '9007199254740993'
    expect(getVersionedMessageInfo(e)).toMatchObject({ action: 'message.update', messageSerial: MS, historySerial: '9007199254740993', versionTimestampMs: 1713100805000 })
  })

  it('is null for plain events, summaries, unknown future actions and non-string serials', () => {
    expect(isVersionedMessageEvent({ event: 'chat', data: 1 })).toBe(false)
    expect(isVersionedMessageEvent(frame('message.summary', {}))).toBe(false)
    expect(isVersionedMessageEvent(frame('message.future', {}))).toBe(false)
    const bad = frame('message.create', 'x')
    bad.extras!.headers!.sockudo_message_serial = 5
    expect(isVersionedMessageEvent(bad)).toBe(false)
  })
})

describe('reduceVersionedMessageEvent', () => {
  const cases: { name: string; actions: [string, unknown][]; data?: unknown; action?: string; error?: string }[] = [
    { name: 'create', actions: [['message.create', 'hello']], data: 'hello', action: 'message.create' },
    { name: 'create → update replaces with the full payload', actions: [['message.create', 'hello'], ['message.update', { text: 'edited' }]], data: { text: 'edited' } },
    { name: 'create → append → append concatenates', actions: [['message.create', 'hel'], ['message.append', 'lo'], ['message.append', ' world']], data: 'hello world', action: 'message.append' },
    { name: 'create → delete keeps null data', actions: [['message.create', 'hello'], ['message.delete', undefined]], data: null, action: 'message.delete' },
    { name: 'create → delete with replacement data', actions: [['message.create', 'hello'], ['message.delete', '[removed]']], data: '[removed]' },
    { name: 'delete → append (string base) concatenates', actions: [['message.create', 'a'], ['message.delete', 'gone'], ['message.append', '!']], data: 'gone!' },
    { name: 'delete → append (null base) needs the latest version', actions: [['message.create', 'a'], ['message.delete', null], ['message.append', '!']], error: 'message/append-without-base' },
    { name: 'append before any base needs the latest version', actions: [['message.append', 'lo']], error: 'message/append-without-base' },
    { name: 'append onto an object base needs the latest version', actions: [['message.create', { a: 1 }], ['message.append', 'x']], error: 'message/append-without-base' },
    { name: 'a non-string fragment is refused', actions: [['message.create', 'a'], ['message.append', 42]], error: 'message/append-not-string' },
    { name: 'update without base starts the state', actions: [['message.update', 'v2']], data: 'v2' },
    { name: 'unknown actions are ignored', actions: [['message.create', 'a'], ['message.future', 'b'], ['message.summary', 'c']], data: 'a', action: 'message.create' },
  ]
  for (const c of cases) {
    it(c.name, () => {
      const events = c.actions.map(([a, d]) => frame(a, d))
      if (c.error) {
        const error = (() => { try { reduceVersionedMessageEvents(events) } catch (e) { return e } })()
        expect(error).toBeInstanceOf(MessageError)
        expect(error).toMatchObject({ code: c.error })
        return
      }
      const state = reduceVersionedMessageEvents(events)
      expect(state?.data).toEqual(c.data)
      if (c.action) expect(state?.action).toBe(c.action)
    })
  }

  it('accepts the SockudoEvent a channel delivers', () => {
    const delivered: SockudoEvent<string> = { event: 'chat.message', channel: 'chat', data: 'hi', serial: '1', extras: frame('message.create', 'hi').extras! }
    expect(reduceVersionedMessageEvent<string>(null, delivered)?.data).toBe('hi')
  })

  it('returns null for an empty list and for a non-versioned first event', () => {
    expect(reduceVersionedMessageEvents([])).toBeNull()
    expect(reduceVersionedMessageEvent(null, { event: 'x', data: 1 })).toBeNull()
  })

  it('keeps version fields, the original name and message id across versions', () => {
    const create = frame('message.create', 'a', { messageId: 'm1' })
    const update = frame('message.update', 'b', { name: 'chat.message', userId: 'u1' })
    const state = reduceVersionedMessageEvents([create, update])!
    expect(state).toMatchObject({ messageSerial: MS, name: 'chat.message', messageId: 'm1', userId: 'u1', historySerial: '7', versionSerial: update.extras!.headers!.sockudo_version_serial, serial: update.serial })
  })

  it('ignores a replayed (not newer) version instead of appending twice', () => {
    const create = frame('message.create', 'a')
    const append = frame('message.append', 'b')
    expect(reduceVersionedMessageEvents([create, append, append])?.data).toBe('ab')
  })

  it('throws on an event of another message', () => {
    const state = reduceVersionedMessageEvent(null, frame('message.create', 'a'))
    expect(() => reduceVersionedMessageEvent(state, frame('message.update', 'b', { messageSerial: 'other' }))).toThrow(expect.objectContaining({ code: 'message/serial-mismatch' }))
  })

  it('replaces instead of concatenating with appendMode full', () => {
    const events = [frame('message.create', 'hel'), frame('message.append', 'hello')]
    expect(reduceVersionedMessageEvents(events, { appendMode: 'full' })?.data).toBe('hello')
  })
})

describe('VersionedMessageStore', () => {
  it('keeps one state per serial in history order and emits changes', () => {
    const store = new VersionedMessageStore()
    const changes: string[] = []
    store.on('change', (s) => changes.push(`${s.messageSerial}:${String(s.data)}`))
    const late = frame('message.create', 'second', { messageSerial: 'b' })
    late.extras!.headers!.sockudo_history_serial = 9
    store.apply(late)
    store.apply(frame('message.create', 'first', { messageSerial: 'a' }))
    store.apply(frame('message.update', 'first!', { messageSerial: 'a' }))
    expect(store.apply({ event: 'plain', data: 1 })).toBeUndefined()
    expect(store.list().map((s) => s.data)).toEqual(['first!', 'second'])
    expect(changes).toEqual(['b:second', 'a:first', 'a:first!'])
  })

  it('applies appends after seeding from the latest version read over REST', () => {
    const store = new VersionedMessageStore()
    expect(() => store.apply(frame('message.append', ' there'))).toThrow(expect.objectContaining({ code: 'message/append-without-base' }))
    const latest = decodeVersionedMessage({ event: 'sockudo:message.append', action: 'append', data: 'hi', message_serial: MS, history_serial: 7, delivery_serial: 3, version: { serial: '00000001713100800000:node:00000000000000000000', timestamp_ms: 1 } })
    store.seed(versionedMessageToState(latest))
    expect(store.apply(frame('message.append', ' there'))?.data).toBe('hi there')
  })

  it('does not let an older seed overwrite a newer version', () => {
    const store = new VersionedMessageStore()
    const newer = store.apply(frame('message.update', 'new'))!
    store.seed({ ...newer, data: 'old', versionSerial: '0' })
    expect(store.get(MS)?.data).toBe('new')
  })
})

import { describe, expect, it } from 'vitest'
import * as root from '../../../src'
import * as core from '../../../src/core'

// The pre-rename names stay for one minor version (removed in 0.2.0): each must be the very
// value of its new name, from both entries, so old code keeps working unchanged.
const renamed = {
  MutableMessageStore: 'VersionedMessageStore',
  getMutableMessageInfo: 'getVersionedMessageInfo',
  isMutableMessageEvent: 'isVersionedMessageEvent',
  reduceMutableMessageEvent: 'reduceVersionedMessageEvent',
  reduceMutableMessageEvents: 'reduceVersionedMessageEvents',
} as const

describe('deprecated versioned-message aliases', () => {
  it.each(Object.entries(renamed))('%s is %s in @sockudo/vue/core and @sockudo/vue', (old, current) => {
    expect(core[old as keyof typeof core]).toBe(core[current])
    expect(root[old as keyof typeof root]).toBe(root[current])
    expect(typeof root[current]).toBe('function')
  })

  it('useMutableMessages is useVersionedMessages', () => {
    expect(root.useMutableMessages).toBe(root.useVersionedMessages)
  })

  it('the old store name still builds a working store', () => {
    const store = new core.MutableMessageStore<string>()
    const state = store.apply({ event: 'sockudo:message.create', data: 'hi', extras: { headers: { sockudo_action: 'message.create', sockudo_message_serial: 'm1' } } })
    expect(state).toMatchObject({ messageSerial: 'm1', data: 'hi' })
  })
})

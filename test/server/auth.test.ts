import Pusher from 'pusher'
import { describe, expect, it } from 'vitest'
import { authenticateUser, authorizeChannel, isValidChannelName, isValidSocketId } from '@sockudo/vue/server'
import { isSockudoError } from '@sockudo/vue/core'

const masterKey = 'YWJjZGVmZ2hpamtsbW5vcHFyc3R1dnd4eXowMTIzNDU='
const base = { key: 'app-key', secret: 'app-secret' }
const pusher = new Pusher({ appId: 'app-id', host: '127.0.0.1', ...base, encryptionMasterKeyBase64: masterKey })

describe('authorizeChannel', () => {
  it('matches the http.md private-channel vector and the pusher SDK', () => {
    const ours = authorizeChannel({ ...base, socketId: '1234.5678', channelName: 'private-foo' })
    expect(ours).toEqual({ auth: 'app-key:d7d4254b75e2b60944b91bc92e916d56da84c4835011f5aa3c59a8e7f6e8b65d' })
    expect(ours).toEqual(pusher.authorizeChannel('1234.5678', 'private-foo'))
  })

  it('signs presence channel_data from the app user exactly like the pusher SDK', () => {
    const user = { user_id: '42', user_info: { name: 'Ada' } }
    const ours = authorizeChannel({ ...base, socketId: '1234.5678', channelName: 'presence-room', user })
    expect(ours.auth).toBe('app-key:7eae5778a7edfe839d7a03f042293004e8cc0798fcf98a63b02be7f19f8bef86')
    expect(ours).toEqual(pusher.authorizeChannel('1234.5678', 'presence-room', user))
  })

  it('turns a numeric user id into a string', () => {
    const ours = authorizeChannel({ ...base, socketId: '1.2', channelName: 'presence-room', user: { user_id: 7 } })
    expect(JSON.parse(ours.channel_data!)).toEqual({ user_id: '7' })
  })

  it('refuses a presence channel without the app user', () => {
    expect(() => authorizeChannel({ ...base, socketId: '1.2', channelName: 'presence-room' })).toThrow(expect.objectContaining({ code: 'auth/presence-user-missing' }))
  })

  it('derives the encrypted-channel shared secret like the pusher SDK', () => {
    const ours = authorizeChannel({ ...base, socketId: '1234.5678', channelName: 'private-encrypted-foo', encryptionMasterKeyBase64: masterKey })
    expect(ours.shared_secret).toBe('qyHkkEXevEN0T8hk7wwNQPW1xfJAk7vcckx4XIU8uLk=')
    expect(ours).toEqual(pusher.authorizeChannel('1234.5678', 'private-encrypted-foo'))
  })

  it('refuses encrypted channels without a valid 32-byte master key', () => {
    expect(() => authorizeChannel({ ...base, socketId: '1.2', channelName: 'private-encrypted-x' })).toThrow(expect.objectContaining({ code: 'config/encryption-master-key-missing' }))
    expect(() => authorizeChannel({ ...base, socketId: '1.2', channelName: 'private-encrypted-x', encryptionMasterKeyBase64: 'c2hvcnQ=' })).toThrow(expect.objectContaining({ code: 'config/encryption-master-key-invalid' }))
  })

  it('rejects bad socket ids and channel names with 400-status auth errors', () => {
    for (const [socketId, channelName] of [['abc', 'private-x'], ['1.2', 'private-bad name'], ['1.2', `private-${'x'.repeat(200)}`]] as const) {
      try {
        authorizeChannel({ ...base, socketId, channelName })
        expect.unreachable()
      } catch (error) {
        expect(isSockudoError(error) && error.status).toBe(400)
      }
    }
  })
})

describe('authenticateUser', () => {
  it('matches the http.md sign-in vector and the pusher SDK', () => {
    const user = { id: '42', user_info: { name: 'Ada' } }
    const ours = authenticateUser({ ...base, socketId: '1234.5678', user })
    expect(ours.auth).toBe('app-key:0e739d101fed6f1cbc3a8363ef6da4d29c4c84b8ddf4c51813e5d98f029f4a60')
    expect(ours).toEqual(pusher.authenticateUser('1234.5678', user))
  })
})

describe('validation helpers', () => {
  it('accepts Pusher socket ids only', () => {
    expect(isValidSocketId('123.456')).toBe(true)
    expect(isValidSocketId('123.')).toBe(false)
    expect(isValidSocketId('1.2:evil')).toBe(false)
  })

  it('accepts the characters Sockudo allows in channel names', () => {
    expect(isValidChannelName('private-a_b=c@d,e;f.g:h#i')).toBe(true)
    expect(isValidChannelName('a/b')).toBe(false)
    expect(isValidChannelName('')).toBe(false)
  })
})

import { describe, expect, it } from 'vitest'
import { md5Hex, signRequest } from '@sockudo/vue/server'

const creds = { key: 'app-key', secret: 'app-secret', timestamp: 1700000000 }

describe('signRequest (http.md §1.7 vectors)', () => {
  it('signs a POST /events with the body MD5', () => {
    const body = '{"name":"my-event","channel":"my-channel","data":"{\\"hello\\":\\"world\\"}"}'
    const signed = signRequest({ ...creds, method: 'POST', path: '/apps/app-id/events', body })
    expect(md5Hex(body)).toBe('349c71b13ec8d76fc16325f273365ba5')
    expect(signed.stringToSign).toBe('POST\n/apps/app-id/events\nauth_key=app-key&auth_timestamp=1700000000&auth_version=1.0&body_md5=349c71b13ec8d76fc16325f273365ba5')
    expect(signed.signature).toBe('7496137a76b0f3ca46fa2ca46e4d0aabeb67b5bc32181d60a42aa561a33b3e57')
  })

  it('signs a GET with endpoint params sorted in and no body_md5', () => {
    const signed = signRequest({ ...creds, method: 'get', path: '/apps/app-id/channels', params: { info: 'user_count', filter_by_prefix: 'presence-' } })
    expect(signed.stringToSign).toBe('GET\n/apps/app-id/channels\nauth_key=app-key&auth_timestamp=1700000000&auth_version=1.0&filter_by_prefix=presence-&info=user_count')
    expect(signed.signature).toBe('fd5a1b38d92aee2b7913a8cf43136cffab888ee5a097536910d6239f08eb68a2')
    expect(signed.query).not.toContain('body_md5')
    expect(signed.query.endsWith(`&auth_signature=${signed.signature}`)).toBe(true)
  })

  it('signs the terminate_connections vector with body {}', () => {
    const signed = signRequest({ ...creds, method: 'POST', path: '/apps/app-id/users/42/terminate_connections', body: '{}' })
    expect(signed.query).toContain('body_md5=99914b932bd37a50b983c5e7c90ae93b')
    expect(signed.signature).toBe('5c90601b7ede27346da725838a3837f982e9712e07d793968f91dbc6d56670ac')
  })

  it('signs the MD5 of the empty body on a POST without body', () => {
    const signed = signRequest({ ...creds, method: 'POST', path: '/apps/app-id/x' })
    expect(signed.stringToSign).toContain('body_md5=d41d8cd98f00b204e9800998ecf8427e')
  })

  it('lower-cases keys for signing but keeps them on the wire, and URL-encodes values', () => {
    const signed = signRequest({ ...creds, method: 'GET', path: '/apps/app-id/push/channelSubscriptions', params: { deviceId: 'a b&c', limit: 5, skipped: undefined } })
    expect(signed.stringToSign).toContain('&deviceid=a b&c&limit=5')
    expect(signed.query).toContain('deviceId=a%20b%26c')
    expect(signed.stringToSign).not.toContain('skipped')
  })

  it('refuses reserved parameter names', () => {
    expect(() => signRequest({ ...creds, method: 'GET', path: '/x', params: { AUTH_KEY: 'x' } })).toThrowError(/set by request signing/)
  })
})

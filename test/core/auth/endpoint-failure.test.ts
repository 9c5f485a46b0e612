import { describe, expect, it } from 'vitest'
import { httpFailure, readServerReason } from '../../../src/core/auth/endpoint-failure'

describe('reading the reason from an auth endpoint error body', () => {
  it.each([
    ['{"error":"Origin https://a.example is not allowed.","code":"forbidden_origin","status":403}', { message: 'Origin https://a.example is not allowed.', code: 'forbidden_origin' }],
    ['{"error":{"code":"nope","message":"Session expired"}}', { message: 'Session expired', code: 'nope' }],
    ['{"message":"Unauthenticated.","code":401}', { message: 'Unauthenticated.', code: '401' }],
    ['Forbidden: no session\nstack…', { message: 'Forbidden: no session' }],
    ['<!DOCTYPE html><title>404</title>', {}],
    ['', {}],
    ['[1,2]', {}],
  ])('reads %s', (body, reason) => {
    expect(readServerReason(body)).toEqual(reason)
  })

  it('keeps a long plain-text body out of the message', () => {
    expect(readServerReason('x'.repeat(5000)).message).toHaveLength(200)
  })
})

describe('the error for a non-2xx answer', () => {
  it('starts with the server message and says which URL answered what', () => {
    const error = httpFailure({ endpoint: '/sockudo/auth', channel: 'private-a' }, 403, '{"error":"Origin http://localhost:5173 is not allowed.","code":"forbidden_origin"}')
    expect(error.message).toBe('Origin http://localhost:5173 is not allowed. (Auth endpoint /sockudo/auth answered HTTP 403 forbidden_origin for channel private-a)')
    expect(error).toMatchObject({ name: 'AuthError', code: 'auth/forbidden', serverErrorCode: 'forbidden_origin', status: 403, channel: 'private-a' })
  })

  it('says how to fix a 404 of the default user-auth URL', () => {
    const error = httpFailure({ endpoint: '/sockudo/user-auth' }, 404, '<html>Not found</html>')
    expect(error.message).toContain('Auth endpoint /sockudo/user-auth answered HTTP 404 for sign-in')
    expect(error.message).toContain('createUserAuthHandler')
    expect(error.message).toContain('userAuthentication.endpoint')
    expect(error.serverErrorCode).toBeUndefined()
  })
})

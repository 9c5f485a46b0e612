import type { Prng } from '../reliability/prng'

/** The routes of `@sockudo/vue/server` the hostile-input suite drives. */
export type RouteName = 'channel-auth' | 'user-auth' | 'history' | 'presence-history' | 'messages' | 'push'
export const ROUTES: readonly RouteName[] = ['channel-auth', 'user-auth', 'history', 'presence-history', 'messages', 'push']

/** One answer an app's hook may give, and the routes where it is an explicit allow. */
export interface HookAnswer {
  label: string
  value: () => unknown
  allows: readonly RouteName[]
  throws?: boolean
}

const user = { user: { user_id: 'u-1', user_info: { name: 'Ada' } } }
/** Every kind of answer: allows, denials, forgotten returns, falsy and truthy junk, promises and throws. */
export const ANSWERS: readonly HookAnswer[] = [
  { label: 'true', value: () => true, allows: ['channel-auth', 'history', 'presence-history', 'messages', 'push'] },
  { label: 'false', value: () => false, allows: [] },
  { label: 'undefined', value: () => undefined, allows: [] },
  { label: 'null', value: () => null, allows: [] },
  { label: '0', value: () => 0, allows: [] },
  { label: '1', value: () => 1, allows: [] },
  { label: "''", value: () => '', allows: [] },
  { label: 'NaN', value: () => Number.NaN, allows: [] },
  { label: '{}', value: () => ({}), allows: [] },
  { label: '[]', value: () => [], allows: [] },
  { label: "'yes'", value: () => 'yes', allows: [] },
  { label: "'push-admin'", value: () => 'push-admin', allows: ['push'] },
  { label: "'push-subscribe'", value: () => 'push-subscribe', allows: ['push'] },
  { label: "'push-root'", value: () => 'push-root', allows: [] },
  { label: '{ capability }', value: () => ({ capability: 'push-admin' }), allows: [] },
  { label: '{ user }', value: () => user, allows: ['channel-auth'] },
  { label: '{ user: {} }', value: () => ({ user: {} }), allows: [] },
  { label: '{ user: { user_id: {} } }', value: () => ({ user: { user_id: {} } }), allows: [] },
  { label: '{ clientId }', value: () => ({ clientId: 'u-1' }), allows: ['messages'] },
  { label: "{ clientId: '' }", value: () => ({ clientId: '' }), allows: [] },
  { label: '{ clientId: 7 }', value: () => ({ clientId: 7 }), allows: [] },
  { label: '{ id }', value: () => ({ id: 'u-1', user_info: { name: 'Ada' } }), allows: ['user-auth'] },
  { label: '{ id: {} }', value: () => ({ id: {} }), allows: [] },
  { label: '{ id, watchlist: [1] }', value: () => ({ id: 'u', watchlist: [1] }), allows: [] },
  { label: 'Promise<true>', value: () => Promise.resolve(true), allows: ['channel-auth', 'history', 'presence-history', 'messages', 'push'] },
  { label: 'Promise<undefined>', value: () => Promise.resolve(undefined), allows: [] },
  { label: 'throws', value: () => { throw new Error('db password hunter2') }, allows: [], throws: true },
]

const STRINGS = ['', '.', '..', '%2e%2e', 'a', 'private-a', 'presence-a', 'private-encrypted-a', 'orders', 'chat', '1.2', '1234.5678',
  'pusher_internal:member_added', 'pusher:subscribe', 'sockudo:message.update', 'SOCKUDO_INTERNAL:x', 'client-x', 'chat.message',
  '__proto__', 'constructor', '../../apps/other', 'a/b', 'a b', 'ümlaut', '\u0000', '<script>', 's1', 'a:b:1', 'x'.repeat(250)]

/** A random JSON-ish value: strings from a hostile list, numbers, booleans, null, arrays and objects. */
export function value(rng: Prng, depth = 0): unknown {
  switch (rng.int(depth > 1 ? 5 : 8)) {
    case 0: case 1: return rng.pick(STRINGS)
    case 2: return rng.pick([0, -1, 1.5, 2 ** 53 + 1, 1e308, Number.MAX_SAFE_INTEGER])
    case 3: return rng.pick([true, false])
    case 4: return null
    case 5: return [value(rng, depth + 1), value(rng, depth + 1)]
    default: return Object.fromEntries([[rng.pick(FIELDS), value(rng, depth + 1)], [rng.pick(FIELDS), value(rng, depth + 1)]])
  }
}

const FIELDS = ['socket_id', 'channel_name', 'channel', 'action', 'params', 'messageSerial', 'annotationSerial', 'name', 'data', 'extras',
  'clientId', 'socketId', 'messageId', 'annotation', 'clearFields', 'opId', 'limit', 'headers', 'ephemeral', 'echo', 'push', 'ai', 'id', '__proto__']

const ACTIONS = ['channel_history', 'get_message', 'get_message_versions', 'publish_create', 'message_update', 'message_delete',
  'message_append', 'publish_annotation', 'delete_annotation', 'list_annotations', 'history', 'snapshot', 'drop_table']

/** A body that is mostly well-formed for `route`, with fields replaced by hostile values at random. */
export function bodyFor(route: RouteName, rng: Prng): Record<string, unknown> {
  const base: Record<string, unknown> = {
    'channel-auth': { socket_id: '1.2', channel_name: rng.pick(['private-a', 'presence-a', 'private-encrypted-a']) },
    'user-auth': { socket_id: '1.2' },
    history: { channel: 'orders', action: 'channel_history', params: { limit: 2 } },
    'presence-history': { channel: 'presence-a', action: rng.pick(['history', 'snapshot']), params: {} },
    messages: { channel: 'chat', action: rng.pick(ACTIONS), messageSerial: 's1', annotationSerial: 'a1', data: 'hi' },
    push: { id: 'd1', platform: 'browser' },
  }[route] as Record<string, unknown>
  for (let i = rng.int(4); i > 0; i--) base[rng.pick(FIELDS)] = value(rng)
  if (route === 'messages' && rng.int(3) === 0) base.extras = { [rng.pick(['headers', 'ephemeral', 'echo', 'push', 'ai', 'ref'])]: value(rng) }
  return base
}

/** Push paths: known roots, unknown roots, dot segments (plain and encoded) and signing query names. */
export function pushPath(rng: Prng): string {
  const root = rng.pick(['deviceRegistrations', 'channelSubscriptions', 'publish', 'batch', 'credentials', '..', '%2e%2e', ''])
  const tail = rng.pick(['', '/d1', '/..', '/%2e%2e/%2e%2e/channels', '/d%201', '/.%2E/x'])
  const query = rng.pick(['', '?deviceId=d1', '?auth_signature=x', '?AUTH_KEY=k', '?limit=5&body_md5=1'])
  return `/push/${root}${tail}${query}`
}

export const ORIGINS = [undefined, 'http://app.test', 'https://app.test', 'http://app.test:8080', 'https://evil.example', 'null', 'not a url']
export const CONTENT_TYPES = ['application/json', 'application/json; charset=utf-8', 'application/x-www-form-urlencoded', 'text/plain', 'multipart/form-data; boundary=x', undefined]
export const METHODS = ['POST', 'POST', 'POST', 'POST', 'GET', 'PUT', 'DELETE', 'OPTIONS']

/** The raw body text: JSON of `body`, a form encoding of it, invalid JSON, random bytes or an oversized pad. */
export function encodeBody(body: Record<string, unknown>, rng: Prng, limit: number): string {
  switch (rng.int(8)) {
    case 0: return new URLSearchParams(Object.entries(body).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)])).toString()
    case 1: return '{"channel":'
    case 2: return String.fromCharCode(...Array.from({ length: 40 }, () => rng.int(256)))
    case 3: return JSON.stringify({ ...body, pad: 'x'.repeat(limit) })
    default: return JSON.stringify(body)
  }
}

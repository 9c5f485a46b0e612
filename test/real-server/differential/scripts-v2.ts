/** Conversations of the V2 features: rewind, socket history, recovery, versioned messages, presence, codecs. */
import { capabilityToken } from '../../support/token'
import type { Conversation, Script } from './conversation'
import { publish, subscribe } from './scripts-core'
import type { Recorded, Wire } from './wire'

const sub = (c: Conversation, w: Wire, ch: string, extra: Record<string, unknown> = {}) => subscribe(c, w, 2, ch, extra)

/** Publishes `n` numbered events and waits until `wire` has them all. */
async function publishMany(c: Conversation, ch: string, n: number, wire?: Wire, from = 0): Promise<void> {
  for (let i = from; i < from + n; i++) await publish(c, ch, 'tick', { i })
  if (wire) for (let i = from; i < from + n; i++) await wire.next((f) => f.event === 'tick' && f.channel === ch)
}

const dataOf = (f: Recorded): Record<string, unknown> =>
  (typeof f.data === 'string' ? JSON.parse(f.data) : f.data) as Record<string, unknown>

const rewind: Script = {
  name: 'rewind by count and by seconds',
  run: async (c) => {
    const ch = c.channel('history-rw-')
    await publishMany(c, ch, 5)
    const a = await c.open('count', { version: 2 })
    await sub(c, a, ch, { rewind: { count: 3 } })
    await a.next((f) => /rewind_complete/.test(f.event))
    const b = await c.open('seconds', { version: 2 })
    await sub(c, b, ch, { rewind: { seconds: 60 } })
    await b.next((f) => /rewind_complete/.test(f.event))
    const d = await c.open('string-count', { version: 2 })
    d.send({ event: 'sockudo:subscribe', data: { channel: c.channel('history-rw-str-'), rewind: { count: '5' } } })
    await d.next((f) => /error|subscription_succeeded/.test(f.event))
  },
}

const socketHistory: Script = {
  name: 'socket history with until_attach',
  run: async (c) => {
    const ch = c.channel('history-sh-')
    await publishMany(c, ch, 4)
    const a = await c.open('a', { version: 2 })
    await sub(c, a, ch)
    await publishMany(c, ch, 2, a, 4)
    const answer = () => a.next((f) => f.event === 'sockudo:channel_history' || /error/.test(f.event))
    // On JSON text the real server reads an object `data` with a `channel` as a subscribe-like
    // structure and refuses it; a JSON string, or an object naming the channel only in `params`, works.
    a.send({ event: 'sockudo:channel_history', data: { channel: ch, params: { limit: 10, direction: 'oldest_first', until_attach: true } } })
    await answer()
    a.send({ event: 'sockudo:channel_history', data: JSON.stringify({ channel: ch, params: { limit: 10, direction: 'oldest_first', until_attach: true } }) })
    await answer()
    a.send({ event: 'sockudo:channel_history', data: JSON.stringify({ channel: ch, params: { limit: 2 } }) })
    await answer()
    a.send({ event: 'sockudo:channel_history', data: { params: { channel: ch, limit: 1, direction: 'forwards' } } })
    await answer()
  },
}

/** The position a live stream gives: serial and stream id of the last frame received on `ch`. */
function lastPosition(w: Wire, ch: string): { serial: number; stream_id?: string } {
  const last = [...w.frames].reverse().find((f) => f.channel === ch && f.serial !== undefined)
  if (!last) throw new Error(`no serial on ${ch}`)
  return { serial: Number(last.serial), ...(typeof last.stream_id === 'string' ? { stream_id: last.stream_id } : {}) }
}

const recovery: Script = {
  name: 'recovery after an abrupt drop',
  run: async (c) => {
    const ch = c.channel('history-rec-')
    const a = await c.open('before', { version: 2 })
    await sub(c, a, ch)
    await publishMany(c, ch, 3, a)
    const position = lastPosition(a, ch)
    a.drop()
    await publishMany(c, ch, 3, undefined, 3)
    const b = await c.open('after', { version: 2 })
    await sub(c, b, ch)
    b.send({ event: 'sockudo:resume', data: JSON.stringify({ channel_positions: { [ch]: position } }) })
    await b.next((f) => /resume_(success|failed)/.test(f.event))
    await publishMany(c, ch, 1, b, 6)
    const d = await c.open('ahead', { version: 2 })
    await sub(c, d, ch)
    d.send({ event: 'sockudo:resume', data: JSON.stringify({ channel_positions: { [ch]: { ...position, serial: position.serial + 1000 } } }) })
    await d.next((f) => /resume_(success|failed)|error/.test(f.event))
    d.send({ event: 'sockudo:resume', data: JSON.stringify({ channel_positions: {} }) })
    await d.next((f) => /error|resume_failed/.test(f.event))
    d.send({ event: 'sockudo:resume', data: JSON.stringify({}) })
    await d.next((f) => /error|resume_failed/.test(f.event))
    d.send({ event: 'sockudo:resume' })
    await d.next((f) => /error|resume_failed/.test(f.event))
  },
}

const streamReset: Script = {
  name: 'recovery after a stream reset (server restart)',
  run: async (c) => {
    const ch = c.channel('history-reset-')
    const a = await c.open('before', { version: 2 })
    await sub(c, a, ch)
    await publishMany(c, ch, 2, a)
    const position = lastPosition(a, ch)
    await c.server.restart()
    await publishMany(c, ch, 1)
    const b = await c.open('after', { version: 2 })
    await sub(c, b, ch)
    b.send({ event: 'sockudo:resume', data: JSON.stringify({ channel_positions: { [ch]: position } }) })
    await b.next((f) => /resume_(success|failed)/.test(f.event))
  },
}

const versioned: Script = {
  name: 'versioned messages: create, JSON-looking appends, update, delete, get and versions',
  run: async (c) => {
    const ch = c.channel('versioned-mm-')
    const a = await c.open('a', { version: 2 })
    await sub(c, a, ch)
    const created = await publish(c, ch, 'note', 'hello', { message_id: 'mm-1', info: 'serial' })
    const frame = await a.next((f) => f.channel === ch && /message\.create|note/.test(f.event))
    const serial = String((created.body as { message_serial?: string }).message_serial ?? frame.message_serial ?? (frame.extras as { headers?: Record<string, string> } | undefined)?.headers?.sockudo_message_serial ?? '')
    c.note('serial-known', serial !== '')
    for (const fragment of [' 42', 'true', 'null', '{"a":1}']) {
      await c.http('append', 'POST', `/channels/${ch}/messages/${serial}/append`, { data: fragment })
      await a.next((f) => /message\.append/.test(f.event))
    }
    await c.http('update', 'POST', `/channels/${ch}/messages/${serial}/update`, { data: 'edited', description: 'fix' })
    await a.next((f) => /message\.update/.test(f.event))
    await c.http('get', 'GET', `/channels/${ch}/messages/${serial}`)
    await c.http('versions', 'GET', `/channels/${ch}/messages/${serial}/versions`, undefined, { direction: 'oldest_first' })
    await c.http('delete', 'POST', `/channels/${ch}/messages/${serial}/delete`, {})
    await a.next((f) => /message\.delete/.test(f.event))
    const late = await c.open('late', { version: 2 })
    await sub(c, late, ch, { rewind: { count: 5 } })
    await late.next((f) => /rewind_complete/.test(f.event))
  },
}

const presence: Script = {
  name: 'presence update, presence history and snapshot',
  run: async (c) => {
    const ch = c.channel('presence-ph-')
    const a = await c.open('a', { version: 2 })
    const b = await c.open('b', { version: 2 })
    await sub(c, a, ch, { member: { user_id: 'alice', user_info: { status: 'idle' } } })
    await sub(c, b, ch, { member: { user_id: 'bob', user_info: { status: 'idle' } } })
    b.send({ event: 'sockudo:presence_update', data: JSON.stringify({ channel: ch, data: { status: 'typing' } }) })
    await a.next((f) => /presence_update/.test(f.event) || /error/.test(f.event))
    await b.close()
    await a.next((f) => /member_removed/.test(f.event))
    await c.settle(300)
    await c.http('history', 'GET', `/channels/${ch}/presence/history`, undefined, { direction: 'oldest_first' })
    await c.http('snapshot', 'GET', `/channels/${ch}/presence/history/snapshot`)
  },
}

const delta = (algorithm: 'fossil' | 'xdelta3', base: string): Script => ({
  name: `delta (${algorithm}): full/delta schedule, conflation and resync`,
  run: async (c) => {
    const ch = c.channel(`${base}:dl-`)
    const a = await c.open('a', { version: 2 })
    a.send({ event: 'sockudo:enable_delta_compression', data: {} })
    await a.next((f) => /delta_compression_enabled/.test(f.event))
    await sub(c, a, ch, { delta: algorithm })
    const body = (i: number, item: string) => ({ item_id: item, price: 100 + i, note: 'x'.repeat(160), i })
    for (let i = 0; i < 12; i++) await publish(c, ch, 'quote', body(i, i % 3 === 2 ? 'B' : 'A'))
    await c.settle(300)
    c.note('kinds', a.frames.filter((f) => f.channel === ch).map((f) => f.event))
    a.send({ event: 'sockudo:delta_sync_error', data: { channel: ch } })
    await c.settle(300)
    await publish(c, ch, 'quote', body(13, 'A'))
    await publish(c, ch, 'quote', body(14, 'A'), { delta: false })
  },
})

const filters: Script = {
  name: 'filters by tags, event names and expression',
  run: async (c) => {
    const ch = c.channel('diff-flt-')
    const a = await c.open('tags', { version: 2 })
    await sub(c, a, ch, { filter: { tags: { key: 'side', cmp: 'eq', val: 'buy' } } })
    const b = await c.open('events', { version: 2 })
    await sub(c, b, ch, { filter: { events: ['keep'] } })
    const d = await c.open('bad', { version: 2 })
    d.send({ event: 'sockudo:subscribe', data: { channel: ch, filter: { tags: { key: 'side', cmp: 'nope', val: 'x' } } } })
    await d.next((f) => /error|subscription_succeeded/.test(f.event))
    await publish(c, ch, 'keep', { n: 1 }, { tags: { side: 'buy' } })
    await publish(c, ch, 'drop', { n: 2 }, { tags: { side: 'sell' } })
    await publish(c, ch, 'keep', { n: 3 }, { tags: { side: 'sell' } })
  },
}

const codecs = (format: 'msgpack' | 'protobuf'): Script => ({
  name: `${format} wire format`,
  run: async (c) => {
    const ch = c.channel(`history-${format}-`)
    const a = await c.open('a', { version: 2, format })
    await sub(c, a, ch)
    await publishMany(c, ch, 2, a)
    const p = c.channel(`presence-${format}-`)
    await sub(c, a, p, { member: { user_id: 'm1', user_info: { n: 1 } } })
    a.send({ event: 'sockudo:channel_history', data: { channel: ch, params: { limit: 5 } } })
    await a.next((f) => f.event === 'sockudo:channel_history' || /error/.test(f.event))
  },
})

const resumeEdges: Script = {
  name: 'resume edge positions: no stream id, legacy serials, the subscribe position',
  run: async (c) => {
    const ch = c.channel('history-edge-')
    const a = await c.open('a', { version: 2 })
    await sub(c, a, ch)
    const ack = a.frames.find((f) => f.channel === ch && /subscription_succeeded/.test(f.event)) as Recorded
    await publishMany(c, ch, 3, a)
    const live = lastPosition(a, ch)
    const resume = async (label: string, data: unknown) => {
      const w = await c.open(label, { version: 2 })
      await sub(c, w, ch)
      w.send({ event: 'sockudo:resume', data: JSON.stringify(data) })
      await w.next((f) => /resume_success|error/.test(f.event))
    }
    await resume('no-stream-within', { channel_positions: { [ch]: { serial: live.serial - 1 } } })
    await resume('no-stream-ahead', { channel_positions: { [ch]: { serial: live.serial + 5 } } })
    await resume('legacy-within', { channel_serials: { [ch]: live.serial - 2 } })
    await resume('legacy-ahead', { channel_serials: { [ch]: live.serial + 5 } })
    // What subscription_succeeded announced (the history store's stream id): not the live stream.
    await resume('subscribe-position', { channel_positions: { [ch]: { serial: Number(ack.serial), stream_id: ack.stream_id } } })
  },
}

const editedReplay: Script = {
  name: 'edited messages in rewind and socket history; bare-string delta_sync_error',
  run: async (c) => {
    const ch = c.channel('versioned-ed-')
    const created = await publish(c, ch, 'note', 'first', { info: 'serial' })
    await publish(c, ch, 'note', 'second')
    const serial = String((created.body as { channels?: Record<string, { message_serial?: string }> }).channels?.[ch]?.message_serial ?? '')
    c.note('serial-known', serial !== '')
    await c.http('update', 'POST', `/channels/${ch}/messages/${serial}/update`, { data: 'first, edited' })
    const a = await c.open('rewind', { version: 2 })
    await sub(c, a, ch, { rewind: 5 })
    await a.next((f) => /rewind_complete/.test(f.event))
    a.send({ event: 'sockudo:channel_history', data: JSON.stringify({ channel: ch, params: { direction: 'oldest_first' } }) })
    await a.next((f) => f.event === 'sockudo:channel_history' || /error/.test(f.event))
    a.send({ event: 'sockudo:delta_sync_error', data: ch })
    await c.settle(200)
  },
}

/** The V2 conversations. */
export const V2_SCRIPTS: Script[] = [
  rewind, socketHistory, recovery, resumeEdges, streamReset, versioned, editedReplay, presence, delta('fossil', 'ticker'), delta('xdelta3', 'quotes'), filters, codecs('msgpack'), codecs('protobuf'),
]

export { dataOf }

/** An HS256 capability token for `server` (kid = app key). */
function token(c: Conversation, o: { clientId?: string; ttl?: number; iat?: number; capability?: Record<string, string[]>; jti?: string } = {}): string {
  return capabilityToken({ ...o, jti: o.jti ?? `jti-${Math.random().toString(36).slice(2)}` }, { ...c.server, port: c.server.httpPort, real: c.server.kind === 'real' })
}

const tokens: Script = {
  name: 'capability tokens: accepted, refused, refreshed, expiring',
  run: async (c) => {
    const ok = await c.open('valid', { version: 2, query: { token: token(c, { clientId: 'tok-user', jti: 'jti-a' }) } })
    await sub(c, ok, c.channel('diff-tok-'))
    ok.send({ event: 'sockudo:auth', data: { token: token(c, { clientId: 'tok-user', jti: 'jti-b' }) } })
    await ok.next((f) => /auth_success|error/.test(f.event))
    ok.send({ event: 'sockudo:auth', data: { token: token(c, { clientId: 'someone-else', jti: 'jti-c' }) } })
    await ok.next((f) => /error/.test(f.event))
    const narrow = await c.open('narrow', { version: 2, query: { token: token(c, { clientId: 'tok-user', capability: { 'other-*': ['subscribe'] } }) } })
    narrow.send({ event: 'sockudo:subscribe', data: { channel: c.channel('diff-tok-') } })
    await narrow.next((f) => /error|subscription_succeeded/.test(f.event))
    await c.open('expired', { version: 2, handshake: false, query: { token: token(c, { iat: Math.floor(Date.now() / 1000) - 7200, ttl: 60 }) } })
    const soon = await c.open('expiring', { version: 2, query: { token: token(c, { clientId: 'tok-user', ttl: 2 }) } })
    await soon.next((f) => /token_expired/.test(f.event), 8000)
    soon.send({ event: 'sockudo:auth', data: { token: token(c, { clientId: 'tok-user' }) } })
    await soon.next((f) => /auth_success|error/.test(f.event))
  },
}
V2_SCRIPTS.push(tokens)

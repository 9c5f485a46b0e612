/** Conversations of the core protocol (V1 and V2 names): handshakes, channels, client events, HTTP publish. */
import type { Conversation, Script } from './conversation'
import type { Wire } from './wire'

const prefix = (v: 1 | 2) => (v === 2 ? 'sockudo' : 'pusher')

/** Subscribes and waits for the answer (success or error). */
export async function subscribe(c: Conversation, wire: Wire, v: 1 | 2, channel: string, extra: Record<string, unknown> = {}): Promise<void> {
  let auth: Record<string, unknown> = {}
  if (channel.startsWith('presence-')) {
    const channelData = JSON.stringify(extra.member ?? { user_id: 'u1' })
    auth = { auth: c.auth(wire.socketId, channel, channelData), channel_data: channelData }
  } else if (channel.startsWith('private-')) auth = { auth: c.auth(wire.socketId, channel) }
  const { member: _member, ...rest } = extra
  wire.send({ event: `${prefix(v)}:subscribe`, data: { channel, ...auth, ...rest } })
  await wire.next((f) => f.channel === channel ? /subscription_succeeded|subscription_error/.test(f.event) : /:error$/.test(f.event))
}

/** Publishes over HTTP and records the answer under `http`. */
export function publish(c: Conversation, channel: string, name: string, data: unknown, more: Record<string, unknown> = {}) {
  return c.http('http', 'POST', '/events', { name, channels: [channel], data: typeof data === 'string' ? data : JSON.stringify(data), ...more })
}

const handshake = (v: 1 | 2): Script => ({
  name: `V${v} handshake`,
  run: async (c) => {
    await c.open('a', { version: v })
  },
})

const channels = (v: 1 | 2): Script => ({
  name: `V${v} public, private and presence subscribes and events`,
  run: async (c) => {
    const pub = c.channel('diff-pub-'), priv = c.channel('private-diff-'), pres = c.channel('presence-diff-')
    const a = await c.open('a', { version: v })
    const b = await c.open('b', { version: v })
    await subscribe(c, a, v, pub)
    await subscribe(c, a, v, priv)
    await subscribe(c, a, v, pres, { member: { user_id: 'alice', user_info: { name: 'Alice' } } })
    await subscribe(c, b, v, pres, { member: { user_id: 'bob', user_info: { name: 'Bob' } } })
    await a.next((f) => /member_added/.test(f.event))
    await publish(c, pub, 'greet', { hello: 'public' })
    await publish(c, priv, 'greet', { hello: 'private' })
    await a.next((f) => f.event === 'greet' && f.channel === priv)
    await b.close()
    await a.next((f) => /member_removed/.test(f.event))
    a.send({ event: `${prefix(v)}:unsubscribe`, data: { channel: pub } })
    await c.settle()
    await publish(c, pub, 'after-unsubscribe', { n: 1 })
  },
})

const failures = (v: 1 | 2): Script => ({
  name: `V${v} refused subscribes`,
  run: async (c) => {
    const a = await c.open('a', { version: v })
    a.send({ event: `${prefix(v)}:subscribe`, data: { channel: c.channel('private-diff-noauth-') } })
    await a.next((f) => /error/.test(f.event))
    a.send({ event: `${prefix(v)}:subscribe`, data: { channel: c.channel('private-diff-badauth-'), auth: `${c.server.key}:00` } })
    await a.next((f) => /error/.test(f.event))
    a.send({ event: `${prefix(v)}:subscribe`, data: {} })
    await a.next((f) => /error/.test(f.event))
  },
})

const clientEvents = (v: 1 | 2): Script => ({
  name: `V${v} client events`,
  run: async (c) => {
    const priv = c.channel('private-diff-ce-')
    const a = await c.open('a', { version: v })
    const b = await c.open('b', { version: v })
    await subscribe(c, a, v, priv)
    await subscribe(c, b, v, priv)
    a.send({ event: 'client-typing', channel: priv, data: { who: 'a' } })
    await b.next((f) => f.event === 'client-typing')
    a.send({ event: 'client-typing', channel: c.channel('diff-public-ce-'), data: { who: 'a' } })
    await a.next((f) => /error/.test(f.event))
  },
})

const httpPublish: Script = {
  name: 'HTTP publish, single and batch',
  run: async (c) => {
    const one = c.channel('diff-http-1-'), two = c.channel('diff-http-2-')
    const a = await c.open('a', { version: 2 })
    await subscribe(c, a, 2, one)
    await subscribe(c, a, 2, two)
    await publish(c, one, 'single', { n: 1 })
    await c.http('http', 'POST', '/batch_events', { batch: [
      { channel: one, name: 'batch', data: JSON.stringify({ n: 2 }) },
      { channel: two, name: 'batch', data: JSON.stringify({ n: 3 }) },
    ] })
    await c.http('http', 'POST', '/events', { name: 'multi', channels: [one, two], data: '"both"' })
    await c.http('http', 'GET', `/channels/${one}`, undefined, { info: 'subscription_count' })
  },
}

const encrypted: Script = {
  name: 'encrypted channel: ciphertext relayed unchanged',
  run: async (c) => {
    const ch = c.channel('private-encrypted-diff-')
    const a = await c.open('a', { version: 1 })
    await subscribe(c, a, 1, ch)
    // A fixed ciphertext payload (what the pusher SDK sends for an encrypted channel).
    await publish(c, ch, 'secret', { nonce: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', ciphertext: 'Zm9vYmFy' })
  },
}

/** The core conversations. */
export const CORE_SCRIPTS: Script[] = [
  handshake(1), handshake(2), channels(1), channels(2), failures(1), failures(2), clientEvents(1), clientEvents(2), httpPublish, encrypted,
]

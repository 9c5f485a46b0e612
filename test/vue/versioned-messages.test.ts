import { afterEach, describe, expect, it } from 'vitest'
import { useVersionedMessages } from '@sockudo/vue'
import { createVersionedMessagesProxy } from '@sockudo/vue/server'
import type { ProxyEndpointOptions } from '@sockudo/vue/core'
import { createHarness, liveTarget, nodeFetch, uniqueName, waitFor, withSetup, type Harness } from './harness'
import { skipUnless } from '../support/real-server'

const open: Harness[] = []
afterEach(() => open.splice(0).forEach((h) => h.close()))

/** The app's versioned-messages proxy route, served in-process by the real server handler. */
function proxyEndpoint(): ProxyEndpointOptions {
  const t = liveTarget()
  const handler = createVersionedMessagesProxy({ appId: t.appId, key: t.key, secret: t.secret, host: t.host, port: t.port, fetch: nodeFetch, authorize: () => true })
  return {
    endpoint: 'http://app.test/api/_sockudo/versioned-messages',
    fetch: ((input: RequestInfo | URL, init?: RequestInit) => handler(new Request(input, init))) as typeof fetch,
  }
}

function mountMessages(extra: Parameters<typeof createHarness>[0] = {}): Promise<{ result: () => ReturnType<typeof useVersionedMessages<string>>; harness: Harness }> {
  const harness = createHarness({ protocolVersion: 2, versionedMessages: proxyEndpoint(), ...extra })
  open.push(harness)
  return (async () => {
    const name = currentChannel
    const { component, result } = withSetup(() => useVersionedMessages<string>(name))
    await harness.mount(component)
    await waitFor(() => harness.sockudo.client.channel(name)?.subscribed && !result().loading.value, 5000, 'subscribed and seeded')
    return { result, harness }
  })()
}
let currentChannel = ''

/** Mounts the composable on a new channel and creates one message, 'hello', through it. */
async function helloOnNewChannel() {
  currentChannel = uniqueName('versioned')
  const chat = (await mountMessages()).result()
  const created = await chat.create('hello')
  await waitFor(() => chat.messages.value.length === 1, 5000, 'created')
  return { chat, created }
}

describe('useVersionedMessages', () => {
  it('lists a created message and seeds a late joiner from history', async (ctx) => {
    skipUnless(ctx, ['history', 'versionedMessages'])
    const { chat, created } = await helloOnNewChannel()
    expect(chat.messages.value[0]).toMatchObject({ messageSerial: created.messageSerial, data: 'hello', action: 'message.create' })
    const late = await mountMessages()
    expect(late.result().messages.value.map((m) => m.data)).toEqual(['hello'])
    expect(chat.error.value).toBeNull()
  })

  it('applies append, update and delete through the reducer, also for a late joiner', async (ctx) => {
    skipUnless(ctx, ['history', 'versionedMessages'])
    const { chat, created } = await helloOnNewChannel()
    await chat.append(created.messageSerial, ' world')
    await waitFor(() => chat.messages.value[0]?.data === 'hello world', 5000, 'appended')

    const late = await mountMessages()
    expect(late.result().messages.value.map((m) => m.data)).toEqual(['hello world'])

    await chat.update(created.messageSerial, { data: 'patched' })
    await waitFor(() => chat.messages.value[0]?.data === 'patched', 5000, 'updated')
    expect(chat.messages.value[0]!.action).toBe('message.update')
    await waitFor(() => late.result().messages.value[0]?.data === 'patched', 5000, 'late joiner sees the update')

    await chat.delete(created.messageSerial)
    await waitFor(() => chat.messages.value.length === 0, 5000, 'deleted')
    expect(chat.error.value).toBeNull()
  })

  it('keeps append fragments that look like JSON as text on every path', async (ctx) => {
    skipUnless(ctx, ['history', 'versionedMessages'])
    currentChannel = uniqueName('versioned')
    const { result, harness } = await mountMessages()
    const { client } = harness.sockudo
    const global: unknown[] = []
    const onChannel: unknown[] = []
    const events: unknown[] = []
    client.bindGlobal((name, data) => void (name === 'sockudo:message.append' && global.push(data)))
    client.channel(currentChannel)!.bind('sockudo:message.append', (data) => void onChannel.push(data))
    client.on('event', (event) => void (event.event === 'sockudo:message.append' && events.push(event.data)))
    const chat = result()
    const created = await chat.create('n=')
    await waitFor(() => chat.messages.value.length === 1, 5000, 'created')
    for (const fragment of ['42', 'true', 'null', ' 7']) await chat.append(created.messageSerial, fragment)
    await waitFor(() => chat.messages.value[0]?.data === 'n=42truenull 7', 5000, 'appended as text')
    expect(global).toEqual(['42', 'true', 'null', ' 7'])
    expect(onChannel).toEqual(['42', 'true', 'null', ' 7'])
    expect(events).toEqual(['42', 'true', 'null', ' 7'])
    expect(chat.error.value).toBeNull()
  })

  it('takes its append mode from the client', async (ctx) => {
    skipUnless(ctx, ['history', 'versionedMessages'])
    currentChannel = uniqueName('versioned')
    const { result } = await mountMessages({ appendMode: 'full' })
    const chat = result()
    const created = await chat.create('a')
    await waitFor(() => chat.messages.value.length === 1, 5000, 'created')
    await chat.append(created.messageSerial, 'b')
    await chat.append(created.messageSerial, 'c')
    await waitFor(() => chat.messages.value[0]?.data === 'abc', 3000, 'full text kept')
    expect(chat.messages.value[0]!.data).toBe('abc')
  })

  it('rejects actions without a configured proxy endpoint and reports it in error', async () => {
    const harness = createHarness({ protocolVersion: 2 })
    open.push(harness)
    const { component, result } = withSetup(() => useVersionedMessages(uniqueName('versioned')))
    await harness.mount(component)
    await expect(result().create('x')).rejects.toThrowError(/endpoint must be configured/)
    expect(result().error.value?.code).toBe('config/proxy-endpoint-missing')
  })
})

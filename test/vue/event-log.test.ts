import { afterEach, describe, expect, it } from 'vitest'
import { useChannel, useEventLog } from '@sockudo/vue'
import { createHarness, serverSdk, uniqueName, waitFor, withSetup, type Harness } from './harness'

let harness: Harness | undefined
afterEach(() => harness?.close())

const PROTOCOL = /^(pusher|sockudo)(_internal)?:/

/** Mounts `useEventLog(name, '*', options)` next to a `useChannel(name)`, publishes `order` once subscribed. */
async function logOneOrder(options: { includeProtocol?: boolean } = {}) {
  harness = createHarness()
  const name = `orders-${uniqueName()}`
  const { component, result } = withSetup(() => ({ log: useEventLog(name, '*', options), channel: useChannel(name) }))
  await harness.mount(component)
  await waitFor(() => result().channel.status.value === 'subscribed', 5000, 'subscribed')
  await serverSdk().trigger(name, 'order', { id: 1 })
  await waitFor(() => result().log.events.value.some((e) => e.event === 'order'), 5000, 'order logged')
  return result().log.events.value.map((e) => e.event)
}

describe("useEventLog('*')", () => {
  it('logs application events and leaves protocol events such as subscription_succeeded out', async () => {
    const names = await logOneOrder()
    expect(names).toEqual(['order'])
  })

  it('logs protocol events too with includeProtocol: true', async () => {
    const names = await logOneOrder({ includeProtocol: true })
    expect(names).toContain('order')
    expect(names.some((n) => PROTOCOL.test(n) && n.endsWith('subscription_succeeded'))).toBe(true)
  })
})

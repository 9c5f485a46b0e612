import { afterEach, describe, expect, it } from 'vitest'
import { useChannel, usePresence, useSockudoChannelsStore, useUser } from '@sockudo/vue'
import { createHarness, uniqueName, waitFor, withSetup, type Harness } from './harness'
import { skipUnless } from '../support/real-server'

let harness: Harness | undefined
afterEach(() => harness?.close())

describe('authorization failures', () => {
  it('puts an authorizer failure into useChannel().error and the store', async () => {
    harness = createHarness({ refuseAuth: 'throw' })
    const name = `private-${uniqueName()}`
    const { component, result } = withSetup(() => useChannel(name))
    await harness.mount(component)
    await waitFor(() => result().status.value === 'failed', 5000, 'failed')
    const error = result().error.value
    expect(error).not.toBeNull()
    expect(error!.code).toMatch(/^(auth|channel)\//)
    expect(error!.channel).toBe(name)
    const entry = useSockudoChannelsStore(harness.pinia).channels[name]!
    expect(entry.error).toEqual(error)
    expect(JSON.parse(JSON.stringify(entry.error))).toEqual(entry.error)
  })

  it('puts a server rejection of a bad signature into usePresence().error', async () => {
    harness = createHarness({ refuseAuth: 'bad-signature' })
    const name = `presence-${uniqueName()}`
    const { component, result } = withSetup(() => usePresence(name))
    await harness.mount(component)
    await waitFor(() => result().error.value, 5000, 'error')
    expect(result().status.value).toBe('failed')
    expect(result().error.value!.code).toMatch(/^(auth|channel)\//)
    expect(result().count.value).toBe(0)
  })

  it('clears the error once a later subscription succeeds', async () => {
    harness = createHarness()
    const name = `private-${uniqueName()}`
    const { component, result } = withSetup(() => useChannel(name))
    await harness.mount(component)
    await waitFor(() => result().status.value === 'subscribed', 5000, 'subscribed')
    expect(result().error.value).toBeNull()
  })

  it('puts a sign-in failure into useUser().error', async () => {
    harness = createHarness({ refuseAuth: 'throw' })
    const { component, result } = withSetup(() => useUser())
    await harness.mount(component)
    await waitFor(() => harness!.sockudo.client.connection.state === 'connected', 5000, 'connected')
    result().signin()
    expect(result().status.value).toBe('signing-in')
    await waitFor(() => result().status.value === 'failed', 5000, 'sign-in failed')
    expect(result().error.value?.code).toMatch(/^auth\//)
  })

  it('signs in and reports the user id', async (ctx) => {
    skipUnless(ctx, ['userAuthentication'])
    harness = createHarness({ user: { id: 'ada' } })
    const { component, result } = withSetup(() => useUser({ signin: true }))
    await harness.mount(component)
    await waitFor(() => result().signedIn.value, 5000, 'signed in')
    expect(result().id.value).toBe('ada')
    expect(result().error.value).toBeNull()
  })
})

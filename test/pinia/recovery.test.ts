/** Recovery made visible (positions, resume results) and kept across reloads, against the local server. */
import { describe, expect, it } from 'vitest'
import { useChannel, useRecovery, useSockudoRecoveryStore } from '@sockudo/vue'
import type { RecoveryPosition, RecoveryStorage } from '@sockudo/vue'
import { createHarness, harnessesPerTest, liveTarget, nodeFetch, publish, uniqueName, waitFor, withSetup, type Harness } from '../vue/harness'
import { httpUrl } from '../support/live'
import { skipUnless } from '../support/real-server'

const harnessOf = harnessesPerTest({ protocolVersion: 2, connectionRecovery: true })

/** Mounts a component holding `name` that records the `n` of every `tick`. */
async function listen(harness: Harness, name: string): Promise<{ got: number[]; recovery: () => ReturnType<typeof useRecovery> }> {
  const got: number[] = []
  const { component, result } = withSetup(() => {
    useChannel(name).on<{ n: number }>('tick', (data) => void got.push(data.n))
    return useRecovery(name)
  })
  await harness.mount(component)
  await waitFor(() => harness.sockudo.client.channel(name)?.subscribed, 5000, 'subscribed')
  return { got, recovery: result }
}

describe('recovery in the sockudo-recovery store', () => {
  it('shows each channel\'s position and a successful resume after a reconnect', async (ctx) => {
    skipUnless(ctx, ['recovery'])
    const harness = harnessOf()
    const name = uniqueName('rec')
    const { got, recovery } = await listen(harness, name)
    expect(recovery().enabled.value).toBe(true)
    for (const n of [1, 2]) await publish(name, 'tick', { n })
    await waitFor(() => got.length === 2, 5000, 'two ticks')
    await waitFor(() => recovery().position.value?.serial === harness.sockudo.client.getRecoveryPosition(name)?.serial, 2000, 'position in the store')
    const store = useSockudoRecoveryStore(harness.pinia)
    expect(store.positions[name]!.serial).toMatch(/^\d+$/)
    expect(store.positions[name]!.streamId).toBeTypeOf('string')
    const { client } = harness.sockudo
    client.disconnect()
    await waitFor(() => client.connection.state === 'disconnected', 5000, 'disconnected')
    await publish(name, 'tick', { n: 3 })
    client.connect()
    await waitFor(() => recovery().result.value?.status === 'recovered', 5000, 'recovered')
    await waitFor(() => got.length === 3, 5000, 'missed tick replayed')
    expect(got).toEqual([1, 2, 3])
    expect(recovery().result.value).toMatchObject({ status: 'recovered', code: null, reason: null })
    expect(store.lastResume?.recovered).toEqual([name])
    expect(JSON.parse(JSON.stringify(store.results))).toEqual(JSON.parse(JSON.stringify(store.results)))
  })

  it('shows a failed resume with the server\'s code and reason', async (ctx) => {
    skipUnless(ctx, ['recovery', 'controlRoutes'])
    const harness = harnessOf()
    const name = uniqueName('rec')
    const { got, recovery } = await listen(harness, name)
    await publish(name, 'tick', { n: 1 })
    await waitFor(() => got.length === 1, 5000, 'one tick')
    const { client } = harness.sockudo
    client.disconnect()
    await waitFor(() => client.connection.state === 'disconnected', 5000, 'disconnected')
    // The control route through node:http (happy-dom's fetch applies browser CORS rules).
    const t = liveTarget()
    const res = await nodeFetch(`${httpUrl(t)}/_control/reset-stream`, { method: 'POST', body: JSON.stringify({ appId: t.appId, channel: name }), headers: { 'Content-Type': 'application/json' } })
    expect(res.ok).toBe(true)
    client.connect()
    await waitFor(() => recovery().result.value?.status === 'failed', 5000, 'failed')
    const result = recovery().result.value!
    expect(result.code).toMatch(/^[a-z_]+$/)
    expect(typeof result.reason === 'string' || result.reason === null).toBe(true)
    expect(useSockudoRecoveryStore(harness.pinia).lastResume?.failed).toEqual([name])
  })
})

describe('recovery positions across reloads', () => {
  /** Two page loads: the second publishes nothing itself and must still get what was missed. */
  async function reload(storage: (() => RecoveryStorage | 'sessionStorage') | undefined): Promise<number[]> {
    const name = uniqueName('reload')
    const first = harnessOf(storage ? { recoveryStorage: storage() } : {})
    const before = await listen(first, name)
    for (const n of [1, 2]) await publish(name, 'tick', { n })
    await waitFor(() => before.got.length === 2, 5000, 'two ticks')
    await new Promise((r) => setTimeout(r, 20))
    first.close()
    for (const n of [3, 4]) await publish(name, 'tick', { n })
    const second = harnessOf(storage ? { recoveryStorage: storage() } : {})
    const after = await listen(second, name)
    if (storage) await waitFor(() => after.got.length === 2, 5000, 'missed ticks after the reload')
    else await new Promise((r) => setTimeout(r, 300))
    return after.got
  }

  it('resumes after a reload with positions kept by an app callback pair', async (ctx) => {
    skipUnless(ctx, ['recovery'])
    const kept: { positions: Record<string, RecoveryPosition> | null } = { positions: null }
    const storage = (): RecoveryStorage => ({ load: () => kept.positions, save: (p) => void (kept.positions = p) })
    expect(await reload(storage)).toEqual([3, 4])
    expect(Object.values(kept.positions ?? {})[0]?.serial).toMatch(/^\d+$/)
  })

  it('resumes after a reload with positions kept in sessionStorage', async (ctx) => {
    skipUnless(ctx, ['recovery'])
    sessionStorage.clear()
    expect(await reload(() => 'sessionStorage')).toEqual([3, 4])
  })

  it('loses the gap without storage (the reason for the option)', async (ctx) => {
    skipUnless(ctx, ['recovery'])
    expect(await reload(undefined)).toEqual([])
  })

  it('ignores malformed saved positions and refuses the option without connectionRecovery', async () => {
    const storage: RecoveryStorage = { load: () => ({ a: { serial: 'x' }, b: null, c: { serial: '5', streamId: 7 } }) as never, save: () => {} }
    const harness = harnessOf({ recoveryStorage: storage })
    const { component } = withSetup(() => useRecovery())
    await harness.mount(component)
    await waitFor(() => harness.sockudo.client.connection.state === 'connected', 5000, 'connected')
    expect(harness.sockudo.client.getRecoveryPositions()).toEqual({})
    expect(() => createHarness({ protocolVersion: 2, recoveryStorage: 'sessionStorage' })).toThrowError(expect.objectContaining({ code: 'vue/unsupported' }))
  })
})

import { afterEach, describe, expect, it } from 'vitest'
import { defineComponent, h, toRaw } from 'vue'
import { usePresence, useSockudoPresenceStore } from '@sockudo/vue'
import { createPresenceHistoryProxy } from '@sockudo/vue/server'
import { createHarness, liveTarget, nodeFetch, uniqueName, waitFor, withSetup, type Harness } from '../vue/harness'
import { skipUnless } from '../support/real-server'

const open: Harness[] = []
afterEach(() => open.splice(0).forEach((h) => h.close()))

function member(id: string, info: Record<string, unknown>): { harness: Harness } {
  const harness = createHarness({ protocolVersion: 2, user: { id, info } })
  open.push(harness)
  return { harness }
}

describe('presence roster in the sockudo-presence store', () => {
  it('shows joins, updates and leaves of another client, one member at a time', async () => {
    const name = `presence-${uniqueName()}`
    const alice = member('alice', { name: 'Alice' })
    const bob = member('bob', { name: 'Bob' })
    const a = withSetup(() => usePresence<Record<string, unknown>>(name))
    await alice.harness.mount(a.component)
    const store = useSockudoPresenceStore(alice.harness.pinia)
    await waitFor(() => store.rosters[name]?.count === 1, 5000, 'alice subscribed')
    expect(store.rosters[name]!.me).toBe('alice')
    expect(a.result().me.value).toEqual({ id: 'alice', info: { name: 'Alice' } })
    const membersObject = toRaw(store.rosters[name]!.members)

    const b = withSetup(() => usePresence<Record<string, unknown>>(name))
    await bob.harness.mount(b.component)
    await waitFor(() => store.rosters[name]?.members.bob, 5000, 'bob joined')
    expect(store.rosters[name]!.count).toBe(2)
    expect(a.result().count.value).toBe(2)
    expect(a.result().members.value.bob).toEqual({ id: 'bob', info: { name: 'Bob' } })
    await waitFor(() => b.result().count.value === 2, 5000, 'bob sees alice')
    expect(b.result().me.value?.id).toBe('bob')
    // The join wrote one key into the same members object: no rebuild.
    expect(toRaw(store.rosters[name]!.members)).toBe(membersObject)

    expect(b.result().update({ name: 'Bob', status: 'busy' })).toBe(true)
    await waitFor(() => store.rosters[name]?.members.bob?.info, 5000)
    await waitFor(() => (store.rosters[name]!.members.bob!.info as { status?: string }).status === 'busy', 5000, 'bob updated')
    expect(toRaw(store.rosters[name]!.members)).toBe(membersObject)

    bob.harness.close()
    await waitFor(() => store.rosters[name]?.count === 1, 5000, 'bob left')
    expect(store.rosters[name]!.members.bob).toBeUndefined()
    expect(a.result().memberList.value.map((m) => m.id)).toEqual(['alice'])
    expect(toRaw(store.rosters[name]!.members)).toBe(membersObject)
  })

  it('emits sockudo:presence_update and member_updated for an inbound update, and usePresence shows the new info', async () => {
    const name = `presence-${uniqueName()}`
    const alice = member('alice', { name: 'Alice' })
    const bob = member('bob', { name: 'Bob' })
    const a = withSetup(() => usePresence<Record<string, unknown>>(name))
    const b = withSetup(() => usePresence<Record<string, unknown>>(name))
    await alice.harness.mount(a.component)
    await bob.harness.mount(b.component)
    await waitFor(() => a.result().count.value === 2 && b.result().count.value === 2, 5000, 'both joined')
    const client = alice.harness.sockudo.client
    const synthetic: [string, unknown][] = []
    client.channel(name)!.bind('sockudo:presence_update', (data) => void synthetic.push(['presence_update', data]))
    client.channel(name)!.bind('sockudo:member_updated', (data) => void synthetic.push(['member_updated', data]))
    const typed: unknown[] = []
    client.on('member_updated', ({ member }) => void typed.push(member))
    expect(b.result().update({ name: 'Bob', status: 'away' })).toBe(true)
    await waitFor(() => a.result().members.value.bob?.info.status === 'away', 5000, 'alice sees the new info')
    expect(a.result().memberList.value.find((m) => m.id === 'bob')?.info).toEqual({ name: 'Bob', status: 'away' })
    const bobInfo = { id: 'bob', info: { name: 'Bob', status: 'away' } }
    expect(synthetic).toEqual([['member_updated', bobInfo], ['presence_update', bobInfo]])
    expect(typed).toEqual([bobInfo])
    await waitFor(() => b.result().me.value?.info.status === 'away', 5000, 'bob sees his own update')
  })

  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty'])('keeps a member with user id %s as a normal key', async (id) => {
    const name = `presence-${uniqueName()}`
    const alice = member('alice', { name: 'Alice' })
    const odd = member(id, { name: 'Odd' })
    const a = withSetup(() => usePresence<Record<string, unknown>>(name))
    await alice.harness.mount(a.component)
    const store = useSockudoPresenceStore(alice.harness.pinia)
    await waitFor(() => store.rosters[name]?.count === 1, 5000, 'alice joined')
    expect(Object.keys(store.rosters[name]!.members)).toEqual(['alice'])
    const o = withSetup(() => usePresence<Record<string, unknown>>(name))
    await odd.harness.mount(o.component)
    await waitFor(() => a.result().count.value === 2, 5000, 'odd member joined')
    const members = store.rosters[name]!.members
    expect(Object.keys(members).sort()).toEqual([id, 'alice'].sort())
    // Read through toRaw: a Vue proxy answers `hasOwnProperty` with its own function.
    expect(Object.prototype.hasOwnProperty.call(toRaw(members), id)).toBe(true)
    expect(toRaw(members)[id]).toEqual({ id, info: { name: 'Odd' } })
    expect(a.result().memberList.value.map((m) => m.id).sort()).toEqual([id, 'alice'].sort())
    await waitFor(() => o.result().me.value?.id === id, 5000, 'odd member sees itself')
    expect(JSON.parse(JSON.stringify(toRaw(store.rosters)))[name].members[id]).toEqual({ id, info: { name: 'Odd' } })
    odd.harness.close()
    await waitFor(() => a.result().count.value === 1, 5000, 'odd member left')
    expect(Object.keys(store.rosters[name]!.members)).toEqual(['alice'])
  })

  it('reports a non-presence name in error without subscribing', async () => {
    const alice = member('alice', {})
    const a = withSetup(() => usePresence('public-room'))
    await alice.harness.mount(a.component)
    expect(a.result().error.value?.code).toBe('vue/not-presence-channel')
    expect(alice.harness.sockudo.client.allChannels()).toHaveLength(0)
  })

  it('renders the roster reactively in a component', async () => {
    const name = `presence-${uniqueName()}`
    const alice = member('alice', { name: 'Alice' })
    const Roster = defineComponent({
      setup() {
        const { memberList } = usePresence<{ name: string }>(name)
        return () => h('ul', memberList.value.map((m) => h('li', m.info.name)))
      },
    })
    const wrapper = await alice.harness.mount(Roster)
    await waitFor(() => wrapper.text() === 'Alice', 5000, 'rendered roster')
  })

  it('reads presence history and a snapshot through the app proxy', async (ctx) => {
    skipUnless(ctx, ['presenceHistory'])
    const t = liveTarget()
    const handler = createPresenceHistoryProxy({ appId: t.appId, key: t.key, secret: t.secret, host: t.host, port: t.port, fetch: nodeFetch, authorize: () => true })
    const presenceHistory = { endpoint: 'http://app.test/api/_sockudo/presence', fetch: ((i: RequestInfo | URL, init?: RequestInit) => handler(new Request(i, init))) as typeof fetch }
    const harness = createHarness({ user: { id: 'carol' }, presenceHistory })
    open.push(harness)
    const name = `presence-${uniqueName()}`
    const { component, result } = withSetup(() => usePresence(name))
    await harness.mount(component)
    await waitFor(() => result().count.value === 1, 5000, 'joined')
    let page = await result().history({ direction: 'oldest_first' })
    for (let i = 0; i < 50 && page.items.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 20))
      page = await result().history({ direction: 'oldest_first' })
    }
    expect(page.items[0]).toMatchObject({ event: 'member_added', userId: 'carol' })
    const snapshot = await result().snapshot()
    expect(snapshot.members.map((m) => m.userId)).toEqual(['carol'])
  })
})

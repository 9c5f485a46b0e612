import { describe, expectTypeOf, it } from 'vitest'
import type { ComputedRef } from 'vue'
import {
  useChannel,
  useChannelEvent,
  useEventLog,
  usePresence,
  useConnection,
  useUser,
  createSockudo,
  useSockudoChannelsStore,
  useSockudoPresenceStore,
  type ChannelEntry,
  type ChannelStatus,
  type ConnectionState,
  type ErrorInfo,
  type EventMetadata,
  type PresenceMemberEntry,
  type SockudoClient,
  type Sockudo,
  type UseChannelReturn,
} from '@sockudo/vue'

interface Order {
  id: string
  total: number
}
interface Chat {
  text: string
}

declare module '@sockudo/vue' {
  interface SockudoEvents {
    'order.updated': Order
    'client-typing': { user: string }
  }
}

describe('typed events through the SockudoEvents augmentation', () => {
  it('types useChannel().on handlers from the augmented map without casts', () => {
    const { on } = useChannel('orders')
    on('order.updated', (order, metadata) => {
      expectTypeOf(order).toEqualTypeOf<Order>()
      expectTypeOf(metadata).toEqualTypeOf<EventMetadata>()
    })
    on('not-in-the-map', (data) => expectTypeOf(data).toBeUnknown())
  })

  it('types useChannelEvent handlers from the augmented map', () => {
    useChannelEvent('orders', 'order.updated', (order) => expectTypeOf(order).toEqualTypeOf<Order>())
    useChannelEvent('orders', 'other', (data) => expectTypeOf(data).toBeUnknown())
  })

  it('types trigger payloads and rejects wrong ones', () => {
    const { trigger } = useChannel('private-room')
    trigger('client-typing', { user: 'ada' })
    // @ts-expect-error the map says client-typing carries { user: string }
    trigger('client-typing', { user: 1 })
  })

  it('types useEventLog entries', () => {
    const { events } = useEventLog('orders', 'order.updated', { max: 10 })
    expectTypeOf(events.value[0]!.data).toEqualTypeOf<Order>()
  })
})

describe('explicit generics', () => {
  it('uses an explicit event map for useChannel', () => {
    const chat = useChannel<{ 'chat.message': Chat }>('chat')
    chat.on('chat.message', (message) => expectTypeOf(message).toEqualTypeOf<Chat>())
    expectTypeOf(chat).toEqualTypeOf<UseChannelReturn<{ 'chat.message': Chat }>>()
  })

  it('uses an explicit payload type for useChannelEvent, useEventLog and on()', () => {
    useChannelEvent<Chat>('chat', 'chat.message', (message) => expectTypeOf(message).toEqualTypeOf<Chat>())
    expectTypeOf(useEventLog<Chat>('chat', 'chat.message').events.value[0]!.data).toEqualTypeOf<Chat>()
    useChannel('chat').on<Chat>('chat.message', (message) => expectTypeOf(message).toEqualTypeOf<Chat>())
  })

  it('types presence members with the info generic', () => {
    const presence = usePresence<{ name: string }>('presence-room')
    expectTypeOf(presence.me.value).toEqualTypeOf<PresenceMemberEntry<{ name: string }> | null>()
    expectTypeOf(presence.members.value['u1']).toEqualTypeOf<PresenceMemberEntry<{ name: string }> | undefined>()
    expectTypeOf(presence.count).toEqualTypeOf<ComputedRef<number>>()
    // @ts-expect-error info must match the generic
    presence.update({ name: 1 })
  })
})

describe('composable and store shapes', () => {
  it('returns plain, serializable state from useChannel and useConnection', () => {
    const channel = useChannel('orders')
    expectTypeOf(channel.status.value).toEqualTypeOf<ChannelStatus>()
    expectTypeOf(channel.error.value).toEqualTypeOf<ErrorInfo | null>()
    expectTypeOf(channel.subscriptionCount.value).toEqualTypeOf<number | null>()
    const connection = useConnection()
    expectTypeOf(connection.state.value).toEqualTypeOf<ConnectionState>()
    expectTypeOf(connection.connect).toEqualTypeOf<() => void>()
    expectTypeOf(useUser().watchlist.value).toEqualTypeOf<Readonly<Record<string, boolean>>>()
  })

  it('keeps store state free of client objects', () => {
    const store = useSockudoChannelsStore()
    expectTypeOf(store.channels).toEqualTypeOf<Record<string, ChannelEntry>>()
    expectTypeOf(useSockudoPresenceStore().rosters['presence-x']!.count).toEqualTypeOf<number>()
  })

  it('exposes the client on the createSockudo instance', () => {
    const sockudo = createSockudo({ key: 'app-key' })
    expectTypeOf(sockudo).toMatchTypeOf<Sockudo>()
    expectTypeOf(sockudo.client).toEqualTypeOf<SockudoClient>()
    expectTypeOf(sockudo.dispose).toEqualTypeOf<() => void>()
  })
})

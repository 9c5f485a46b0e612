import { describe, expectTypeOf, it } from 'vitest'
import { createApp } from 'vue'
import type { ComputedRef } from 'vue'
import {
  SockudoPlugin,
  createSockudo,
  useChannelHistory,
  useVersionedMessages,
  sockudoChannelsStore,
  sockudoConnectionStore,
  useConnection,
  usePush,
  useRecovery,
  useSockudoConnectionStore,
  useSockudoUserStore,
  useUser,
  type ChannelEntry,
  type PushPublishAccepted,
  type RecoveryPositionInfo,
  type ResumeResultInfo,
  type ConnectionState,
  type DeltaStats,
  type ErrorInfo,
  type MessageAck,
  type VersionedMessageState,
  type SockudoEvent,
  type SockudoPluginOptions,
  type UserStatus,
} from '@sockudo/vue'

describe('plugin options', () => {
  it('takes every client option plus the plugin settings', () => {
    createApp({}).use(SockudoPlugin, { key: 'k', wsHost: 'h', wsPort: 6001, forceTls: false, protocolVersion: 2, autoConnect: false, releaseDelay: 500 })
    expectTypeOf<SockudoPluginOptions['releaseDelay']>().toEqualTypeOf<number | undefined>()
    // @ts-expect-error the app key is required
    createSockudo({ wsHost: 'h' })
    // @ts-expect-error autoConnect is a boolean
    createSockudo({ key: 'k', autoConnect: 'yes' })
  })
})

describe('several clients', () => {
  it('names clients in the plugin and in every composable, with one store per client', () => {
    createApp({}).use(SockudoPlugin, { key: 'k', name: 'v2', protocolVersion: 2 })
    expectTypeOf(createSockudo({ key: 'k', name: 'v2' }).name).toEqualTypeOf<string>()
    // @ts-expect-error the name is a string
    createSockudo({ key: 'k', name: 2 })
    useConnection({ client: 'v2' })
    expectTypeOf(sockudoConnectionStore('v2')().state).toEqualTypeOf<ConnectionState>()
    expectTypeOf(sockudoChannelsStore('v2')().channels['c']).toEqualTypeOf<ChannelEntry | undefined>()
  })
})

describe('V2 options and composables', () => {
  it('takes deltaCompression as a boolean or an algorithm list', () => {
    createSockudo({ key: 'k', protocolVersion: 2, deltaCompression: true })
    createSockudo({ key: 'k', protocolVersion: 2, deltaCompression: { algorithms: ['fossil'], cache: { maxKeys: 10 } } })
    // @ts-expect-error unknown algorithm
    createSockudo({ key: 'k', deltaCompression: { algorithms: ['brotli'] } })
    createSockudo({ key: 'k', protocolVersion: 2, connectionRecovery: true, recoveryStorage: 'sessionStorage' })
    // @ts-expect-error only sessionStorage or a { load, save } pair
    createSockudo({ key: 'k', recoveryStorage: 'localStorage' })
  })

  it('types useRecovery, usePush and the history source', () => {
    const recovery = useRecovery('orders', { client: 'v2' })
    expectTypeOf(recovery.position.value).toEqualTypeOf<RecoveryPositionInfo | null>()
    expectTypeOf(recovery.result.value).toEqualTypeOf<ResumeResultInfo | null>()
    expectTypeOf(usePush().publish).returns.toEqualTypeOf<Promise<PushPublishAccepted>>()
    useChannelHistory('c', { source: 'proxy', max: 100 })
    // @ts-expect-error socket or proxy
    useChannelHistory('c', { source: 'rest' })
  })
})

describe('store and composable shapes', () => {
  it('exposes plain state on the connection and user stores', () => {
    const connection = useSockudoConnectionStore()
    expectTypeOf(connection.state).toEqualTypeOf<ConnectionState>()
    expectTypeOf(connection.error).toEqualTypeOf<ErrorInfo | null>()
    expectTypeOf(connection.deltaStats).toEqualTypeOf<DeltaStats | null>()
    expectTypeOf(useSockudoUserStore().status).toEqualTypeOf<UserStatus>()
  })

  it('types history items and versioned messages by payload', () => {
    const history = useChannelHistory<{ n: number }>('c')
    expectTypeOf(history.items.value[0]!).toEqualTypeOf<SockudoEvent<{ n: number }>>()
    const messages = useVersionedMessages<string>('c')
    expectTypeOf(messages.messages.value[0]!).toEqualTypeOf<VersionedMessageState<string>>()
    expectTypeOf(messages.create('text')).toEqualTypeOf<Promise<MessageAck>>()
    // @ts-expect-error the payload type is string
    void messages.create(1)
    expectTypeOf(messages.loadMore).toEqualTypeOf<() => Promise<void>>()
  })

  it('returns computed refs for store-backed state', () => {
    expectTypeOf(useSockudoConnectionStore().connect).toEqualTypeOf<() => void>()
    expectTypeOf(useUser().online).toEqualTypeOf<ComputedRef<string[]>>()
  })
})

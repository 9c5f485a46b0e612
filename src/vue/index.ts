/**
 * `@sockudo/vue/vue`: the Vue plugin and the composables that need only the client.
 * Store-backed composables (useConnection, useChannel, usePresence) are in `@sockudo/vue/pinia`.
 */
export { SockudoPlugin } from './plugin/plugin'
export { createSockudo } from './plugin/create-sockudo'
export type { Sockudo } from './plugin/create-sockudo'
export { SockudoKey, SockudoClientsKey, DEFAULT_CLIENT_NAME } from './plugin/context'
export type { SockudoContext, SockudoClients } from './plugin/context'
export { DEFAULT_RELEASE_DELAY } from './plugin/options'
export type { SockudoPluginOptions, SockudoPluginSettings } from './plugin/options'
export type { RecoveryStorage, RecoveryStorageOption } from './plugin/recovery-storage'
export type { ChannelHold, HoldSettings, RegistryEvents } from './plugin/registry'
export { SockudoVueError, ChannelOptionsConflictError } from './errors'
export type { SockudoVueErrorCode } from './errors'
export type { SockudoEvents, EventName, EventPayload, HandlerPayload, Unset } from './types/events'
export type { SockudoComposableOptions } from './util/inject-sockudo'
export type { ChannelHoldOptions } from './util/channel-hold'

export { useSockudo } from './composables/use-sockudo'
export type { UseSockudoOptions } from './composables/use-sockudo'
export { useChannelEvent } from './composables/use-channel-event'
export type { EventHandler, UseChannelEventOptions, UseChannelEventReturn } from './composables/use-channel-event'
export { useEventLog } from './composables/use-event-log'
export type { EventLogEntry, UseEventLogOptions, UseEventLogReturn } from './composables/use-event-log'
export { useChannelHistory } from './composables/use-channel-history'
export type { UseChannelHistoryOptions, UseChannelHistoryReturn } from './composables/use-channel-history'
export { useMutableMessages } from './composables/use-mutable-messages'
export type { UseMutableMessagesOptions, UseMutableMessagesReturn } from './composables/use-mutable-messages'

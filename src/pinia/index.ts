/**
 * `@sockudo/vue/pinia`: Pinia stores that mirror the client (ids `sockudo-*`) and the
 * composables that read them.
 */
export { useSockudoConnectionStore, sockudoConnectionStore, CONNECTION_STORE_ID } from './stores/connection'
export { useSockudoChannelsStore, sockudoChannelsStore, CHANNELS_STORE_ID } from './stores/channels'
export { useSockudoPresenceStore, sockudoPresenceStore, PRESENCE_STORE_ID } from './stores/presence'
export { useSockudoRecoveryStore, sockudoRecoveryStore, RECOVERY_STORE_ID } from './stores/recovery'
export { sockudoStoreId } from './stores/per-client'
export type {
  ChannelEntry,
  ChannelStatus,
  ErrorInfo,
  PresenceMemberEntry,
  PresenceRoster,
  RecoveryPositionInfo,
  ResumeResultInfo,
  ResumeSummary,
} from './stores/types'
export { toErrorInfo } from './bind/error-info'

export { useConnection } from './composables/use-connection'
export type { UseConnectionOptions, UseConnectionReturn } from './composables/use-connection'
export { useChannel } from './composables/use-channel'
export type { UseChannelOptions, UseChannelReturn } from './composables/use-channel'
export { useRecovery } from './composables/use-recovery'
export type { UseRecoveryOptions, UseRecoveryReturn } from './composables/use-recovery'
export { usePresence } from './composables/use-presence'
export type { UsePresenceOptions, UsePresenceReturn } from './composables/use-presence'
export { useSockudoUserStore, sockudoUserStore, USER_STORE_ID } from './stores/user'
export type { UserStatus } from './stores/types'
export { useUser } from './composables/use-user'
export type { UseUserOptions, UseUserReturn } from './composables/use-user'
export type { PresenceHistoryHelpers } from './composables/presence-history'

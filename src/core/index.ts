/**
 * `@sockudo/vue/core`: the framework-free Sockudo client. No Vue, Pinia or Nuxt imports;
 * platform features (WebSocket, fetch, timers, online/offline) come in through options.
 *
 * Every export is named here on purpose: what is not listed is internal and may change in any
 * release (tests reach it through `src/core/internal.ts`). The list is recorded in
 * `api/core.api.md` and checked by test/packaging/api-report.test.ts.
 */
export {
  SockudoError, ConfigError, ConnectionError, ProtocolError, CodecError, AuthError, ChannelError, CryptoError,
  DeltaError, FilterError, TokenError, ProxyError, MessageError, isSockudoError,
} from './errors'
export type { ErrorArea, ErrorCode, SockudoErrorOptions } from './errors'
export { TypedEmitter } from './events'
export type { Unsubscribe, EventMap, Listener, AnyListener } from './events'

export { SockudoClient } from './client'
export type { SockudoClientOptions, NetworkHints, DeltaCompressionOptions, ClientEvents, ChannelScoped, ResumeFailure, ClientStats } from './client'
export type { ProtocolVersion, MessageExtras, InboundFrame, OutboundFrame } from './protocol'
export type { Codec, WireFormat, CodecErrorCode } from './codecs'
export { jsonCodec } from './codecs'
export type { Clock, TimerHandle, BackoffOptions, OnlineEventTarget } from './util'
export { DEFAULT_BACKOFF, onlineOfflineHints } from './util'
export type { Transport, TransportFactory, TransportHandlers, WebSocketConstructor, WebSocketLike } from './transport'
export { Connection } from './connection'
export type { ConnectionState, ConnectionEvents, StateChange } from './connection'

export type {
  ChannelAuthorizationData, ChannelAuthorizationOptions, ChannelAuthorizationRequest, FetchLike,
  UserAuthenticationData, UserAuthenticationOptions, UserAuthenticationRequest, ValueOrGetter,
  ChannelAuthorizer, UserAuthenticator, TokenCallback, TokenReason,
} from './auth'
export { DEFAULT_AUTH_TIMEOUT } from './auth'
export type { Secretbox, OpenResult } from './crypto'

export { Channel, PrivateChannel, PresenceChannel, EncryptedChannel, Members } from './channels'
export type {
  SubscriptionState, SockudoEvent, EventMetadata, EventCallback, GlobalCallback, PresenceMember,
  SubscriptionStateChange, RewindResult, ChannelEvents, DeltaSubscribeOption, RewindOption, SubscribeOptions, ChannelFor,
} from './channels'
export { User, Watchlist } from './user'
export type { UserEvents, WatchlistEvents } from './user'

export { DeltaManager, applyFossilDelta, applyVcdiffDelta, defaultDeltaDecoders } from './delta'
export type {
  DeltaManagerOptions, DeltaResult, DeltaManagerEvents, DeltaStats, ChannelDeltaStats, DeltaSetting,
  DeltaAlgorithm, DeltaDecoder, DeltaDecoders, DecodeLimits, BaseCacheLimits,
} from './delta'
export type { DeltaStage } from './protocol'

export { Filter, FILTER_LIMITS, filterSubscribeData, validateFilterExpression, matchesFilter } from './filter'
export type {
  FilterComparison, ValueComparison, FilterValueLeaf, FilterSetLeaf, FilterPresenceLeaf, FilterLeaf, FilterGroup,
  FilterNot, FilterNode, FilterExpression, SubscriptionFilterOptions, FilterSubscribeFields, FilterValue,
} from './filter'

export { compareSerials, DEFAULT_DEDUP_CAPACITY } from './recovery'
export type { RecoveryPosition } from './recovery'
export type { HistoryParams, HistoryItem, HistoryPage } from './history'

export { VersionedMessageStore, getVersionedMessageInfo, isVersionedMessageEvent, reduceVersionedMessageEvent, reduceVersionedMessageEvents, createVersionedMessages } from './versioned'
export type {
  VersionedMessageAction, VersionedMessageEventLike, VersionedMessageInfo, VersionedMessageState, VersionedReduceOptions,
  VersionedMessageStoreEvents, VersionedMessage, MessageVersion, VersionedMessagesOptions, VersionedMessagesClient,
  CreateMessageRequest, MessageMutation, MessageAck, MessageVersionsParams, MessageVersionsPage,
} from './versioned'
/** Pre-rename names of the versioned-message exports, deprecated; removed in 0.2.0. */
export { MutableMessageStore, getMutableMessageInfo, isMutableMessageEvent, reduceMutableMessageEvent, reduceMutableMessageEvents } from './versioned'
export type { MutableMessageAction, MutableMessageEventLike, MutableMessageVersionInfo, MutableMessageState, MutableReduceOptions, MutableMessageStoreEvents } from './versioned'

export { fetchChannelHistory, fetchPresenceHistory, fetchPresenceSnapshot } from './proxy'
export type {
  ProxyHeaders, ProxyEndpointOptions, HistoryDirection, HistoryBounds, HistoryContinuity, HistoryStreamState, ProxyPage,
  SerialInput, ChannelHistoryOptions, PresenceHistoryParams, PresenceSnapshotParams, PresenceHistoryItem,
  PresenceHistoryPage, PresenceSnapshotMember, PresenceSnapshot, PresenceHistoryOptions,
} from './proxy'

export { SockudoPushRegistration } from './push'
export type {
  SockudoPushRegistrationOptions, PushRecipient, PushDevice, PushChannelSubscription, PushPublishTarget,
  PushPublishRequest, PushPublishAccepted, PushListPage, PushListParams,
} from './push'

/**
 * `@sockudo/vue`: the Vue plugin, composables and Pinia stores, plus every export of the
 * framework-free client (`@sockudo/vue/core`). Named, not `export *`: the list is recorded in
 * `api/index.api.md`, and test/packaging/api-report.test.ts checks that it is exactly
 * `@sockudo/vue/core` + `@sockudo/vue/vue` + `@sockudo/vue/pinia`.
 */
export {
  AuthError, Channel, ChannelError, CodecError, ConfigError, Connection, ConnectionError, CryptoError,
  DEFAULT_AUTH_TIMEOUT, DEFAULT_BACKOFF, DEFAULT_DEDUP_CAPACITY, DeltaError, DeltaManager, EncryptedChannel,
  FILTER_LIMITS, Filter, FilterError, Members, MessageError, VersionedMessageStore, PresenceChannel,
  PrivateChannel, ProtocolError, ProxyError, SockudoClient, SockudoError, SockudoPushRegistration, TokenError,
  TypedEmitter, User, Watchlist, applyFossilDelta, applyVcdiffDelta, compareSerials, createVersionedMessages,
  defaultDeltaDecoders, fetchChannelHistory, fetchPresenceHistory, fetchPresenceSnapshot, filterSubscribeData,
  getVersionedMessageInfo, isVersionedMessageEvent, isSockudoError, jsonCodec, matchesFilter, onlineOfflineHints,
  reduceVersionedMessageEvent, reduceVersionedMessageEvents, validateFilterExpression,
  // Deprecated pre-rename names, removed in 0.2.0.
  MutableMessageStore, getMutableMessageInfo, isMutableMessageEvent, reduceMutableMessageEvent, reduceMutableMessageEvents,
} from './core'
export type {
  AnyListener, BackoffOptions, BaseCacheLimits, ChannelAuthorizationData, ChannelAuthorizationOptions,
  ChannelAuthorizationRequest, ChannelAuthorizer, ChannelDeltaStats, ChannelEvents, ChannelFor,
  ChannelHistoryOptions, ChannelScoped, ClientEvents, ClientStats, Clock, Codec, CodecErrorCode,
  ConnectionEvents, ConnectionState, CreateMessageRequest, DecodeLimits, DeltaAlgorithm,
  DeltaCompressionOptions, DeltaDecoder, DeltaDecoders, DeltaManagerEvents, DeltaManagerOptions, DeltaResult,
  DeltaSetting, DeltaStage, DeltaStats, DeltaSubscribeOption, ErrorArea, ErrorCode, EventCallback, EventMap,
  EventMetadata, FetchLike, FilterComparison, FilterExpression, FilterGroup, FilterLeaf, FilterNode, FilterNot,
  FilterPresenceLeaf, FilterSetLeaf, FilterSubscribeFields, FilterValue, FilterValueLeaf, GlobalCallback,
  HistoryBounds, HistoryContinuity, HistoryDirection, HistoryItem, HistoryPage, HistoryParams,
  HistoryStreamState, InboundFrame, Listener, MessageAck, MessageExtras, MessageMutation, MessageVersion,
  MessageVersionsPage, MessageVersionsParams, VersionedMessageAction, VersionedMessageEventLike,
  VersionedMessageState, VersionedMessageStoreEvents, VersionedMessageInfo, VersionedReduceOptions,
  NetworkHints, OnlineEventTarget, OpenResult, OutboundFrame, PresenceHistoryItem, PresenceHistoryOptions,
  PresenceHistoryPage, PresenceHistoryParams, PresenceMember, PresenceSnapshot, PresenceSnapshotMember,
  PresenceSnapshotParams, ProtocolVersion, ProxyEndpointOptions, ProxyHeaders, ProxyPage,
  PushChannelSubscription, PushDevice, PushListPage, PushListParams, PushPublishAccepted, PushPublishRequest,
  PushPublishTarget, PushRecipient, RecoveryPosition, ResumeFailure, RewindOption, RewindResult, Secretbox,
  SerialInput, SockudoClientOptions, SockudoErrorOptions, SockudoEvent, SockudoPushRegistrationOptions,
  StateChange, SubscribeOptions, SubscriptionFilterOptions, SubscriptionState, SubscriptionStateChange,
  TimerHandle, TokenCallback, TokenReason, Transport, TransportFactory, TransportHandlers, Unsubscribe,
  UserAuthenticationData, UserAuthenticationOptions, UserAuthenticationRequest, UserAuthenticator, UserEvents,
  ValueComparison, ValueOrGetter, VersionedMessage, VersionedMessagesClient, VersionedMessagesOptions,
  WatchlistEvents, WebSocketConstructor, WebSocketLike, WireFormat,
  // Deprecated pre-rename names, removed in 0.2.0.
  MutableMessageAction, MutableMessageEventLike, MutableMessageVersionInfo, MutableMessageState, MutableReduceOptions, MutableMessageStoreEvents,
} from './core'
export {
  ChannelOptionsConflictError, DEFAULT_CLIENT_NAME, DEFAULT_RELEASE_DELAY, SockudoClientsKey, SockudoKey,
  SockudoPlugin, SockudoVueError, createSockudo, useChannelEvent, useChannelHistory, useEventLog,
  useVersionedMessages, usePush, useSockudo,
  // Deprecated pre-rename name, removed in 0.2.0.
  useMutableMessages,
} from './vue'
export type {
  ChannelGlobalListener, ChannelHoldOptions, ChannelListener, EventHandler, EventLogEntry, EventName,
  EventPayload, HandlerPayload, HoldSettings, RecoveryStorage, RecoveryStorageOption, Sockudo, SockudoClients,
  SockudoComposableOptions, SockudoContext, SockudoEvents, SockudoPluginOptions, SockudoPluginSettings,
  SockudoVueErrorCode, Unset, UseChannelEventOptions, UseChannelEventReturn, UseChannelHistoryOptions,
  UseChannelHistoryReturn, UseEventLogOptions, UseEventLogReturn, UseVersionedMessagesOptions,
  UseVersionedMessagesReturn, UsePushOptions, UsePushReturn, UseSockudoOptions,
  // Deprecated pre-rename names, removed in 0.2.0.
  UseMutableMessagesOptions, UseMutableMessagesReturn,
} from './vue'
export {
  CHANNELS_STORE_ID, CONNECTION_STORE_ID, PRESENCE_STORE_ID, RECOVERY_STORE_ID, USER_STORE_ID,
  sockudoChannelsStore, sockudoConnectionStore, sockudoPresenceStore, sockudoRecoveryStore, sockudoStoreId,
  sockudoUserStore, toErrorInfo, useChannel, useConnection, usePresence, useRecovery, useSockudoChannelsStore,
  useSockudoConnectionStore, useSockudoPresenceStore, useSockudoRecoveryStore, useSockudoUserStore, useUser,
} from './pinia'
export type {
  ChannelEntry, ChannelStatus, ErrorInfo, PresenceHistoryHelpers, PresenceMemberEntry, PresenceRoster,
  RecoveryPositionInfo, ResumeResultInfo, ResumeSummary, UseChannelOptions, UseChannelReturn,
  UseConnectionOptions, UseConnectionReturn, UsePresenceOptions, UsePresenceReturn, UseRecoveryOptions,
  UseRecoveryReturn, UseUserOptions, UseUserReturn, UserStatus,
} from './pinia'

/**
 * `@sockudo/vue/server`: framework-neutral server helpers. Request signing, a signed REST client,
 * channel/user auth signing and Web-standard (`Request` → `Response`) handlers for the auth and
 * proxy endpoints. Server-side only: it uses `node:crypto` and needs the app secret.
 */
export { md5Hex, hmacSha256Hex, safeEqual, signRequest } from './signing'
export type { QueryValue, SignRequestInput, SignedRequest } from './signing'
export { isValidSocketId, isValidChannelName, assertSocketId, assertChannelName, authChannelKind, MAX_CHANNEL_NAME_LENGTH } from './validation'
export type { AuthChannelKind } from './validation'
export { authorizeChannel, authenticateUser, channelSharedSecret, decodeMasterKey } from './auth'
export type { AuthorizeChannelInput, AuthenticateUserInput, ChannelAuthResponse, UserAuthResponse, PresenceChannelUser, SockudoUserData } from './auth'
export { createSockudoRest } from './rest/client'
export type { SockudoRest, TriggerParams, BatchEvent, HistoryQuery } from './rest/client'
export type { SockudoRestOptions, RestRequest, RestResponse } from './rest/request'
export type { SockudoRestPush, RestPushRequest, PushCapability } from './rest/push'
export { createChannelAuthHandler, createUserAuthHandler } from './handlers/channel-auth'
export type { ChannelAuthEvent, ChannelAuthDecision, ChannelAuthHandlerOptions, UserAuthEvent, UserAuthHandlerOptions, SockudoHandler } from './handlers/channel-auth'
export type { HandlerBaseOptions } from './handlers/http'
export type { RestConnection, ProxyHandlerBaseOptions } from './handlers/proxy-common'
export { createHistoryProxy } from './handlers/history-proxy'
export type { HistoryProxyEvent, HistoryProxyOptions } from './handlers/history-proxy'
export { createPresenceHistoryProxy } from './handlers/presence-history-proxy'
export type { PresenceHistoryProxyEvent, PresenceHistoryProxyOptions } from './handlers/presence-history-proxy'
export { createVersionedMessagesProxy } from './handlers/versioned-messages-proxy'
export type { VersionedMessagesAction, VersionedMessagesProxyEvent, VersionedMessagesDecision, VersionedMessagesProxyOptions } from './handlers/versioned-messages-proxy'
export { createPushProxy } from './handlers/push-proxy'
export type { PushProxyEvent, PushProxyDecision, PushProxyOptions } from './handlers/push-proxy'
export { toNodeHandler } from './node'
export type { NodeRequestListener } from './node'

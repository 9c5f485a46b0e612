export type {
  ChannelAuthorizationData, ChannelAuthorizationOptions, ChannelAuthorizationRequest, FetchLike,
  UserAuthenticationData, UserAuthenticationOptions, UserAuthenticationRequest, ValueOrGetter,
} from './types'
export type { ChannelAuthorizer, UserAuthenticator } from './authorizers'
export { createChannelAuthorizer, createUserAuthenticator, DEFAULT_AUTH_TIMEOUT } from './authorizers'
export type { TokenCallback, TokenReason } from './token'
export { decodeJwtTimes, refreshDelay } from './token'

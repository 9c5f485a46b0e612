import { AuthError, SockudoError } from '../errors'
import type { Clock } from '../util/clock'
import { isRecord } from '../util/json'
import { postAuthEndpoint } from './endpoint'
import type {
  ChannelAuthorizationData, ChannelAuthorizationOptions, ChannelAuthorizationRequest, FetchLike,
  UserAuthenticationData, UserAuthenticationOptions, UserAuthenticationRequest,
} from './types'

/** Authorizes one channel subscription. */
export type ChannelAuthorizer = (request: ChannelAuthorizationRequest) => Promise<ChannelAuthorizationData>
/** Authenticates the user for signin. */
export type UserAuthenticator = (request: UserAuthenticationRequest) => Promise<UserAuthenticationData>

/** Default auth timeout (ms). */
export const DEFAULT_AUTH_TIMEOUT = 10_000

/** Builds the channel authorizer from options (endpoint or custom handler). */
export function createChannelAuthorizer(options: ChannelAuthorizationOptions = {}, fetch: FetchLike | undefined, clock: Clock): ChannelAuthorizer {
  return async (request) => {
    const channel = request.channelName
    const raw = options.customHandler
      ? await callHandler(() => options.customHandler!(request), channel)
      : await postAuthEndpoint({
          endpoint: options.endpoint ?? '/sockudo/auth',
          form: { socket_id: request.socketId, channel_name: channel },
          headers: options.headers,
          params: options.params,
          timeout: options.timeout ?? DEFAULT_AUTH_TIMEOUT,
          fetch,
          clock,
          channel,
        })
    return normaliseChannelAuth(raw, channel)
  }
}

/** Builds the user authenticator from options (endpoint or custom handler). */
export function createUserAuthenticator(options: UserAuthenticationOptions = {}, fetch: FetchLike | undefined, clock: Clock): UserAuthenticator {
  return async (request) => {
    const raw = options.customHandler
      ? await callHandler(() => options.customHandler!(request))
      : await postAuthEndpoint({
          endpoint: options.endpoint ?? '/sockudo/user-auth',
          form: { socket_id: request.socketId },
          headers: options.headers,
          params: options.params,
          timeout: options.timeout ?? DEFAULT_AUTH_TIMEOUT,
          fetch,
          clock,
        })
    const auth = pick(raw, 'auth')
    const userData = pick(raw, 'userData', 'user_data')
    if (auth === undefined) throw missing('auth')
    if (userData === undefined) throw missing('user_data')
    return { auth, userData }
  }
}

/** Accepts camelCase or snake_case fields; requires a string `auth`. */
export function normaliseChannelAuth(raw: unknown, channel: string): ChannelAuthorizationData {
  const auth = pick(raw, 'auth')
  if (auth === undefined) throw missing('auth', channel)
  const out: ChannelAuthorizationData = { auth }
  const channelData = pickData(raw)
  if (channelData !== undefined) out.channelData = channelData
  const sharedSecret = pick(raw, 'sharedSecret', 'shared_secret')
  if (sharedSecret !== undefined) out.sharedSecret = sharedSecret
  return out
}

function pickData(raw: unknown): string | undefined {
  if (!isRecord(raw)) return undefined
  const value = raw.channelData ?? raw.channel_data
  if (value === undefined || value === null) return undefined
  // The signature covers the exact text; re-serialising an object is only a fallback for handlers that return one.
  return typeof value === 'string' ? value : JSON.stringify(value)
}

function pick(raw: unknown, ...keys: string[]): string | undefined {
  if (!isRecord(raw)) return undefined
  for (const key of keys) if (typeof raw[key] === 'string') return raw[key] as string
  return undefined
}

function missing(field: string, channel?: string): AuthError {
  return new AuthError('auth/missing-field', `Auth response has no string \`${field}\``, channel === undefined ? {} : { channel })
}

async function callHandler<T>(fn: () => Promise<T>, channel?: string): Promise<T> {
  try {
    return await fn()
  } catch (cause) {
    if (cause instanceof SockudoError) throw cause
    throw new AuthError('auth/handler-failed', cause instanceof Error ? cause.message : 'Custom auth handler failed', { cause, ...(channel ? { channel } : {}) })
  }
}

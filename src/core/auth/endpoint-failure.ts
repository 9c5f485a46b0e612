import { AuthError } from '../errors'
import { isRecord } from '../util/json'

/** What an auth request was for: the URL tried and, for channel auth, the channel. */
export interface EndpointTarget {
  /** The endpoint URL as configured (relative URLs resolve against the page). */
  endpoint: string
  /** Channel being authorized; absent for user authentication (sign-in). */
  channel?: string
}

/** The reason an endpoint gave for refusing, read from its error body. */
export interface ServerReason {
  /** The server's message, e.g. `Origin https://a.example is not allowed.` */
  message?: string
  /** The server's code, e.g. `forbidden_origin`. */
  code?: string
}

const MAX_TEXT_REASON = 200

/**
 * Reads `{ error: "msg", code }` (Sockudo's handlers), `{ error: { code, message } }`,
 * `{ message, code }` or a short plain-text body. HTML pages (framework 404s) give no reason.
 */
export function readServerReason(text: string): ServerReason {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    const line = text.trim().split('\n')[0]?.trim() ?? ''
    return line === '' || line.startsWith('<') ? {} : { message: line.slice(0, MAX_TEXT_REASON) }
  }
  if (!isRecord(value)) return {}
  const nested = isRecord(value.error) ? value.error : undefined
  const message = stringOf(nested?.message) ?? stringOf(value.error) ?? stringOf(value.message)
  const code = stringOf(nested?.code) ?? stringOf(value.code)
  return { ...(message === undefined ? {} : { message }), ...(code === undefined ? {} : { code }) }
}

function stringOf(value: unknown): string | undefined {
  if (typeof value === 'number') return String(value)
  return typeof value === 'string' && value !== '' ? value : undefined
}

/** The option that sets the endpoint for this kind of request. */
export function endpointOption(target: EndpointTarget): string {
  return target.channel === undefined ? 'userAuthentication.endpoint' : 'channelAuthorization.endpoint'
}

function subject(target: EndpointTarget): string {
  return target.channel === undefined ? 'sign-in' : `channel ${target.channel}`
}

/**
 * The error for a non-2xx answer: the server's message first (it says what is wrong), then
 * which URL answered what. A 404/405 also says how to point the client at the right URL.
 */
export function httpFailure(target: EndpointTarget, status: number, text: string): AuthError {
  const reason = readServerReason(text)
  const code = status === 401 || status === 403 ? 'auth/forbidden' : 'auth/http-error'
  const answered = `Auth endpoint ${target.endpoint} answered HTTP ${status}${reason.code ? ` ${reason.code}` : ''} for ${subject(target)}`
  let message: string
  if (status === 404 || status === 405) {
    const handler = target.channel === undefined ? 'createUserAuthHandler' : 'createChannelAuthHandler'
    message = `${answered}${reason.message ? ` (${reason.message})` : ''}: nothing handles POST there. ` + (__DEV__
      ? `Serve the auth handler at that URL (${handler} from @sockudo/vue/server), or set ${endpointOption(target)} to the URL that does.`
      : `Check ${endpointOption(target)}.`)
  } else {
    message = reason.message ? `${reason.message} (${answered})` : `${answered}, without a reason in the body.`
  }
  return new AuthError(code, message, {
    ...(target.channel === undefined ? {} : { channel: target.channel }),
    status, body: text, retryable: status >= 500,
    ...(reason.code === undefined ? {} : { serverErrorCode: reason.code }),
  })
}

/** The error when the endpoint could not be reached (network error, CORS, bad URL). */
export function networkFailure(target: EndpointTarget, cause: unknown): AuthError {
  const detail = cause instanceof Error && cause.message ? `: ${cause.message}` : ''
  return new AuthError('auth/network', `Auth endpoint ${target.endpoint} could not be reached for ${subject(target)}${detail}. ` +
    `Check ${endpointOption(target)}${__DEV__ ? ' and that the server behind it is up' : ''}.`, { ...channelOf(target), retryable: true, cause })
}

/** The error when the endpoint did not answer within `timeout` ms. */
export function timeoutFailure(target: EndpointTarget, timeout: number, cause?: unknown): AuthError {
  return new AuthError('auth/timeout', `Auth endpoint ${target.endpoint} did not answer within ${timeout} ms for ${subject(target)}`, {
    ...channelOf(target), retryable: true, ...(cause === undefined ? {} : { cause }),
  })
}

/** `{ channel }` when the request was for a channel. */
export function channelOf(target: EndpointTarget): { channel?: string } {
  return target.channel === undefined ? {} : { channel: target.channel }
}

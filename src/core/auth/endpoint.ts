import { AuthError, SockudoError } from '../errors'
import type { Clock } from '../util/clock'
import { isRecord } from '../util/json'
import type { EndpointTarget } from './endpoint-failure'
import type { FetchLike, ValueOrGetter } from './types'

/** One form POST to an auth endpoint. */
export interface EndpointRequest {
  endpoint: string
  form: Record<string, string>
  headers?: ValueOrGetter<Record<string, string>>
  params?: ValueOrGetter<Record<string, string>>
  timeout: number
  fetch: FetchLike | undefined
  clock: Clock
  channel?: string
}

/**
 * POSTs `form` + `params` (form-encoded) and returns the parsed JSON object.
 * Rejects with an {@link AuthError}: `auth/forbidden` (401/403), `auth/http-error` (other
 * non-2xx, with `status`), `auth/invalid-response` (not a JSON object), `auth/timeout`,
 * `auth/network`. Every message names the URL tried; for a non-2xx answer it starts with the
 * server's own message and `serverErrorCode` holds the server's code.
 */
export async function postAuthEndpoint(req: EndpointRequest): Promise<Record<string, unknown>> {
  const doFetch = req.fetch ?? (globalThis.fetch as unknown as FetchLike | undefined)
  if (!doFetch) throw new AuthError('auth/no-fetch', __DEV__ ? '[sockudo] No fetch available for the auth endpoint; pass the `fetch` option or a customHandler.' : 'auth/no-fetch')
  const [headers, params] = await Promise.all([resolve(req.headers), resolve(req.params)])
  const body = new URLSearchParams({ ...params, ...req.form }).toString()
  const controller = typeof AbortController === 'function' ? new AbortController() : undefined
  const target: EndpointTarget = req.channel === undefined ? { endpoint: req.endpoint } : { endpoint: req.endpoint, channel: req.channel }
  let timedOut = false
  let rejectTimeout: (error: unknown) => void = () => undefined
  const timeout = new Promise<never>((_, reject) => (rejectTimeout = reject))
  const timer = req.clock.setTimeout(() => {
    timedOut = true
    controller?.abort()
    rejectTimeout(TIMED_OUT)
  }, req.timeout)
  try {
    const response = await Promise.race([
      doFetch(req.endpoint, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
        body,
        credentials: 'same-origin',
        ...(controller ? { signal: controller.signal } : {}),
      }),
      timeout,
    ])
    const text = await response.text()
    if (!response.ok) throw (await failures()).httpFailure(target, response.status, text)
    return parseBody(text, response.status, target)
  } catch (cause) {
    if (cause instanceof SockudoError) throw cause
    const { timeoutFailure, networkFailure } = await failures()
    throw timedOut ? timeoutFailure(target, req.timeout, cause === TIMED_OUT ? undefined : cause) : networkFailure(target, cause)
  } finally {
    req.clock.clearTimeout(timer)
  }
}

/** Rejection value of the timeout race (the error itself is built by the lazily loaded failures). */
const TIMED_OUT = Symbol('timed out')

/** Failures explain themselves at length (server reason, URL, the option to change): loaded only on a failure. */
const failures = () => import('./endpoint-failure')

function parseBody(text: string, status: number, target: EndpointTarget): Record<string, unknown> {
  const base = target.channel === undefined ? {} : { channel: target.channel }
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (cause) {
    throw new AuthError('auth/invalid-response', `Auth endpoint ${target.endpoint} did not return JSON (HTTP ${status})`, { ...base, status, body: text, cause })
  }
  if (!isRecord(value)) throw new AuthError('auth/invalid-response', `Auth endpoint ${target.endpoint} did not return a JSON object`, { ...base, status, body: text })
  return value
}

async function resolve(value: ValueOrGetter<Record<string, string>> | undefined): Promise<Record<string, string>> {
  if (value === undefined) return {}
  return typeof value === 'function' ? await value() : value
}

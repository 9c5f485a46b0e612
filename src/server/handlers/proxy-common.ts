import { ProxyError } from '../../core/errors'
import { createSockudoRest } from '../rest/client'
import type { SockudoRest } from '../rest/client'
import type { RestResponse, SockudoRestOptions } from '../rest/request'
import type { QueryValue } from '../signing'
import { isValidChannelName } from '../validation'
import type { SockudoHandler } from './channel-auth'
import type { HandlerBaseOptions } from './http'
import { HttpError, errorResponse, failureResponse, isRecord, parseJsonObject, readBodyText, textResponse } from './http'
import { checkPostRequest } from './origin'

/** How a proxy reaches Sockudo: an existing REST client, or the credentials to create one. */
export type RestConnection = { rest: SockudoRest } | SockudoRestOptions

/** Options every proxy handler shares. */
export type ProxyHandlerBaseOptions = HandlerBaseOptions & RestConnection

/** The REST client of a proxy's options. */
export function resolveRest(options: RestConnection): SockudoRest {
  return 'rest' in options ? options.rest : createSockudoRest(options)
}

/**
 * A proxy route: POST with a JSON object body (method, origin and size checked first), handled
 * by `handle` with the REST client; thrown failures become proxy responses (504/502/4xx).
 */
export function jsonProxyHandler(
  options: ProxyHandlerBaseOptions,
  handle: (body: Record<string, unknown>, rest: SockudoRest, request: Request) => Promise<Response>,
): SockudoHandler {
  const rest = resolveRest(options)
  return async (request) => {
    try {
      const rejected = checkPostRequest(request, options)
      if (rejected) return rejected
      return await handle(parseJsonObject(request, await readBodyText(request, options)), rest, request)
    } catch (error) {
      return proxyFailure(error)
    }
  }
}

/**
 * Returns Sockudo's status and JSON body unchanged (serials stay exact: the text is not
 * re-encoded), always as `application/json` with `nosniff`. A body that is not JSON (an HTML
 * error page of a proxy in front of Sockudo, say) is never served from the app's origin: 502.
 */
export function relay(response: RestResponse): Response {
  if (response.text !== '' && !isJsonText(response.text)) {
    return errorResponse(502, 'upstream_invalid_response', `Sockudo answered ${response.status} with a body that is not JSON.`)
  }
  return textResponse(response.status, response.text)
}

function isJsonText(text: string): boolean {
  try {
    JSON.parse(text)
    return true
  } catch {
    return false
  }
}

/** Maps a failure to a response: upstream timeouts → 504, unreachable upstream → 502. */
export function proxyFailure(error: unknown): Response {
  if (error instanceof ProxyError && error.code === 'proxy/timeout') {
    return errorResponse(504, 'upstream_timeout', 'Sockudo did not answer in time.')
  }
  if (error instanceof ProxyError && error.code === 'proxy/network') {
    return errorResponse(502, 'upstream_unavailable', 'Sockudo is unreachable.')
  }
  return failureResponse(error)
}

/** A valid channel name from the body, else 400. */
export function requireChannel(body: Record<string, unknown>): string {
  const channel = body.channel
  if (!isValidChannelName(channel)) {
    throw new HttpError('proxy/invalid-channel', `Invalid channel name: ${JSON.stringify(channel)}`, { status: 400 })
  }
  return channel
}

/** The body's `params` object (`{}` when absent), else 400. */
export function paramsOf(body: Record<string, unknown>): Record<string, unknown> {
  const params = body.params ?? {}
  if (!isRecord(params)) throw new HttpError('proxy/invalid-params', '"params" must be an object.', { status: 400 })
  return params
}

/**
 * Copies the allowed query parameters; `rename` maps a client name to the wire name. Values
 * must be strings, finite numbers or booleans (400 otherwise); null/undefined are dropped.
 */
export function pickQuery(params: Record<string, unknown>, allowed: readonly string[], rename: Record<string, string> = {}): Record<string, QueryValue> {
  const query: Record<string, QueryValue> = {}
  for (const name of allowed) {
    const value = params[name]
    if (value === undefined || value === null) continue
    if (typeof value !== 'string' && typeof value !== 'boolean' && !(typeof value === 'number' && Number.isFinite(value))) {
      throw new HttpError('proxy/invalid-params', `Parameter "${name}" must be a string, number or boolean.`, { status: 400 })
    }
    query[rename[name] ?? name] = value
  }
  return query
}

/** Channel-history query parameters the REST endpoint understands (`until_attach` is dropped). */
export const CHANNEL_HISTORY_PARAMS = ['direction', 'limit', 'cursor', 'start_serial', 'end_serial', 'start_time_ms', 'end_time_ms', 'start', 'end'] as const

import { ProxyError } from '../../core/errors'
import { parseJsonLossless } from '../../core/codecs/json'
import { signRequest } from '../signing'
import type { QueryValue } from '../signing'

/** Where and how to reach the Sockudo HTTP API. */
export interface SockudoRestOptions {
  /** App id (path segment of every API route). */
  appId: string
  /** App key. */
  key: string
  /** App secret (server-side only). */
  secret: string
  /** API host name. @default '127.0.0.1' */
  host?: string
  /** API port. @default 443 with TLS, else 6001 */
  port?: number
  /** Use `https`. @default false */
  useTLS?: boolean
  /** Fetch implementation. @default globalThis.fetch */
  fetch?: typeof fetch
  /** Per-request timeout, in ms. @default 10000 */
  timeout?: number
}

/** One signed API call. */
export interface RestRequest {
  /** HTTP method. */
  method: 'GET' | 'POST' | 'DELETE'
  /** Path below `/apps/{appId}`, already percent-encoded (e.g. `/channels/my%23ch`). */
  path: string
  /** Query parameters (signed). */
  params?: Record<string, QueryValue>
  /** Raw body text (sent byte for byte; its MD5 is signed). */
  body?: string
  /** Extra request headers. */
  headers?: Record<string, string>
}

/** A raw API response: status and body text, untouched. */
export interface RestResponse {
  /** HTTP status. */
  status: number
  /** Response headers. */
  headers: Headers
  /** Body text exactly as received. */
  text: string
}

/** Sends signed requests; network failures and timeouts reject with a {@link ProxyError}. */
export type RestSender = (request: RestRequest) => Promise<RestResponse>

/** Builds the signed sender of a REST client. */
export function createRestSender(options: SockudoRestOptions): RestSender {
  const useTLS = options.useTLS ?? false
  const base = `${useTLS ? 'https' : 'http'}://${options.host ?? '127.0.0.1'}:${options.port ?? (useTLS ? 443 : 6001)}`
  const timeout = options.timeout ?? 10_000
  return async (request) => {
    const fetchImpl = options.fetch ?? globalThis.fetch
    const path = `/apps/${encodeURIComponent(options.appId)}${request.path}`
    const signed = signRequest({ method: request.method, path, params: request.params ?? {}, key: options.key, secret: options.secret, ...(request.body === undefined ? {} : { body: request.body }) })
    const headers: Record<string, string> = { ...request.headers }
    if (request.body !== undefined) headers['content-type'] ??= 'application/json'
    const controller = new AbortController()
    const timer = setTimeout(() => controller.abort(), timeout)
    try {
      const response = await fetchImpl(`${base}${path}?${signed.query}`, { method: request.method, headers, body: request.body ?? null, signal: controller.signal })
      return { status: response.status, headers: response.headers, text: await response.text() }
    } catch (cause) {
      if (controller.signal.aborted) {
        throw new ProxyError('proxy/timeout', `Sockudo ${request.method} ${path} timed out after ${timeout} ms.`, { cause, retryable: true })
      }
      throw new ProxyError('proxy/network', `Sockudo ${request.method} ${path} failed: ${String(cause)}`, { cause, retryable: true })
    } finally {
      clearTimeout(timer)
    }
  }
}

/** Parses a 2xx JSON body losslessly; non-2xx or bad JSON reject with a {@link ProxyError}. */
export function decodeJsonResponse(response: RestResponse, what: string): unknown {
  const body = parseOrText(response.text)
  if (response.status < 200 || response.status >= 300) {
    const message = typeof body === 'object' && body !== null && 'error' in body ? String(body.error) : response.text.slice(0, 200)
    throw new ProxyError('proxy/http-error', `${what} failed (${response.status}): ${message}`, { status: response.status, body, retryable: response.status >= 500 || response.status === 429 })
  }
  if (response.text === '') return undefined
  if (typeof body === 'string') {
    throw new ProxyError('proxy/invalid-json', `${what} answered with a body that is not JSON.`, { status: response.status, body })
  }
  return body
}

function parseOrText(text: string): unknown {
  try {
    return parseJsonLossless(text)
  } catch {
    return text
  }
}

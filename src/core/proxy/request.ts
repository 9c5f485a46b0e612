import { parseJsonLossless } from '../codecs/json'
import { ConfigError, ProxyError } from '../errors'

/** Static headers, or a function evaluated before every request (e.g. to read a fresh CSRF token). */
export type ProxyHeaders = Record<string, string> | (() => Record<string, string> | Promise<Record<string, string>>)

/** Where an app-owned proxy endpoint lives and how to call it. */
export interface ProxyEndpointOptions {
  /** URL of the app's proxy route (e.g. `/api/_sockudo/versioned-messages`). */
  endpoint: string
  /** Extra request headers (auth, CSRF). @default {} */
  headers?: ProxyHeaders
  /** Fetch implementation. @default globalThis.fetch */
  fetch?: typeof fetch
  /** Request timeout, in ms; `0` disables it. @default 10000 */
  timeout?: number
  /** Fetch credentials mode. @default 'same-origin' */
  credentials?: RequestCredentials
}

/** One HTTP call to a proxy endpoint. */
export interface ProxyCall {
  /** HTTP method. @default 'POST' */
  method?: 'GET' | 'POST' | 'DELETE'
  /** Full URL. @default options.endpoint */
  url?: string
  /** JSON body (serialised with `JSON.stringify`). */
  body?: unknown
  /** Per-call headers, applied after the configured ones. */
  headers?: Record<string, string>
  /** Name of the operation, used in error messages. */
  what: string
}

/** A successful proxy answer: status and losslessly parsed JSON (`undefined` for 204/empty). */
export interface ProxyResult {
  /** HTTP status (2xx). */
  status: number
  /** Parsed body; unsafe integers are exact decimal strings. */
  body: unknown
}

/**
 * Sends one request to an app proxy. Non-2xx answers reject with a `proxy/http-error`
 * {@link ProxyError} carrying the status and the (parsed) error body; timeouts, network failures
 * and non-JSON bodies reject with `proxy/timeout`, `proxy/network` and `proxy/invalid-json`.
 */
export async function callProxy(options: ProxyEndpointOptions, call: ProxyCall): Promise<ProxyResult> {
  if (!options.endpoint) {
    throw new ConfigError('config/proxy-endpoint-missing', `[sockudo] An endpoint must be configured to use ${call.what}(). It should proxy requests to the Sockudo server REST API.`)
  }
  const fetchImpl = options.fetch ?? globalThis.fetch
  const userHeaders = typeof options.headers === 'function' ? await options.headers() : (options.headers ?? {})
  const headers: Record<string, string> = { ...userHeaders, ...call.headers }
  if (call.body !== undefined) headers['Content-Type'] = 'application/json'
  const timeout = options.timeout ?? 10_000
  const controller = new AbortController()
  const timer = timeout > 0 ? setTimeout(() => controller.abort(), timeout) : undefined
  try {
    const response = await fetchImpl(call.url ?? options.endpoint, {
      method: call.method ?? 'POST',
      headers,
      credentials: options.credentials ?? 'same-origin',
      signal: controller.signal,
      ...(call.body === undefined ? {} : { body: JSON.stringify(call.body) }),
    })
    const text = await response.text()
    return { status: response.status, body: decode(response.status, text, call.what) }
  } catch (cause) {
    if (cause instanceof ProxyError) throw cause
    if (controller.signal.aborted) {
      throw new ProxyError('proxy/timeout', `${call.what} timed out after ${timeout} ms.`, { cause, retryable: true })
    }
    throw new ProxyError('proxy/network', `${call.what} request failed: ${String(cause)}`, { cause, retryable: true })
  } finally {
    if (timer !== undefined) clearTimeout(timer)
  }
}

function decode(status: number, text: string, what: string): unknown {
  let body: unknown = text
  try {
    body = text === '' ? undefined : parseJsonLossless(text)
  } catch {
    if (status >= 200 && status < 300) {
      throw new ProxyError('proxy/invalid-json', `${what} answered with a body that is not JSON.`, { status, body: text })
    }
  }
  if (status < 200 || status >= 300) {
    throw new ProxyError('proxy/http-error', `${what} failed (${status}): ${errorText(body)}`, { status, body, retryable: status >= 500 || status === 429 })
  }
  return body
}

function errorText(body: unknown): string {
  if (typeof body === 'object' && body !== null && 'error' in body) return String(body.error)
  return typeof body === 'string' ? body.slice(0, 200) : JSON.stringify(body ?? null)
}

import { SockudoError } from '../../core/errors'
import { isRecord } from '../../core/util/json'

/** Options every handler shares. */
export interface HandlerBaseOptions {
  /**
   * Origins allowed besides the request's own. A browser `Origin` header whose scheme, host or
   * port differs from the request's is rejected with 403 unless listed here (exact
   * `scheme://host[:port]`) or accepted by the function. Requests without an `Origin` header
   * (server-to-server) are allowed. Behind a dev proxy that rewrites `Host` (Vite's
   * `server.proxy` with `changeOrigin`), list the page's origin, e.g. `http://localhost:5173`.
   * @default [] (same origin only)
   */
  allowedOrigins?: readonly string[] | ((origin: string, request: Request) => boolean)
  /**
   * Also take the request's own origin from `X-Forwarded-Host` and `X-Forwarded-Proto` (set it
   * only behind a reverse proxy that overwrites both headers). @default false
   */
  trustForwardedHost?: boolean
  /** Largest accepted request body, in bytes; larger bodies get 413. @default 65536 */
  maxBodyBytes?: number
}

/** A failure that maps to an HTTP error response. */
export class HttpError extends SockudoError {
  override name = 'HttpError'
}

/** JSON response with `Cache-Control: no-store` and `X-Content-Type-Options: nosniff`. */
export function jsonResponse(status: number, body: unknown): Response {
  return textResponse(status, JSON.stringify(body))
}

/** Response whose body is already JSON text (passed through unchanged); always `application/json`. */
export function textResponse(status: number, text: string): Response {
  const noBody = status === 204 || status === 205 || status === 304
  const headers: Record<string, string> = { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' }
  if (!noBody) headers['content-type'] = 'application/json'
  return new Response(noBody ? null : text, { status, headers })
}

/** Error body in Sockudo's envelope shape: `{ error, code, status }`. */
export function errorResponse(status: number, code: string, message: string, headers?: Record<string, string>): Response {
  const response = jsonResponse(status, { error: message, code, status })
  for (const [name, value] of Object.entries(headers ?? {})) response.headers.set(name, value)
  return response
}

/** Turns anything thrown inside a handler into a response (SockudoError status, else 500). */
export function failureResponse(error: unknown): Response {
  // Details of server-side failures (5xx) stay on the server; client errors explain themselves.
  if (error instanceof SockudoError && error.status !== undefined && error.status < 500) {
    return errorResponse(error.status, error.code, error.message)
  }
  const status = error instanceof SockudoError && error.status !== undefined ? error.status : 500
  return errorResponse(status, error instanceof SockudoError ? error.code : 'internal_error', 'Internal server error')
}

/**
 * Reads the body as text, stopping at the byte limit (413): the stream is read chunk by chunk
 * and cancelled as soon as the limit is passed, so a chunked body without `Content-Length` is
 * never buffered whole. A declared length above the limit is refused before reading anything.
 */
export async function readBodyText(request: Request, options: HandlerBaseOptions): Promise<string> {
  const limit = options.maxBodyBytes ?? 65_536
  const declared = Number(request.headers.get('content-length') ?? '0')
  if (declared > limit) throw tooLarge(limit)
  if (request.body === null) return ''
  const reader = request.body.getReader()
  const chunks: Uint8Array[] = []
  let total = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    total += value.byteLength
    if (total > limit) {
      await reader.cancel().catch(() => undefined)
      throw tooLarge(limit)
    }
    chunks.push(value)
  }
  return new TextDecoder().decode(Buffer.concat(chunks, total))
}

function tooLarge(limit: number): HttpError {
  return new HttpError('proxy/payload-too-large', `Request body exceeds ${limit} bytes (maxBodyBytes).`, { status: 413 })
}

/** 415 unless the request says `application/json` (or `+json`); `allowMissing` accepts no `Content-Type`. */
export function requireJsonType(request: Request, allowMissing = false): void {
  const type = mediaType(request)
  if ((type === '' && allowMissing) || type === 'application/json' || type.endsWith('+json')) return
  throw new HttpError('proxy/unsupported-media-type', `Expected Content-Type application/json, got ${type === '' ? 'none' : type}.`, { status: 415 })
}

/** Parses a JSON object body; 400 for bad JSON or a non-object, 415 for other content types. */
export function parseJsonObject(request: Request, text: string): Record<string, unknown> {
  requireJsonType(request, true)
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (cause) {
    throw new HttpError('proxy/invalid-json', 'Request body is not valid JSON.', { status: 400, cause })
  }
  if (!isRecord(value)) throw new HttpError('proxy/invalid-body', 'Request body must be a JSON object.', { status: 400 })
  return value
}

/** Parses a form (`application/x-www-form-urlencoded`) or JSON object body. */
export function parseFormOrJson(request: Request, text: string): Record<string, unknown> {
  const type = mediaType(request)
  if (type === 'application/x-www-form-urlencoded' || (type === '' && !text.trimStart().startsWith('{'))) {
    return Object.fromEntries(new URLSearchParams(text))
  }
  return parseJsonObject(request, text)
}

function mediaType(request: Request): string {
  return (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase()
}

/** The client's one narrowing helper: true for a plain (non-null, non-array, non-bytes) object. */
export { isRecord }

/** A required non-empty string field, else 400. */
export function requireString(body: Record<string, unknown>, field: string): string {
  const value = body[field]
  if (typeof value !== 'string' || value === '') {
    throw new HttpError('proxy/invalid-body', `"${field}" must be a non-empty string.`, { status: 400 })
  }
  return value
}

import { SockudoError } from '../../core/errors'

/** Options every handler shares. */
export interface HandlerBaseOptions {
  /**
   * Origins allowed besides the request's own host. A browser `Origin` header whose host differs
   * from the request host is rejected with 403 unless listed here (or accepted by the function).
   * Requests without an `Origin` header (server-to-server) are allowed.
   * @default [] (same origin only)
   */
  allowedOrigins?: readonly string[] | ((origin: string, request: Request) => boolean)
  /**
   * Also treat `X-Forwarded-Host` as the request host for the origin check (set it only behind
   * a reverse proxy that overwrites the header). @default false
   */
  trustForwardedHost?: boolean
  /** Largest accepted request body, in bytes; larger bodies get 413. @default 65536 */
  maxBodyBytes?: number
}

/** A failure that maps to an HTTP error response. */
export class HttpError extends SockudoError {
  override name = 'HttpError'
}

/** JSON response with `Cache-Control: no-store`. */
export function jsonResponse(status: number, body: unknown): Response {
  return textResponse(status, JSON.stringify(body))
}

/** Response whose body is already JSON text (passed through unchanged). */
export function textResponse(status: number, text: string, contentType = 'application/json'): Response {
  const noBody = status === 204 || status === 205 || status === 304
  const headers: Record<string, string> = { 'cache-control': 'no-store' }
  if (!noBody) headers['content-type'] = contentType
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

/** Rejects non-POST methods (405) and foreign origins (403). */
export function checkPostRequest(request: Request, options: HandlerBaseOptions): Response | undefined {
  if (request.method.toUpperCase() !== 'POST') {
    return errorResponse(405, 'method_not_allowed', `Method ${request.method} not allowed; use POST.`, { allow: 'POST' })
  }
  return checkOrigin(request, options)
}

/** 403 when the `Origin` header names another host and is not allowed. */
export function checkOrigin(request: Request, options: HandlerBaseOptions): Response | undefined {
  const origin = request.headers.get('origin')
  if (origin === null || isSameOrigin(origin, request, options.trustForwardedHost ?? false)) return undefined
  const allowed = options.allowedOrigins ?? []
  const ok = typeof allowed === 'function' ? allowed(origin, request) : allowed.includes(origin)
  return ok ? undefined : errorResponse(403, 'forbidden_origin', `Origin ${origin} is not allowed.`)
}

function isSameOrigin(origin: string, request: Request, trustForwardedHost: boolean): boolean {
  let host: string
  try {
    host = new URL(origin).host
  } catch {
    return false
  }
  const forwarded = trustForwardedHost ? request.headers.get('x-forwarded-host')?.split(',')[0]?.trim() : undefined
  return host === (request.headers.get('host') ?? new URL(request.url).host) || (forwarded !== undefined && host === forwarded)
}

/** Reads the body as text, enforcing the byte limit (413). */
export async function readBodyText(request: Request, options: HandlerBaseOptions): Promise<string> {
  const limit = options.maxBodyBytes ?? 65_536
  const declared = Number(request.headers.get('content-length') ?? '0')
  if (declared > limit) throw tooLarge(limit)
  const bytes = new Uint8Array(await request.arrayBuffer())
  if (bytes.byteLength > limit) throw tooLarge(limit)
  return new TextDecoder().decode(bytes)
}

function tooLarge(limit: number): HttpError {
  return new HttpError('proxy/payload-too-large', `Request body exceeds ${limit} bytes.`, { status: 413 })
}

/** Parses a JSON object body; 400 for bad JSON or a non-object, 415 for other content types. */
export function parseJsonObject(request: Request, text: string): Record<string, unknown> {
  const type = mediaType(request)
  if (type !== '' && type !== 'application/json' && !type.endsWith('+json')) {
    throw new HttpError('proxy/unsupported-media-type', `Expected application/json, got ${type}.`, { status: 415 })
  }
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

/** True for a plain JSON object. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** A required non-empty string field, else 400. */
export function requireString(body: Record<string, unknown>, field: string): string {
  const value = body[field]
  if (typeof value !== 'string' || value === '') {
    throw new HttpError('proxy/invalid-body', `"${field}" must be a non-empty string.`, { status: 400 })
  }
  return value
}

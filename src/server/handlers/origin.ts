import type { HandlerBaseOptions } from './http'
import { errorResponse } from './http'

/** Rejects non-POST methods (405) and foreign origins (403). */
export function checkPostRequest(request: Request, options: HandlerBaseOptions): Response | undefined {
  if (request.method.toUpperCase() !== 'POST') {
    return errorResponse(405, 'method_not_allowed', `Method ${request.method} not allowed; use POST.`, { allow: 'POST' })
  }
  return checkOrigin(request, options)
}

/**
 * 403 `forbidden_origin` when the `Origin` header is not the request's own origin (scheme, host
 * and port all compared) and not allowed by `allowedOrigins`. The message names the options.
 */
export function checkOrigin(request: Request, options: HandlerBaseOptions): Response | undefined {
  const origin = request.headers.get('origin')
  if (origin === null) return undefined
  const own = ownOrigins(request, options.trustForwardedHost ?? false)
  if (own.includes(normalise(origin) ?? '')) return undefined
  const allowed = options.allowedOrigins ?? []
  const ok = typeof allowed === 'function' ? allowed(origin, request) : allowed.some((entry) => entry === origin || normalise(entry) === normalise(origin))
  if (ok) return undefined
  const message = `Origin ${origin} is not allowed: this endpoint answers for ${own.join(' or ')}. `
    + `Add "${origin}" to allowedOrigins, or set trustForwardedHost: true behind a proxy that sets X-Forwarded-Host and X-Forwarded-Proto.`
  return errorResponse(403, 'forbidden_origin', message)
}

/** `scheme://host[:port]` with the default port dropped, or `undefined` for a malformed origin. */
function normalise(origin: string): string | undefined {
  try {
    const url = new URL(origin)
    return url.origin === 'null' ? undefined : url.origin
  } catch {
    return undefined
  }
}

/** The origins this request was addressed to: its URL scheme with `Host`, plus the forwarded pair when trusted. */
function ownOrigins(request: Request, trustForwarded: boolean): string[] {
  const url = new URL(request.url)
  const own = [normalise(`${url.protocol}//${request.headers.get('host') ?? url.host}`)]
  if (trustForwarded) {
    const host = firstValue(request.headers.get('x-forwarded-host'))
    const proto = firstValue(request.headers.get('x-forwarded-proto')) ?? url.protocol.replace(':', '')
    if (host !== undefined) own.push(normalise(`${proto}://${host}`))
  }
  return own.filter((origin): origin is string => origin !== undefined)
}

function firstValue(header: string | null): string | undefined {
  const value = header?.split(',')[0]?.trim()
  return value ? value : undefined
}

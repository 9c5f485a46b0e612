import { TokenError } from '@sockudo/vue'
import type { TokenCallback } from '@sockudo/vue'

/** Where a client gets its capability tokens. */
export interface TokenCallbackOptions {
  /** The module's token route, `<routePrefix>/token`. */
  endpoint: string
  /** Name of the client asking (the issuer sees it as `request.client`). */
  client: string
  /** Extra request headers (public `authHeaders`). */
  headers?: Record<string, string>
  /** fetch to use. @default globalThis.fetch */
  fetch?: typeof globalThis.fetch
}

/**
 * The client's `authCallback` when capability tokens are on: POSTs `{ socket_id, reason, client }`
 * to the token route and returns its `token`. The core client calls it before each connect, at
 * 80 % of the token's lifetime and on `token_expired`. A refusal becomes a typed `TokenError`
 * with the route's `code` (e.g. `not-configured`, `forbidden`) in `body`.
 */
export function tokenCallback(options: TokenCallbackOptions): TokenCallback {
  return async ({ socketId, reason }) => {
    const fetcher = options.fetch ?? globalThis.fetch
    const response = await fetcher(options.endpoint, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { ...options.headers, 'content-type': 'application/json', 'accept': 'application/json' },
      body: JSON.stringify({ socket_id: socketId ?? null, reason, client: options.client }),
    })
    const body: unknown = await response.json().catch(() => null)
    const token = typeof body === 'object' && body !== null ? (body as { token?: unknown }).token : undefined
    if (!response.ok || typeof token !== 'string' || token === '') {
      throw new TokenError(response.status === 403 ? 'token/forbidden' : 'token/endpoint-failed', `[sockudo] ${options.endpoint} answered ${response.status} without a token`, {
        status: response.status,
        body,
        retryable: response.status >= 500,
      })
    }
    return token
  }
}

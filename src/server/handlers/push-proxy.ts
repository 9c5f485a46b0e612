import type { PushCapability } from '../rest/push'
import { isDotSegment } from '../validation'
import type { SockudoHandler } from './channel-auth'
import { judgePush } from './decision'
import { HttpError, errorResponse, readBodyText, requireJsonType } from './http'
import { checkOrigin } from './origin'
import { proxyFailure, relay, resolveRest } from './proxy-common'
import type { ProxyHandlerBaseOptions } from './proxy-common'

/** One push call passed to the app's `authorize` hook. */
export interface PushProxyEvent {
  /** HTTP method. */
  method: 'GET' | 'POST' | 'DELETE'
  /** Path below the push root, e.g. `/deviceRegistrations/abc`. */
  path: string
  /** Query parameters the browser sent. */
  query: Record<string, string>
  /** Device identity token header, when sent. */
  deviceIdentityToken?: string
  /** Raw body text (forwarded byte for byte). */
  body: string
}

/**
 * Answer of the hook: `true` allows with `push-subscribe`; a known capability allows with that
 * capability (`push-admin` is needed for publishing and admin lists). `false` denies (403
 * `forbidden`); any other answer, an unknown capability included, is refused (403 `invalid_decision`).
 */
export type PushProxyDecision = boolean | PushCapability

/** Options of {@link createPushProxy}. */
export type PushProxyOptions = ProxyHandlerBaseOptions & {
  /** Mount path stripped from the request path, e.g. `/api/_sockudo/push`. @default detected from the known push routes */
  basePath?: string
  /** Decides each call and its capability; without it every request is denied (403). */
  authorize?: (event: PushProxyEvent, request: Request) => PushProxyDecision | Promise<PushProxyDecision>
}

const ROOTS = ['deviceRegistrations', 'channelSubscriptions', 'publish', 'batch', 'scheduled', 'deliveryStatus']
const METHODS = new Set(['GET', 'POST', 'DELETE'])
/** Query names request signing sets; a browser sending one gets 400, not a signing failure. */
const SIGNING_PARAMS = new Set(['auth_key', 'auth_timestamp', 'auth_version', 'body_md5', 'auth_signature'])

/**
 * Push registration proxy: mirrors `<mount>/deviceRegistrations`, `/channelSubscriptions`,
 * `/publish`, … onto the signed `/apps/{appId}/push/…` API. The capability header is decided by
 * the app, never by the browser; the device token header and the body are forwarded (a device
 * registration or channel subscription without `appId` gets the app id the proxy signs for).
 */
export function createPushProxy(options: PushProxyOptions): SockudoHandler {
  const rest = resolveRest(options)
  return async (request) => {
    try {
      const method = request.method.toUpperCase()
      if (!METHODS.has(method)) return errorResponse(405, 'method_not_allowed', `Method ${method} not allowed.`, { allow: 'GET, POST, DELETE' })
      const rejected = checkOrigin(request, options)
      if (rejected) return rejected
      const url = new URL(request.url)
      const path = pushPath(url.pathname, options.basePath)
      if (path === undefined) return errorResponse(404, 'not_found', 'Unknown push route.')
      const query = pushQuery(url.searchParams)
      if (method === 'POST') requireJsonType(request)
      const body = method === 'POST' ? await readBodyText(request, options) : ''
      const token = request.headers.get('x-sockudo-device-identity-token') ?? undefined
      const event: PushProxyEvent = { method: method as PushProxyEvent['method'], path, query, body, ...(token === undefined ? {} : { deviceIdentityToken: token }) }
      const verdict = judgePush(options.authorize ? await options.authorize(event, request) : false, 'Not allowed to call this push route.')
      if (!verdict.allow) return verdict.response
      const capability: PushCapability = verdict.grant
      return relay(await rest.push.request({ method: event.method, path, params: event.query, capability, ...(method === 'POST' ? { body } : {}), ...(token === undefined ? {} : { deviceIdentityToken: token }) }))
    } catch (error) {
      return proxyFailure(error)
    }
  }
}

/** The browser's query, minus nothing: a signing parameter among it is a 400. */
function pushQuery(params: URLSearchParams): Record<string, string> {
  for (const name of params.keys()) {
    if (SIGNING_PARAMS.has(name.toLowerCase())) {
      throw new HttpError('proxy/reserved-query-param', `Query parameter "${name}" is set by request signing and cannot be sent.`, { status: 400 })
    }
  }
  return Object.fromEntries(params)
}

/** The path below the mount point, or `undefined` when it is not a push route. */
function pushPath(pathname: string, basePath: string | undefined): string | undefined {
  let rest: string
  if (basePath !== undefined) {
    const base = basePath.replace(/\/+$/, '')
    if (!pathname.startsWith(`${base}/`)) return undefined
    rest = pathname.slice(base.length)
  } else {
    const segments = pathname.split('/')
    const index = segments.findIndex((segment) => ROOTS.includes(segment))
    if (index < 0) return undefined
    rest = `/${segments.slice(index).join('/')}`
  }
  const segments = rest.split('/')
  const root = segments[1] ?? ''
  // `fetch` would resolve `.`/`..` (and their %2e spellings) into another upstream path.
  return ROOTS.includes(root) && !segments.some(isDotSegment) ? rest : undefined
}

import { createError, defineEventHandler, sendWebResponse, toWebRequest } from 'h3'
import type { EventHandler, H3Event } from 'h3'
import type { SockudoPrivateRuntimeConfig, SockudoPublicRuntimeConfig, SockudoRouteSwitches } from '../../types'
import { _sockudoHooks, useSockudoConfig } from './sockudo'
import type { SockudoAuthorizeDecision, SockudoAuthorizeRequest } from './sockudo'

/** What a route needs to build its Web handler for one request. */
export interface SockudoRouteContext {
  /** The h3 event of the request. */
  event: H3Event
  /** Public runtime config. */
  public: SockudoPublicRuntimeConfig
  /** Private runtime config. */
  private: SockudoPrivateRuntimeConfig
  /** Asks the app's authorizer; `false` (deny) when none is registered. */
  decide: (request: SockudoAuthorizeRequest) => Promise<SockudoAuthorizeDecision>
}

/** A Web-standard handler (`Request` → `Response`), as `@sockudo/vue/server` builds them. */
export type WebHandler = (request: Request) => Promise<Response>

/**
 * Wraps a `@sockudo/vue/server` handler as a Nitro route: 404 while its switch is off in
 * runtime config, otherwise the Web handler answers (405, 403, 400, … are decided there).
 * Handlers are built per request so runtime config and registered hooks are always current.
 */
export function defineSockudoRoute(name: keyof SockudoRouteSwitches, build: (context: SockudoRouteContext) => WebHandler): EventHandler {
  return defineEventHandler(async (event) => {
    const config = useSockudoConfig(event)
    if (!isOn(config.public.routes[name])) throw createError({ statusCode: 404, statusMessage: 'Not Found' })
    const decide = async (request: SockudoAuthorizeRequest): Promise<SockudoAuthorizeDecision> => {
      const authorizer = _sockudoHooks().authorizer
      return authorizer ? await authorizer(request, event) : false
    }
    const handler = build({ event, public: config.public, private: config.private, decide })
    return sendWebResponse(event, await handler(toWebRequest(event)))
  })
}

/** A switch from runtime config; env vars may turn booleans into strings. */
function isOn(value: unknown): boolean {
  return value === true || value === 'true' || value === 1 || value === '1'
}

/** `allowedOrigins` from runtime config (an env var may hold a JSON array or a comma list). */
export function allowedOrigins(config: SockudoPrivateRuntimeConfig): string[] {
  const value: unknown = config.allowedOrigins
  if (Array.isArray(value)) return value.filter((origin): origin is string => typeof origin === 'string')
  return typeof value === 'string' ? value.split(',').map(origin => origin.trim()).filter(Boolean) : []
}

/** REST connection and origin options shared by the proxies, from runtime config. */
export function proxyOptions(context: SockudoRouteContext): { appId: string, key: string, secret: string, host: string, port: number, useTLS: boolean, allowedOrigins: string[] } {
  return {
    appId: context.private.appId,
    key: context.public.key,
    secret: context.private.secret,
    host: context.private.apiHost,
    port: Number(context.private.apiPort),
    useTLS: isOn(context.private.apiUseTLS),
    allowedOrigins: allowedOrigins(context.private),
  }
}

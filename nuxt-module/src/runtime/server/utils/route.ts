import { createError, defineEventHandler, sendWebResponse, toWebRequest } from 'h3'
import type { EventHandler, H3Event } from 'h3'
import type { SockudoPrivateRuntimeConfig, SockudoPublicRuntimeConfig, SockudoRouteSwitches } from '../../types'
import { SockudoError } from '@sockudo/vue/core'
import { _sockudoHooks } from './hooks'
import { useSockudoConfig } from './config'
import type { SockudoAuthorizeDecision, SockudoAuthorizeRequest } from './hook-types'
import { notConfigured, reportConfigFailure, scheduleStartupCheck } from './configuration-check'

scheduleStartupCheck()

/** What a route needs to build its Web handler for one request. */
export interface SockudoRouteContext {
  /** The h3 event of the request. */
  event: H3Event
  /** Public runtime config. */
  public: SockudoPublicRuntimeConfig
  /** Private runtime config. */
  private: SockudoPrivateRuntimeConfig
  /** Asks the app's authorizer; throws a 403 `auth/not-configured` error when none is registered. */
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
      if (!authorizer) throw notConfigured('authorizer', String(name))
      return await authorizer(request, event)
    }
    let handler: WebHandler
    try {
      handler = build({ event, public: config.public, private: config.private, decide })
    } catch (error) {
      return sendWebResponse(event, configFailure(error))
    }
    return sendWebResponse(event, await handler(toWebRequest(event)))
  })
}

/**
 * A handler that refused to be built (the default secret in production): 500 whose code and
 * message say what to set; the same message goes to the server log once.
 */
function configFailure(error: unknown): Response {
  if (!(error instanceof SockudoError)) throw error
  reportConfigFailure(error)
  const headers = { 'content-type': 'application/json', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' }
  return new Response(JSON.stringify({ error: error.message, code: error.code, status: 500 }), { status: 500, headers })
}

/**
 * The app's answer narrowed to the one field `field` a route reads (`user`, `clientId` or
 * `capability`); booleans and anything else pass unchanged. The `@sockudo/vue/server` handler
 * then validates it: only `true` or a well-formed field allows, the rest is a 403.
 */
export function decisionField(decision: unknown, field: 'user' | 'clientId' | 'capability'): unknown {
  if (typeof decision !== 'object' || decision === null || Array.isArray(decision)) return decision
  const value = (decision as Record<string, unknown>)[field]
  return field === 'capability' ? value : { [field]: value }
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

import { AuthError } from '@sockudo/vue/core'
import { createSockudoRest } from '@sockudo/vue/server'
import { _sockudoHooks } from './hooks'
import { useSockudoConfig } from './config'

/** The hook each route asks, and where the app registers it. */
const HOOKS = {
  authorizer: 'defineSockudoAuthorizer',
  userAuthenticator: 'defineSockudoUserAuthenticator',
} as const

/** A module-owned hook the app may not have registered. */
export type SockudoHookName = keyof typeof HOOKS

const warned = new Set<string>()

/** Logs `message` once per process under `key` (startup and first refusal use distinct keys). */
function warnOnce(key: string, message: string): void {
  if (warned.has(key)) return
  warned.add(key)
  console.warn(message)
}

function missingMessage(hook: SockudoHookName, what: string): string {
  return `[sockudo] No ${hook === 'authorizer' ? 'authorizer' : 'user authenticator'} is registered: ${what} `
    + `Register one with ${HOOKS[hook]}() in a Nitro plugin (server/plugins/sockudo.ts); see the @sockudo/nuxt README, "Authorizing".`
}

/**
 * The refusal of a route whose hook is missing: 403 `auth/not-configured` (distinct from a real
 * deny), logged the first time it happens.
 */
export function notConfigured(hook: SockudoHookName, route: string): AuthError {
  const message = missingMessage(hook, `the ${route} route refuses every request with 403 auth/not-configured.`)
  warnOnce(`refused:${hook}`, message)
  return new AuthError('auth/not-configured', message, { status: 403 })
}

/** Logs a refused signing route once (the full reason stays in the server log). */
export function reportConfigFailure(error: Error): void {
  warnOnce(`config:${error.message}`, error.message)
}

/**
 * At startup, once every Nitro plugin has run (they run synchronously, so one macrotask later):
 * logs a missing authorizer or user authenticator for routes that are switched on, and a
 * production server with the well-known default secret.
 */
export function scheduleStartupCheck(): void {
  if (warned.has('startup')) return
  warned.add('startup')
  setTimeout(() => {
    const config = useSockudoConfig()
    const routes = config.public.routes as unknown as Record<string, unknown>
    const on = (name: string): boolean => [true, 'true', 1, '1'].includes(routes[name] as never)
    const hooks = _sockudoHooks()
    const needAuthorizer = ['channelAuth', 'history', 'presenceHistory', 'versionedMessages', 'push'].filter(on)
    if (!hooks.authorizer && needAuthorizer.length > 0) {
      warnOnce('startup:authorizer', missingMessage('authorizer', `every request to the ${needAuthorizer.join(', ')} routes is refused (403 auth/not-configured).`))
    }
    if (!hooks.userAuthenticator && on('userAuth')) {
      warnOnce('startup:userAuthenticator', missingMessage('userAuthenticator', 'every signin() is refused (403 auth/not-configured).'))
    }
    try {
      createSockudoRest({ appId: config.private.appId || '-', key: config.public.key || '-', secret: config.private.secret })
    } catch (error) {
      if (error instanceof Error) reportConfigFailure(error)
    }
  }, 0)
}

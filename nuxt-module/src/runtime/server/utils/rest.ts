import type { H3Event } from 'h3'
import { createSockudoRest } from '@sockudo/vue/server'
import type { SockudoRest } from '@sockudo/vue/server'
import { useSockudoConfig } from './config'

/**
 * A signed Sockudo HTTP API client built from runtime config, for publishing from server
 * routes and plugins: `await useSockudoRest().trigger('news', 'created', item)`.
 */
export function useSockudoRest(event?: H3Event): SockudoRest {
  const config = useSockudoConfig(event)
  return createSockudoRest({
    appId: config.private.appId,
    key: config.public.key,
    secret: config.private.secret,
    host: config.private.apiHost,
    port: Number(config.private.apiPort),
    useTLS: config.private.apiUseTLS,
  })
}

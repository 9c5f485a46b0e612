import { inject } from 'vitest'
import type { LiveTarget } from '../../support/live-target'

/** The Sockudo server the nuxt project's globalSetup started (or a real one, see live-server.ts). */
export function localServer(): LiveTarget {
  return inject('sockudo')
}

/** Runtime-config env vars pointing the fixture's Nitro server at `server` (no rebuild). */
export function serverEnv(server: LiveTarget, masterKeyBase64: string): Record<string, string> {
  return {
    NUXT_PUBLIC_SOCKUDO_KEY: server.key,
    NUXT_PUBLIC_SOCKUDO_WS_HOST: server.host,
    NUXT_PUBLIC_SOCKUDO_WS_PORT: String(server.port),
    NUXT_SOCKUDO_APP_ID: server.appId,
    NUXT_SOCKUDO_SECRET: server.secret,
    NUXT_SOCKUDO_ENCRYPTION_MASTER_KEY_BASE64: masterKeyBase64,
    NUXT_SOCKUDO_API_HOST: server.host,
    NUXT_SOCKUDO_API_PORT: String(server.port),
  }
}

/**
 * Vitest globalSetup: starts ONE local Sockudo-compatible test server on a free port and
 * provides its address as `inject('sockudo')`. With `SOCKUDO_LIVE_TESTS=1` no server is started
 * and SOCKUDO_HOST / SOCKUDO_PORT / SOCKUDO_APP_ID / SOCKUDO_APP_KEY / SOCKUDO_APP_SECRET
 * describe a real Sockudo instead; SOCKUDO_CONFIG / SOCKUDO_FEATURES declare what it has switched
 * on (test/support/real-server.ts), and tests needing anything else skip with the reason.
 */
import type { TestProject } from 'vitest/node'
import { DEFAULT_APP, startServer } from '../stand-in'
import type { LiveTarget } from '../support/live-target'
import { parseFeatures } from '../support/real-features'

declare module 'vitest' {
  export interface ProvidedContext {
    sockudo: LiveTarget
  }
}

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const env = process.env
  if (env.SOCKUDO_LIVE_TESTS === '1') {
    // Fails fast on an unknown SOCKUDO_CONFIG / SOCKUDO_FEATURES entry, and says what is assumed.
    const features = [...parseFeatures(env.SOCKUDO_CONFIG, env.SOCKUDO_FEATURES)].sort().join(', ')
    process.stdout.write(`[live] real Sockudo at ${env.SOCKUDO_HOST ?? '127.0.0.1'}:${env.SOCKUDO_PORT ?? 6001} (SOCKUDO_CONFIG=${env.SOCKUDO_CONFIG ?? 'repo'}) assumed on: ${features}\n`)
    project.provide('sockudo', {
      host: env.SOCKUDO_HOST ?? '127.0.0.1',
      port: Number(env.SOCKUDO_PORT ?? 6001),
      appId: env.SOCKUDO_APP_ID ?? 'app-id',
      key: env.SOCKUDO_APP_KEY ?? 'app-key',
      secret: env.SOCKUDO_APP_SECRET ?? 'app-secret',
      real: true,
    })
    return undefined
  }
  const server = await startServer({ port: 0 })
  project.provide('sockudo', {
    host: server.host, port: server.port, appId: DEFAULT_APP.id, key: DEFAULT_APP.key, secret: DEFAULT_APP.secret, real: false,
  })
  return () => server.close()
}

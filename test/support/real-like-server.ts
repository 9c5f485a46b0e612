/**
 * `npx tsx test/support/real-like-server.ts [--port 6101]`: the local test server dressed as the
 * real Sockudo that `SOCKUDO_CONFIG` / `SOCKUDO_FEATURES` describe (see real-server.ts and real-features.ts): no
 * control routes, and the default app's flags follow the declared feature set. Used to check
 * the real-mode gates: `SOCKUDO_LIVE_TESTS=1 SOCKUDO_PORT=6101 npx vitest run --project live`.
 * Stops on SIGINT/SIGTERM.
 */
import { DEFAULT_APP, startServer, type TestAppConfig } from '../stand-in'
import { parseFeatures, type Feature } from './real-features'

/** The default app with each feature flag set from `features`. */
export function realLikeApp(features: ReadonlySet<Feature>): TestAppConfig {
  const on = (f: Feature) => features.has(f)
  return {
    ...DEFAULT_APP,
    history: on('history'), presenceHistory: on('presenceHistory'), versionedMessages: on('versionedMessages'),
    recovery: on('recovery'), deltaCompression: on('deltaCompression'), tagFiltering: on('tagFiltering'),
    enableTags: on('tags'), idempotency: on('idempotency'), enableClientMessages: on('clientMessages'),
    enableUserAuthentication: on('userAuthentication'), enableWatchlistEvents: on('watchlistEvents'),
    push: on('push'), namespaces: on('namespaces') ? DEFAULT_APP.namespaces : [],
  }
}

const i = process.argv.indexOf('--port')
const port = Number(i >= 0 ? process.argv[i + 1] : (process.env.PORT ?? 6101))
const features = parseFeatures(process.env.SOCKUDO_CONFIG, process.env.SOCKUDO_FEATURES)
const server = await startServer({ port, apps: [realLikeApp(features)], controlRoutes: features.has('controlRoutes') })
process.stdout.write(`real-like Sockudo on ${server.httpUrl} with ${[...features].sort().join(',')}\n`)
const stop = () => void server.close().then(() => process.exit(0))
process.on('SIGINT', stop)
process.on('SIGTERM', stop)

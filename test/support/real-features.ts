/**
 * The feature model of a real Sockudo (no vitest import, so globalSetup and scripts can use it);
 * see real-server.ts for the presets and the env variables.
 */

/** Server capabilities a live test may depend on. */
export type Feature =
  | 'controlRoutes' | 'standIn' | 'history' | 'presenceHistory' | 'versionedMessages' | 'recovery'
  | 'deltaCompression' | 'tagFiltering' | 'tags' | 'eventNameFiltering' | 'idempotency'
  | 'clientMessages' | 'userAuthentication' | 'watchlistEvents' | 'watchlistOffline' | 'push' | 'pushDelivery' | 'namespaces'

/** Why a test skips when the feature is off (printed as the skip note). */
export const FEATURE_REASONS: Readonly<Record<Feature, string>> = {
  controlRoutes: 'needs test-server control routes (/_control/…)',
  standIn: 'exercises the local stand-in itself (server fuzzing or a stand-in-only behaviour)',
  history: 'needs history.enabled',
  presenceHistory: 'needs presence_history.enabled',
  versionedMessages: 'needs versioned_messages.enabled',
  recovery: 'needs connection_recovery.enabled',
  deltaCompression: 'needs delta_compression.enabled',
  tagFiltering: 'needs tag_filtering.enabled',
  tags: 'needs tag_filtering.enable_tags (tags delivered)',
  eventNameFiltering: 'needs event_name_filtering.enabled',
  idempotency: 'needs idempotency.enabled',
  clientMessages: 'needs enable_client_messages on the app',
  userAuthentication: 'needs enable_user_authentication on the app',
  watchlistEvents: 'needs enable_watchlist_events on the app',
  watchlistOffline: 'needs `offline` sent to watchers when a watched user disconnects (Sockudo 5.2.0 sent none within 6 s in our runs)',
  push: 'needs the push REST routes (Cargo feature push)',
  pushDelivery: 'needs an active push provider to accept a publish (a push-* provider feature with credentials: an outside service)',
  namespaces: 'needs the config.toml channel namespaces (ticker, chat, orders, …)',
}

export const ALL_FEATURES = Object.keys(FEATURE_REASONS) as Feature[]

const common: Feature[] = ['deltaCompression', 'eventNameFiltering', 'idempotency']

/** What each real-server preset has on (http.md §4.2–4.4, v2-features.md §0.4). */
export const PRESETS: Readonly<Record<'repo' | 'docker' | 'env', readonly Feature[]>> = {
  repo: [...common, 'history', 'presenceHistory', 'versionedMessages', 'recovery', 'tagFiltering', 'clientMessages', 'userAuthentication', 'namespaces'],
  docker: [...common, 'tagFiltering', 'tags', 'clientMessages', 'userAuthentication'],
  env: [...common, 'tags'],
}

/** Parses `SOCKUDO_CONFIG` / `SOCKUDO_FEATURES` into the feature set of a real server. */
export function parseFeatures(config = 'repo', features = ''): Set<Feature> {
  const preset = PRESETS[config as keyof typeof PRESETS]
  if (!preset) throw new Error(`SOCKUDO_CONFIG must be repo, docker or env (got ${config})`)
  const items = features.split(',').map((s) => s.trim()).filter(Boolean)
  const replace = items.some((i) => !/^[+-]/.test(i))
  const set = new Set<Feature>(replace ? [] : preset)
  for (const item of items) {
    const name = item.replace(/^[+-]/, '')
    const list = name === 'all' ? ALL_FEATURES : [name as Feature]
    if (name !== 'all' && !(name in FEATURE_REASONS)) throw new Error(`SOCKUDO_FEATURES: unknown feature ${name} (known: ${ALL_FEATURES.join(', ')})`)
    for (const f of list) {
      if (item.startsWith('-')) set.delete(f)
      else set.add(f)
    }
  }
  return set
}


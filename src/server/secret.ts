import { ConfigError } from '../core/errors'

/** Secrets every Sockudo example and local setup uses: anyone can sign with them. */
const WELL_KNOWN_SECRETS: ReadonlySet<string> = new Set(['app-secret', 'secret', ''])

/**
 * Throws a `config/default-secret` {@link ConfigError} when the app runs in production
 * (`process.env.NODE_ENV === 'production'`, which bundlers such as Nitro fix at build time)
 * with a well-known secret. `SOCKUDO_ALLOW_DEFAULT_SECRET=1` in the environment (read at run
 * time) lifts the check, for a production build run against a local development server.
 */
export function assertUsableSecret(secret: string, where: string): void {
  if (process.env.NODE_ENV !== 'production' || !WELL_KNOWN_SECRETS.has(secret)) return
  if (process.env['SOCKUDO_ALLOW_DEFAULT_SECRET'] === '1') return
  throw new ConfigError(
    'config/default-secret',
    `[sockudo] ${where} refuses the well-known default secret ${JSON.stringify(secret)} in production (NODE_ENV=production): anyone could sign subscriptions and API calls. `
    + 'Set your app\'s real secret (Nuxt: NUXT_SOCKUDO_SECRET); for a production build run against a local development server only, set SOCKUDO_ALLOW_DEFAULT_SECRET=1.',
  )
}

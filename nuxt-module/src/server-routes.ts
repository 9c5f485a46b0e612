import { addServerHandler, addServerImports } from '@nuxt/kit'
import type { Resolver } from '@nuxt/kit'
import type { SockudoRouteSwitches } from './runtime/types'
import { sockudoServerUtils } from './auto-imports'

/**
 * Route name → path below the prefix and handler file in runtime/server/api. `deprecatedPaths`
 * answer with the same handler for one minor version after a rename.
 */
const ROUTES: Record<keyof SockudoRouteSwitches, { path: string, file: string, deprecatedPaths?: string[] }> = {
  channelAuth: { path: '/auth', file: 'channel-auth' },
  userAuth: { path: '/user-auth', file: 'user-auth' },
  history: { path: '/history', file: 'history' },
  presenceHistory: { path: '/presence-history', file: 'presence-history' },
  versionedMessages: { path: '/versioned-messages', file: 'versioned-messages', deprecatedPaths: ['/messages'] },
  push: { path: '/push/**', file: 'push' },
  token: { path: '/token', file: 'token' },
}

/**
 * Mounts every route under `prefix`. All of them are registered (for every method, so the
 * handlers answer 405 themselves); each checks its switch in runtime config per request, so
 * env vars can turn routes on or off without a rebuild.
 */
export function registerServerRoutes(resolver: Resolver, prefix: string): void {
  for (const { path, file, deprecatedPaths = [] } of Object.values(ROUTES)) {
    for (const route of [path, ...deprecatedPaths]) addServerHandler({ route: `${prefix}${route}`, handler: resolver.resolve(`./runtime/server/api/${file}`) })
  }
  for (const [file, names] of Object.entries(sockudoServerUtils)) {
    addServerImports(names.map(name => ({ name, from: resolver.resolve(`./runtime/server/utils/${file}`) })))
  }
}

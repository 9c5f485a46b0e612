/** Channel name rules (http.md §6.3, core.md §4.1): validation, namespaces, type classification. */
import type { NamespaceConfig, ResolvedApp } from './config'

const TYPE_PREFIXES = ['private-encrypted-cache-', 'private-cache-', 'presence-cache-', 'cache-', 'private-encrypted-', 'presence-', 'private-']
const ALLOWED = /^[A-Za-z0-9\-_=@,;.:#]$/

/** Server-side type (first "contains cache-", then the text before the first `-`). */
export type ChannelKind = 'cache' | 'private' | 'presence' | 'public'

export function channelKind(name: string): ChannelKind {
  if (name.includes('cache-')) return 'cache'
  const head = name.split('-')[0]
  if (head === 'private') return 'private'
  if (head === 'presence') return 'presence'
  return 'public'
}

export const isPresence = (name: string): boolean => name.startsWith('presence-')
export const isPrivateLike = (name: string): boolean => name.startsWith('private-') || name.startsWith('presence-')
export const isEncrypted = (name: string): boolean => name.startsWith('private-encrypted-')
export const isMeta = (name: string): boolean => name.startsWith('[meta]')
export const isWildcard = (name: string): boolean => name.includes('*')

/** The name without its type prefix and without a `#users` suffix. */
export function logicalName(name: string): string {
  const prefix = TYPE_PREFIXES.find((p) => name.startsWith(p)) ?? ''
  const rest = name.slice(prefix.length)
  const hash = rest.indexOf('#')
  return hash > 0 ? rest.slice(0, hash) : rest
}

/** The namespace config of a channel, if its logical name has a `:`. */
export function namespaceOf(app: ResolvedApp, name: string): NamespaceConfig | undefined {
  const logical = logicalName(name)
  const colon = logical.indexOf(':')
  if (colon < 0) return undefined
  return app.namespaces.find((n) => n.name === logical.slice(0, colon))
}

/** Returns the error detail (after `Channel error: `) or undefined when the name is valid. */
export function validateChannelName(app: ResolvedApp, name: string): string | undefined {
  const invalid = [...new Set([...name].filter((c) => !ALLOWED.test(c)))]
  if (invalid.length > 0 || name.length === 0) {
    return `Channel name contains invalid characters: '${name}' (invalid chars: [${invalid.map((c) => `'${c}'`).join(', ')}])`
  }
  if (Buffer.byteLength(name) > app.maxChannelNameLength) {
    return `Channel name too long. Max length is ${app.maxChannelNameLength}`
  }
  const logical = logicalName(name)
  const colon = logical.indexOf(':')
  if (colon >= 0) {
    const ns = app.namespaces.find((n) => n.name === logical.slice(0, colon))
    if (!ns) return `Unknown channel namespace '${logical.slice(0, colon)}'`
    if (ns.channelNamePattern && !new RegExp(ns.channelNamePattern).test(logical)) {
      return `Channel name '${name}' does not match the pattern of namespace '${ns.name}'`
    }
    const rest = name.slice(name.indexOf(logical) + logical.length)
    if (rest.startsWith('#') && !ns.allowUserLimitedChannels) {
      return `User-limited channels are not allowed in namespace '${ns.name}'`
    }
  }
  return undefined
}

/** Wildcard pattern match: `*`, exact, or a single `*` (prefix*, *suffix, pre*suf). */
export function wildcardMatches(pattern: string, name: string): boolean {
  if (pattern === '*') return true
  const star = pattern.indexOf('*')
  if (star < 0) return pattern === name
  const pre = pattern.slice(0, star)
  const suf = pattern.slice(star + 1)
  return name.length >= pre.length + suf.length && name.startsWith(pre) && name.endsWith(suf)
}

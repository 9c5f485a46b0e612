/**
 * Protocol version of a connection: 1 = Pusher protocol 7 (`pusher:` names),
 * 2 = Sockudo V2 (`sockudo:` names). Held per client instance, never globally.
 */
export type ProtocolVersion = 1 | 2

/** An inbound event name with its prefix removed. */
export interface CanonicalName {
  /** Name without prefix, e.g. `subscription_succeeded`. */
  name: string
  /** True for `pusher_internal:` / `sockudo_internal:` names. */
  internal: boolean
}

/** Event names of one protocol version. */
export interface ProtocolNames {
  /** The version these names belong to. */
  readonly version: ProtocolVersion
  /** `pusher` or `sockudo`. */
  readonly family: 'pusher' | 'sockudo'
  /** `pusher:` or `sockudo:`. */
  readonly prefix: string
  /** `pusher_internal:` or `sockudo_internal:`. */
  readonly internalPrefix: string
  /** Prefixes a system event name, e.g. `subscribe` → `sockudo:subscribe`. */
  event(name: string): string
  /**
   * Strips any of the four known prefixes (inbound frames may use either family: the
   * server sends `pusher:error` even to V2 sockets right before a close). Returns null for
   * names without a known prefix (application and client events, `online`, `offline`).
   */
  canonical(wireName: string): CanonicalName | null
}

const PREFIXES: readonly (readonly [string, boolean])[] = [
  ['pusher_internal:', true],
  ['sockudo_internal:', true],
  ['pusher:', false],
  ['sockudo:', false],
]

/** Creates the event names of `version`. */
export function createProtocolNames(version: ProtocolVersion): ProtocolNames {
  const family = version === 2 ? 'sockudo' : 'pusher'
  const prefix = `${family}:`
  return {
    version,
    family,
    prefix,
    internalPrefix: `${family}_internal:`,
    event: (name) => prefix + name,
    canonical(wireName) {
      const found = prefixOf(wireName)
      return found ? { name: wireName.slice(found[0].length), internal: found[1] } : null
    },
  }
}

/** True when `name` is a system event of either family (never an application event name). */
export function isSystemEventName(name: string): boolean {
  return prefixOf(name) !== undefined
}

/**
 * The protocol prefix `name` starts with, if any. Every prefix starts with `p` or `s`, so
 * application events (most frames) are told apart with one char test instead of four `startsWith`.
 */
function prefixOf(name: string): (typeof PREFIXES)[number] | undefined {
  const first = name.charCodeAt(0)
  if (first !== 112 /* p */ && first !== 115 /* s */) return undefined
  return PREFIXES.find(([p]) => name.startsWith(p))
}

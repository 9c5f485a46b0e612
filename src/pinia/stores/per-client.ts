import { DEFAULT_CLIENT_NAME } from '../../vue'

/**
 * Id of a Sockudo store for one client: the plain id (`sockudo-channels`) for the
 * `'default'` client, `<base>:<client>` (`sockudo-channels:v2`) for a named one.
 */
export function sockudoStoreId(base: string, client: string = DEFAULT_CLIENT_NAME): string {
  return client === DEFAULT_CLIENT_NAME ? base : `${base}:${client}`
}

/**
 * One store definition per client name, created on first use and kept: Pinia identifies a
 * store by its id, so every client gets its own store (and devtools entry) under
 * {@link sockudoStoreId}. @internal
 */
export function perClient<D>(base: string, define: (id: string, client: string) => D): (client?: string) => D {
  const definitions = new Map<string, D>()
  return (client = DEFAULT_CLIENT_NAME) => {
    let definition = definitions.get(client)
    if (definition === undefined) {
      definition = define(sockudoStoreId(base, client), client)
      definitions.set(client, definition)
    }
    return definition
  }
}

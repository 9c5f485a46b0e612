import type { ConnectionState } from '@sockudo/vue'

/** Named clients of this playground (nuxt.config `sockudo.clients`). */
export type PlaygroundClient = 'v2' | 'delta' | 'unbatched'

/** The latest WebSocket of each module client, recorded by plugins/sockudo-sockets.ts. */
export const trackedSockets = new Map<string, WebSocket>()

/**
 * One of the module's protocol V2 clients (nuxt.config `sockudo.clients`), for a component
 * rendered inside `<ClientOnly>`: its channels live in the `sockudo-*:<name>` stores like any
 * other. Clients configured with `autoConnect: false` are connected while a component uses them.
 * `kill()` closes the current socket as a network drop would, to show recovery.
 */
export function useV2Client(name: PlaygroundClient = 'v2') {
  const client = useSockudo({ client: name })
  const connection = useConnection({ client: name })
  const socketId = shallowRef<string | null>(client.connection.socketId ?? null)
  const resumes = ref(0)
  const offs = [
    client.on('connected', ({ socketId: id }) => (socketId.value = id)),
    client.on('resumed', () => resumes.value++),
  ]
  // Only the clients that do not connect on their own are held by the page.
  const owned = useRuntimeConfig().public.sockudo.clients[name]?.autoConnect === false
  if (owned) client.connect()
  onScopeDispose(() => {
    for (const off of offs) off()
    if (owned) client.disconnect()
  })
  return {
    /** The client's name: pass `{ client: name }` to composables. */
    name,
    client,
    state: connection.state as Readonly<Ref<ConnectionState>>,
    socketId,
    /** Successful V2 resumes since the component mounted. */
    resumes,
    /** Closes the current WebSocket as a network drop would (code 4200: reconnect at once). */
    kill(): void {
      trackedSockets.get(name)?.close(4200, 'killed from the playground')
    },
  }
}

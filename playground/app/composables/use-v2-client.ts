import { createSockudo } from '@sockudo/vue'
import type { ConnectionState, DeltaStage, Sockudo, SockudoPluginOptions } from '@sockudo/vue'

/** Options of {@link useV2Client}: any client option, e.g. `deltaStage` or `appendRollupWindow`. */
export type V2ClientOptions = Omit<SockudoPluginOptions, 'key'> & { deltaStage?: DeltaStage }

/**
 * A page-owned protocol V2 client (the app-wide one from the module speaks V1 by default).
 * Call it only in the browser, from a component rendered inside `<ClientOnly>`: it connects
 * at once and is disposed with the component. Its WebSocket is tracked so the page can
 * "kill the socket" and show recovery; composables use it through `{ sockudo }`.
 */
export function useV2Client(options: V2ClientOptions = {}) {
  const config = useRuntimeConfig().public.sockudo
  const prefix = config.routePrefix
  let socket: WebSocket | undefined
  // Same constructor, remembered: a close from here looks to the client like a dropped connection.
  class TrackedWebSocket extends WebSocket {
    constructor(url: string) {
      super(url)
      socket = this as WebSocket
    }
  }
  const sockudo: Sockudo = createSockudo({
    key: config.key,
    wsHost: config.wsHost,
    wsPort: Number(config.wsPort),
    wssPort: Number(config.wssPort),
    forceTls: config.forceTls === true,
    protocolVersion: 2,
    connectionRecovery: true,
    channelAuthorization: { endpoint: `${prefix}/auth` },
    versionedMessages: { endpoint: `${prefix}/messages` },
    releaseDelay: 0,
    autoConnect: false,
    devtools: false,
    webSocket: TrackedWebSocket,
    ...options,
  })
  const state = shallowRef<ConnectionState>(sockudo.client.connection.state)
  const socketId = shallowRef<string | null>(null)
  const resumes = ref(0)
  const offs = [
    sockudo.client.on('state_change', ({ current }) => (state.value = current)),
    sockudo.client.on('connected', ({ socketId: id }) => (socketId.value = id)),
    sockudo.client.on('resumed', () => resumes.value++),
  ]
  sockudo.client.connect()
  onScopeDispose(() => {
    for (const off of offs) off()
    sockudo.dispose()
  })
  return {
    sockudo,
    client: sockudo.client,
    state,
    socketId,
    /** Successful V2 resumes since the page opened. */
    resumes,
    /** Closes the current WebSocket as a network drop would (code 4200: reconnect at once). */
    kill(): void {
      socket?.close(4200, 'killed from the playground')
    },
  }
}

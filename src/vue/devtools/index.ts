import type { App } from 'vue'
import { setupDevtoolsPlugin } from '@vue/devtools-api'
import type { Unsubscribe } from '../../core'
import { DEFAULT_CLIENT_NAME } from '../plugin/context'
import type { SockudoContext } from '../plugin/context'
import { formatProtocolEvent } from './format'

type DevtoolsApi = Parameters<Parameters<typeof setupDevtoolsPlugin>[1]>[0]

/** Id of the default client's Sockudo timeline layer; a named client's is `sockudo:protocol:<name>`. */
export const TIMELINE_LAYER_ID = 'sockudo:protocol'

/** Plugin id, label and layer id of one client: the plain ones for the default client. */
function identity(name: string): { id: string; label: string; layerId: string } {
  if (name === DEFAULT_CLIENT_NAME) return { id: 'dev.sockudo.vue', label: 'Sockudo', layerId: TIMELINE_LAYER_ID }
  return { id: `dev.sockudo.vue.${name}`, label: `Sockudo (${name})`, layerId: `${TIMELINE_LAYER_ID}:${name}` }
}

/**
 * Adds the "Sockudo" timeline layer to Vue devtools: connection changes, errors, every
 * protocol event and channel hold changes. Loaded lazily, only in development and in the
 * browser. Returns the teardown.
 * @internal
 */
export function setupSockudoDevtools(app: App, sockudo: SockudoContext): () => void {
  const offs: Unsubscribe[] = []
  let stopped = false
  const { id, label, layerId } = identity(sockudo.name)
  setupDevtoolsPlugin(
    {
      id,
      label,
      packageName: '@sockudo/vue',
      homepage: 'https://github.com/sockudo/sockudo',
      app,
      enableEarlyProxy: true,
    },
    (api) => {
      if (stopped) return
      api.addTimelineLayer({ id: layerId, label, color: 0x7c3aed })
      offs.push(...listen(api, sockudo, layerId))
    },
  )
  return () => {
    stopped = true
    for (const off of offs.splice(0)) off()
  }
}

function listen(api: DevtoolsApi, sockudo: SockudoContext, layerId: string): Unsubscribe[] {
  const add = (event: ReturnType<typeof formatProtocolEvent>): void =>
    api.addTimelineEvent({ layerId, event: { time: api.now(), ...event } })
  const { client, _registry: registry } = sockudo
  add({ title: `connection: ${client.connection.state}`, subtitle: 'when devtools attached', data: { state: client.connection.state } })
  return [
    client.connection.bind('state_change', (change) =>
      add({ title: `connection: ${change.current}`, subtitle: `from ${change.previous}`, data: { ...change } }),
    ),
    client.connection.bind('error', (error) =>
      add({ title: `error: ${error.code}`, subtitle: error.message, logType: 'error', data: { code: error.code, message: error.message } }),
    ),
    client.bindGlobal((eventName, data, event) => add(formatProtocolEvent(eventName, data, event?.channel))),
    registry.events.on('holders', (name, holders) => add({ title: `hold: ${name}`, subtitle: `${holders} holder(s)`, data: { channel: name, holders } })),
    registry.events.on('released', (name) => add({ title: `release: ${name}`, data: { channel: name } })),
  ]
}

import { createPinia } from 'pinia'
import { createApp, effectScope } from 'vue'
import { createSockudo, useChannel } from '../../../src'

/**
 * Variant (d): events flow through the Vue layer before reaching the handler: `useChannel`
 * holds the shared subscription and the Pinia channels store counts every event.
 */
export function mountStorePath(port: number, onEvent: () => void): void {
  // Composables stay inert on a server; the store path is what a browser runs, so look like one.
  Object.assign(globalThis, { window: globalThis, document: {} })
  const app = createApp({ render: () => null })
  app.use(createPinia())
  const sockudo = createSockudo({ key: 'app-key', wsHost: '127.0.0.1', wsPort: port, forceTls: false, autoConnect: false })
  app.use(sockudo)
  app.runWithContext(() => {
    effectScope().run(() => {
      useChannel<{ trade: { id: number } }>('bench').on('trade', (data) => data.id >= 0 && onEvent())
    })
  })
  sockudo.client.connect()
}

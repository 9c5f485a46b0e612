import type { SockudoPluginOptions } from '@sockudo/vue'
import { defineNuxtPlugin } from '#imports'
import type { SockudoClientOptionsContext } from './create-clients'

/** What {@link defineSockudoClientOptions} may return: options merged over the client's (or nothing). */
export type SockudoClientOptionsResult = Partial<SockudoPluginOptions> | void | undefined

/**
 * An app plugin that adds what runtime config cannot hold (functions, classes, per-request
 * values) to the module's clients: `authCallback`, `channelAuthorization.customHandler`,
 * headers getters, `webSocket`, `network`… Called once per client, before it is created,
 * on the server and in the browser:
 *
 * ```ts
 * // app/plugins/sockudo-options.ts
 * export default defineSockudoClientOptions(({ name }) => name === 'v2'
 *   ? { channelAuthorization: { endpoint: '/api/_sockudo/auth', headers: () => ({ 'x-csrf': csrf() }) } }
 *   : undefined)
 * ```
 */
export function defineSockudoClientOptions(extend: (context: SockudoClientOptionsContext) => SockudoClientOptionsResult | Promise<SockudoClientOptionsResult>) {
  return defineNuxtPlugin((nuxtApp) => {
    nuxtApp.hook('sockudo:client-options', async (context) => {
      const extra = await extend(context)
      if (extra) context.options = { ...context.options, ...extra }
    })
  })
}

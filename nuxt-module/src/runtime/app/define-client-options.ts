import type { SockudoPluginOptions } from '@sockudo/vue'
import { useNuxtApp } from '#imports'
import type { SockudoClientOptionsContext } from './create-clients'

/** What {@link defineSockudoClientOptions} may return: options merged over the client's (or nothing). */
export type SockudoClientOptionsResult = Partial<SockudoPluginOptions> | void | undefined

/**
 * Adds what runtime config cannot hold (functions, classes, per-request values) to the module's
 * clients: `authCallback`, `channelAuthorization.customHandler`, header getters, `webSocket`,
 * `network`… Call it from an app plugin; `extend` runs once per client, before it is created,
 * on the server (`side: 'server'`) and in the browser (`side: 'client'`):
 *
 * ```ts
 * // app/plugins/sockudo-options.ts
 * export default defineNuxtPlugin(() => {
 *   defineSockudoClientOptions(({ name }) => name === 'v2'
 *     ? { channelAuthorization: { endpoint: '/api/_sockudo/auth', headers: () => ({ 'x-csrf': csrf() }) } }
 *     : undefined)
 * })
 * ```
 *
 * It registers a `sockudo:client-options` hook, which the module's plugins call after the app's
 * own plugins have run.
 */
export function defineSockudoClientOptions(extend: (context: SockudoClientOptionsContext) => SockudoClientOptionsResult | Promise<SockudoClientOptionsResult>): void {
  useNuxtApp().hook('sockudo:client-options', async (context) => {
    const extra = await extend(context)
    if (extra) context.options = { ...context.options, ...extra }
  })
}

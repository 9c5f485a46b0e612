import { hasInjectionContext, inject } from 'vue'
import { SockudoVueError } from '../errors'
import { SockudoKey } from '../plugin/context'
import type { SockudoContext } from '../plugin/context'

/** Options every composable takes. */
export interface SockudoComposableOptions {
  /**
   * The Sockudo instance to use (from `createSockudo()`), instead of the one the plugin
   * provides. Needed only outside components, e.g. in a plain module or a test.
   */
  sockudo?: SockudoContext
}

/**
 * The app's {@link SockudoContext}: `options.sockudo`, else `inject(SockudoKey)`. Fails with
 * an actionable error when called outside `setup()`/`runWithContext()` or without the plugin.
 * @internal
 */
export function injectSockudo(caller: string, options: SockudoComposableOptions = {}): SockudoContext {
  if (options.sockudo) return options.sockudo
  if (!hasInjectionContext()) {
    throw new SockudoVueError(
      'vue/no-injection-context',
      `[sockudo] ${caller}() was called outside of a component's setup() and outside app.runWithContext(). ` +
        `Call it at the top level of setup() / <script setup>, or pass the instance: ${caller}(…, { sockudo }).`,
    )
  }
  const sockudo = inject(SockudoKey, null)
  if (!sockudo) {
    throw new SockudoVueError(
      'vue/not-installed',
      `[sockudo] ${caller}() found no Sockudo plugin in this app. Install it: ` +
        `app.use(createPinia()); app.use(SockudoPlugin, { key: 'app-key', wsHost: '…' }).`,
    )
  }
  return sockudo
}

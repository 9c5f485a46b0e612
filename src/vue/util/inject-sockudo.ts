import { hasInjectionContext, inject } from 'vue'
import { SockudoVueError } from '../errors'
import { DEFAULT_CLIENT_NAME, SockudoClientsKey, SockudoKey } from '../plugin/context'
import type { SockudoContext } from '../plugin/context'

/** Options every composable takes. */
export interface SockudoComposableOptions {
  /**
   * The Sockudo instance to use (from `createSockudo()`), instead of the one the plugin
   * provides. Needed only outside components, e.g. in a plain module or a test.
   */
  sockudo?: SockudoContext
  /**
   * Name of the installed client to use (the plugin's `name` option), when the app has
   * several. Ignored when `sockudo` is given.
   * @default 'default'
   */
  client?: string
}

/**
 * The app's {@link SockudoContext}: `options.sockudo`, else the installed instance named
 * `options.client` (default `'default'`). Fails with an actionable error when called outside
 * `setup()`/`runWithContext()`, without the plugin, or when no client has that name.
 * @internal
 */
export function injectSockudo(caller: string, options: SockudoComposableOptions = {}): SockudoContext {
  if (options.sockudo) return options.sockudo
  if (!hasInjectionContext()) {
    throw new SockudoVueError(
      'vue/no-injection-context',
      __DEV__
      ? `[sockudo] ${caller}() was called outside of a component's setup() and outside app.runWithContext(). ` +
        `Call it at the top level of setup() / <script setup>, or pass the instance: ${caller}(…, { sockudo }).`
      : 'vue/no-injection-context',
    )
  }
  const name = options.client ?? DEFAULT_CLIENT_NAME
  const sockudo = name === DEFAULT_CLIENT_NAME ? inject(SockudoKey, null) : (inject(SockudoClientsKey, null)?.get(name) ?? null)
  if (!sockudo) throw notInstalled(caller, name, [...(inject(SockudoClientsKey, null)?.keys() ?? [])])
  return sockudo
}

function notInstalled(caller: string, name: string, installed: string[]): SockudoVueError {
  if (installed.length === 0) {
    return new SockudoVueError(
      'vue/not-installed',
      __DEV__
      ? `[sockudo] ${caller}() found no Sockudo plugin in this app. Install it: ` +
        `app.use(createPinia()); app.use(SockudoPlugin, { key: 'app-key', wsHost: '…' }).`
      : 'vue/not-installed',
    )
  }
  return new SockudoVueError(
    'vue/not-installed',
    __DEV__
      ? `[sockudo] ${caller}() asked for the Sockudo client '${name}', but this app has only ${installed.map((n) => `'${n}'`).join(', ')}. ` +
      `Install it with app.use(SockudoPlugin, { name: '${name}', key: … }) or pass { client: '<installed name>' }.`
      : 'vue/not-installed',
  )
}

import type { SockudoClient } from '../../core'
import { injectSockudo } from '../util/inject-sockudo'
import type { SockudoComposableOptions } from '../util/inject-sockudo'

/** Options of {@link useSockudo}. */
export type UseSockudoOptions = SockudoComposableOptions

/**
 * The app's {@link SockudoClient}, for anything the composables do not cover.
 * Call it in `setup()`; fails with an install hint when the plugin is missing.
 */
export function useSockudo(options: UseSockudoOptions = {}): SockudoClient {
  return injectSockudo('useSockudo', options).client
}

import { computed } from 'vue'
import type { ComputedRef } from 'vue'
import { injectSockudo, isServerRendering } from '../../vue/internal'
import type { SockudoComposableOptions } from '../../vue'
import { sockudoUserStore } from '../stores/user'
import type { ErrorInfo, UserStatus } from '../stores/types'

/** Options of {@link useUser}. */
export interface UseUserOptions extends SockudoComposableOptions {
  /** Calls `signin()` right away (in the browser). @default false */
  signin?: boolean
}

/** Return value of {@link useUser}. */
export interface UseUserReturn {
  /** Sign-in state. */
  status: ComputedRef<UserStatus>
  /** True while signed in. */
  signedIn: ComputedRef<boolean>
  /** User id once signed in. */
  id: ComputedRef<string | null>
  /** Parsed `user_data` of the sign-in. */
  userData: ComputedRef<Record<string, unknown> | null>
  /** Last sign-in error. */
  error: ComputedRef<ErrorInfo | null>
  /** Watchlist: user id → online, for ids seen in online/offline events. */
  watchlist: ComputedRef<Readonly<Record<string, boolean>>>
  /** Watched user ids currently online. */
  online: ComputedRef<string[]>
  /** Signs in (the client signs in again after every reconnect). Does nothing during server rendering. */
  signin(): void
}

/** The signed-in user and its watchlist, mirrored from the `sockudo-user` store. */
export function useUser(options: UseUserOptions = {}): UseUserReturn {
  const sockudo = injectSockudo('useUser', options)
  const store = sockudoUserStore(sockudo.name)()
  const inert = isServerRendering()
  const signin = (): void => void (inert || store.signin())
  if (options.signin) signin()
  const watchlist = computed(() => store.watchlist)
  return {
    status: computed(() => store.status),
    signedIn: computed(() => store.status === 'signed-in'),
    id: computed(() => store.id),
    userData: computed(() => store.userData),
    error: computed(() => store.error),
    watchlist,
    online: computed(() => Object.keys(watchlist.value).filter((id) => watchlist.value[id])),
    signin,
  }
}

import type { Ref } from 'vue'
import type { SockudoContext } from '../../vue'
import type { ErrorInfo, UserStatus } from '../stores/types'
import { toErrorInfo } from './error-info'
import { untilDisposed } from './lifecycle'

/** The state refs of the user store, as bind writes them. @internal */
export interface UserStoreRefs {
  status: Ref<UserStatus>
  id: Ref<string | null>
  userData: Ref<Record<string, unknown> | null>
  error: Ref<ErrorInfo | null>
  watchlist: Ref<Record<string, boolean>>
}

/** What the user store's actions tell the bind layer. @internal */
export interface UserBinding {
  /** `signin()` was called: the state becomes `signing-in` until the server answers. */
  signinRequested(): void
}

/** Mirrors `client.user` and its watchlist into the user store. @internal */
export function bindUserStore(sockudo: SockudoContext, refs: UserStoreRefs): UserBinding {
  const { client } = sockudo
  const { user } = client
  let requested = user.signedIn
  const setSignedIn = (): void => {
    refs.status.value = user.signedIn ? 'signed-in' : requested ? 'signing-in' : 'signed-out'
    refs.id.value = user.id ?? null
    refs.userData.value = user.userData ? { ...user.userData } : null
  }
  setSignedIn()
  const setOnline = (ids: string[], online: boolean): void => {
    for (const id of ids) refs.watchlist.value[id] = online
  }
  untilDisposed(sockudo, [
    client.on('signed_in', () => {
      requested = true
      refs.error.value = null
      setSignedIn()
    }),
    user.on('error', (error) => {
      refs.error.value = toErrorInfo(error)
      refs.status.value = 'failed'
    }),
    client.connection.bind('state_change', ({ current }) => {
      // The client signs in again after a reconnect; until then the user is not signed in.
      if (current !== 'connected' && refs.status.value === 'signed-in') refs.status.value = 'signing-in'
    }),
    user.watchlist.bind('online', (ids) => setOnline(ids, true)),
    user.watchlist.bind('offline', (ids) => setOnline(ids, false)),
  ])
  return {
    signinRequested() {
      requested = true
      if (refs.status.value !== 'signed-in') refs.status.value = 'signing-in'
    },
  }
}

import { computed, getCurrentInstance, onMounted, shallowRef, toValue, watch } from 'vue'
import type { MaybeRefOrGetter, Ref, ShallowRef } from 'vue'
import type { Channel, SockudoError } from '../../core'
import type { SockudoContext } from '../plugin/context'
import type { ChannelHold, HoldSettings } from '../plugin/registry'
import { isServerRendering } from './env'
import { tryOnScopeDispose } from './scope'

/** Options of a shared channel hold. */
export interface ChannelHoldOptions extends HoldSettings {
  /** Hold the channel only while true. @default true */
  enabled?: MaybeRefOrGetter<boolean>
}

/** A composable's claim on a shared channel, following a reactive name. @internal */
export interface ChannelHoldState<C = Channel> {
  /** The channel name currently held (null when disabled or inert). */
  name: Readonly<Ref<string | null>>
  /** The held client channel. */
  channel: Readonly<ShallowRef<C | null>>
  /** Why the channel could not be held (options conflict), else null. */
  error: Readonly<ShallowRef<SockudoError | null>>
}

/**
 * Holds the shared subscription of `source` for the current scope (in a component: from its
 * mount on, so hydration sees the server-rendered state): moves it when the name
 * (or `enabled`) changes, releases it on scope dispose. Inert during server rendering.
 * A filter/delta conflict throws in development builds and lands in `error` in both.
 * @internal
 */
export function useChannelHold(
  sockudo: SockudoContext,
  source: MaybeRefOrGetter<string | null | undefined>,
  options: ChannelHoldOptions = {},
): ChannelHoldState {
  const channel = shallowRef<Channel | null>(null)
  const error = shallowRef<SockudoError | null>(null)
  const wanted = computed(() => (toValue(options.enabled ?? true) ? toValue(source) || null : null))
  const name = computed(() => (channel.value ? wanted.value : null))
  if (isServerRendering()) return { name, channel, error }

  let hold: ChannelHold<Channel> | undefined
  const settings: HoldSettings = { filter: options.filter, delta: options.delta, rewind: options.rewind }
  const move = (next: string | null, throwInDev: boolean): void => {
    hold?.release()
    hold = undefined
    error.value = null
    if (next && !sockudo.disposed) {
      try {
        hold = sockudo._registry.acquire(next, settings)
      } catch (cause) {
        error.value = cause as SockudoError
        if (__DEV__ && throwInDev) throw cause
      }
    }
    channel.value = hold?.channel ?? null
  }
  // In a component, hold from onMounted: holding during setup would flip the store's status to
  // `subscribing` while a server-rendered page hydrates, and the markup would no longer match.
  const instance = getCurrentInstance()
  let started = !instance || instance.isMounted
  if (started) move(wanted.value, true)
  else onMounted(() => {
    started = true
    move(wanted.value, true)
  })
  watch(wanted, (next) => started && move(next, false), { flush: 'sync' })
  tryOnScopeDispose(() => move(null, false))
  return { name, channel, error }
}

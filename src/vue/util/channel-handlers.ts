import { watch } from 'vue'
import type { ShallowRef } from 'vue'
import type { Channel, EventCallback, GlobalCallback, Unsubscribe } from '../../core'
import { tryOnScopeDispose } from './scope'

/** A channel event listener: payload and per-event metadata. */
export type ChannelListener = EventCallback
/** A catch-all channel listener: event name, payload, the whole event. */
export type ChannelGlobalListener = GlobalCallback

interface Binding {
  attach(channel: Channel): Unsubscribe
  detach?: Unsubscribe
}

/**
 * Listeners that follow a held channel: bound to the current channel, moved when it
 * changes, removed on scope dispose. @internal
 */
export function useChannelListeners(channel: Readonly<ShallowRef<Channel | null>>): {
  on(event: string, listener: ChannelListener): Unsubscribe
  onAny(listener: ChannelGlobalListener): Unsubscribe
} {
  const bindings = new Set<Binding>()
  const add = (binding: Binding): Unsubscribe => {
    bindings.add(binding)
    if (channel.value) binding.detach = binding.attach(channel.value)
    return () => {
      binding.detach?.()
      binding.detach = undefined
      bindings.delete(binding)
    }
  }
  watch(
    channel,
    (next) => {
      for (const binding of bindings) {
        binding.detach?.()
        binding.detach = next ? binding.attach(next) : undefined
      }
    },
    { flush: 'sync' },
  )
  tryOnScopeDispose(() => {
    for (const binding of bindings) binding.detach?.()
    bindings.clear()
  })
  return {
    on: (event, listener) => add({ attach: (c) => c.bind(event, listener) }),
    onAny: (listener) => add({ attach: (c) => c.bindGlobal(listener) }),
  }
}

import { readonly, ref, shallowRef } from 'vue'
import type { Ref, ShallowRef } from 'vue'
import { SockudoPushRegistration } from '../../core'
import type { ProxyEndpointOptions, PushChannelSubscription, PushDevice, PushPublishAccepted, PushPublishRequest, SockudoError } from '../../core'
import { SockudoVueError } from '../errors'
import { injectSockudo } from '../util/inject-sockudo'
import type { SockudoComposableOptions } from '../util/inject-sockudo'

/** Options of {@link usePush}. */
export interface UsePushOptions extends SockudoComposableOptions {
  /** The app's push proxy route (`createPushProxy` of `@sockudo/vue/server`). @default the plugin option `push` */
  endpoint?: ProxyEndpointOptions
}

/** Return value of {@link usePush}. */
export interface UsePushReturn {
  /** The underlying helper, for calls this composable does not wrap (lists, scheduling, status). */
  registration: SockudoPushRegistration
  /** The device registered through {@link UsePushReturn.register}; null before. */
  device: Readonly<ShallowRef<PushDevice | null>>
  /** Identity token from the registration answer, sent with the device's own calls; null when none. */
  deviceIdentityToken: Readonly<Ref<string | null>>
  /** Channels this device subscribed through this composable (or found by `refresh()`). */
  channels: Readonly<Ref<readonly string[]>>
  /** A call is in flight. */
  pending: Readonly<Ref<boolean>>
  /** Last failure (proxy refusal, server error, no device yet); cleared by the next successful call. */
  error: Readonly<ShallowRef<SockudoError | null>>
  /** Registers the device (or updates it, with its identity token once known). */
  register(device: PushDevice): Promise<void>
  /** Deletes the registered device and forgets its channels. */
  unregister(): Promise<void>
  /** Subscribes the registered device to `channel`'s pushes; `extra` fills fields the server asks for (e.g. `tokenHash`). */
  subscribe(channel: string, extra?: Partial<PushChannelSubscription>): Promise<void>
  /** Removes the registered device's subscription to `channel`. */
  unsubscribe(channel: string): Promise<void>
  /** Reads the registered device's channel subscriptions into `channels`. */
  refresh(): Promise<void>
  /** Publishes a push (asynchronous on the server; the proxy decides whether the user may). */
  publish(request: PushPublishRequest): Promise<PushPublishAccepted>
}

/** Provider of a channel subscription, from the device's transport. */
const PROVIDERS: Record<string, PushChannelSubscription['provider']> = { gcm: 'fcm', apns: 'apns', web: 'webPush', hms: 'hms', wns: 'wns', realtime: 'realtime' }

const field = (value: unknown, key: string): string | undefined => {
  const v = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined
  return typeof v === 'string' ? v : undefined
}

/**
 * Push notifications for this browser's device over the app's push proxy (plugin option `push`,
 * served by `createPushProxy`): register the device, subscribe it to channels, publish. Every
 * call records `pending` and `error`; state is per component.
 */
export function usePush(options: UsePushOptions = {}): UsePushReturn {
  const sockudo = injectSockudo('usePush', options)
  const endpoint = options.endpoint ?? sockudo._settings.push
  const registration = new SockudoPushRegistration(endpoint ?? { endpoint: '' })
  const device = shallowRef<PushDevice | null>(null)
  const token = ref<string | null>(null)
  const tokenHash = ref<string | null>(null)
  const channels = ref<string[]>([])
  const pending = ref(false)
  const error = shallowRef<SockudoError | null>(null)
  const run = async <T>(call: () => Promise<T>): Promise<T> => {
    pending.value = true
    try {
      const result = await call()
      error.value = null
      return result
    } catch (cause) {
      error.value = cause as SockudoError
      throw cause
    } finally {
      pending.value = false
    }
  }
  const registered = (): PushDevice => {
    if (device.value) return device.value
    throw new SockudoVueError('vue/unsupported', __DEV__ ? '[sockudo] usePush(): register() the device before subscribing it to channels.' : 'vue/unsupported')
  }
  const tokenArg = (): string | undefined => token.value ?? undefined
  return {
    registration,
    device: readonly(device) as Readonly<ShallowRef<PushDevice | null>>,
    deviceIdentityToken: readonly(token),
    channels: readonly(channels),
    pending: readonly(pending),
    error: readonly(error) as Readonly<ShallowRef<SockudoError | null>>,
    register: (next) =>
      run(async () => {
        const answer = token.value ? await registration.updateDeviceRegistration(next, token.value) : await registration.activateDevice(next)
        token.value = field(answer, 'deviceIdentityToken') ?? token.value
        tokenHash.value = field(answer, 'tokenHash') ?? field((answer as { push?: unknown } | null)?.push, 'tokenHash') ?? tokenHash.value
        device.value = next
      }),
    unregister: () =>
      run(async () => {
        await registration.deleteDeviceRegistration(registered().id, tokenArg())
        device.value = null
        token.value = null
        channels.value = []
      }),
    subscribe: (channel, extra = {}) =>
      run(async () => {
        const d = registered()
        const subscription: PushChannelSubscription = {
          channel, deviceId: d.id, provider: PROVIDERS[d.push.recipient.transportType] ?? 'realtime', tokenHash: tokenHash.value ?? '',
          ...(d.clientId === undefined ? {} : { clientId: d.clientId }), ...extra,
        }
        await registration.upsertChannelSubscription(subscription, tokenArg())
        if (!channels.value.includes(channel)) channels.value = [...channels.value, channel]
      }),
    unsubscribe: (channel) =>
      run(async () => {
        await registration.deleteChannelSubscriptions({ channel, deviceId: registered().id })
        channels.value = channels.value.filter((c) => c !== channel)
      }),
    refresh: () =>
      run(async () => {
        const page = await registration.listChannelSubscriptions({ deviceId: registered().id })
        channels.value = page.items.map((s) => s.channel)
      }),
    publish: (request) => run(() => registration.publish(request)),
  }
}

import { SockudoError } from '../core'
import type { SockudoErrorOptions } from '../core'

/** Code of a {@link SockudoVueError}. */
export type SockudoVueErrorCode =
  | 'vue/pinia-missing'
  | 'vue/already-installed'
  | 'vue/not-installed'
  | 'vue/no-injection-context'
  | 'vue/disposed'
  | 'vue/channel-options-conflict'
  | 'vue/not-presence-channel'
  | 'vue/unsupported'

/**
 * Misuse of the Vue plugin or a composable (missing Pinia, second install, call outside an
 * app, conflicting channel options). The message always says how to fix it.
 */
export class SockudoVueError extends SockudoError {
  override name = 'SockudoVueError'
  declare readonly code: SockudoVueErrorCode

  constructor(code: SockudoVueErrorCode, message: string, options: SockudoErrorOptions = {}) {
    super(code, message, options)
  }
}

/**
 * A second holder of a shared channel asked for a `filter` or `delta` setting that differs
 * from the one the channel was subscribed with. The existing subscription is kept unchanged
 * (never silently overwritten); use another channel name, or give both holders the same
 * settings.
 */
export class ChannelOptionsConflictError extends SockudoVueError {
  override name = 'ChannelOptionsConflictError'
  /** The option that differs. */
  readonly option: 'filter' | 'delta'

  constructor(channel: string, option: 'filter' | 'delta') {
    super(
      'vue/channel-options-conflict',
      __DEV__
        ? `[sockudo] useChannel('${channel}') asked for a different \`${option}\` than the component that ` +
          `already holds this channel. One channel has one subscription, so its settings cannot differ ` +
          `between holders: pass the same \`${option}\` everywhere, or omit it in the second holder to ` +
          `share the existing one.`
        : `useChannel('${channel}'): \`${option}\` differs from the existing subscription's`,
      { channel },
    )
    this.option = option
  }
}

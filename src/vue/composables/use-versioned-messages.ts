import { computed, shallowRef } from 'vue'
import type { MaybeRefOrGetter, Ref, ShallowRef } from 'vue'
import { VersionedMessageStore, createVersionedMessages, reduceVersionedMessageEvent } from '../../core'
import type { CreateMessageRequest, MessageAck, MessageMutation, VersionedMessageState, SockudoError, SockudoEvent, VersionedMessagesClient } from '../../core'
import { SockudoVueError } from '../errors'
import type { SockudoContext } from '../plugin/context'
import { useChannelHold } from '../util/channel-hold'
import type { ChannelHoldOptions } from '../util/channel-hold'
import { useHistoryFeed } from '../util/history-feed'
import { injectSockudo } from '../util/inject-sockudo'
import type { SockudoComposableOptions } from '../util/inject-sockudo'

/** Options of {@link useVersionedMessages}. */
export interface UseVersionedMessagesOptions extends SockudoComposableOptions, ChannelHoldOptions {
  /**
   * Seed the list from the channel's history (latest version of each message) on every
   * subscription; `{ limit }` sets the page size.
   * @default true
   */
  history?: boolean | { limit?: number }
  /**
   * The connection's `append_mode`. Leave it unset: it must match what the server sends this
   * connection, which is the client's `appendMode` option.
   * @default the client's `appendMode` (`client.appendMode`)
   */
  appendMode?: 'delta' | 'full'
  /** Keep deleted messages in `messages` (their `action` is `message.delete`). @default false */
  keepDeleted?: boolean
}

/** Return value of {@link useVersionedMessages}. */
export interface UseVersionedMessagesReturn<T = unknown> {
  /** Current version of every message, in history order. */
  messages: Readonly<Ref<readonly VersionedMessageState<T>[]>>
  /** Older pages of history exist. */
  hasMore: Readonly<Ref<boolean>>
  /** History is being read. */
  loading: Readonly<Ref<boolean>>
  /** Last failure (history read, an event the reducer rejected, a proxy call), else null. */
  error: Readonly<Ref<SockudoError | null>>
  /** Reads older history. */
  loadMore(): Promise<void>
  /** Publishes a new message through the versioned-messages proxy. */
  create(data: T, request?: Omit<CreateMessageRequest, 'data'>): Promise<MessageAck>
  /** Appends a text fragment to a message. */
  append(messageSerial: string, text: string, mutation?: Omit<MessageMutation, 'data' | 'name' | 'clearFields'>): Promise<MessageAck>
  /** Replaces fields of a message (shallow patch of `data`). */
  update(messageSerial: string, mutation: MessageMutation): Promise<MessageAck>
  /** Deletes a message (it may keep replacement data). */
  delete(messageSerial: string, mutation?: Omit<MessageMutation, 'name'>): Promise<MessageAck>
}

/**
 * A channel's versioned messages as a reactive list: creates, updates, deletes and
 * appends arriving on the channel are applied through the core reducer, after the list was
 * seeded from history (so late joiners see accumulated content). Actions go through the
 * app's versioned-messages proxy (plugin option `versionedMessages`); their results arrive
 * as realtime events like everyone else's.
 */
export function useVersionedMessages<T = unknown>(
  name: MaybeRefOrGetter<string | null | undefined>,
  options: UseVersionedMessagesOptions = {},
): UseVersionedMessagesReturn<T> {
  const { history = true, keepDeleted = false } = options
  const sockudo = injectSockudo('useVersionedMessages', options)
  const appendMode = options.appendMode ?? sockudo.client.appendMode
  const hold = useChannelHold(sockudo, name, options)
  const store = new VersionedMessageStore<T>({ appendMode })
  const all = shallowRef<VersionedMessageState<T>[]>([])
  const failure = shallowRef<SockudoError | null>(null)
  const refresh = (): void => void (all.value = store.list())
  const apply = (event: SockudoEvent, seed: boolean): void => {
    try {
      if (!seed) return void store.apply(event)
      const state = reduceVersionedMessageEvent<T>(null, event, { appendMode: 'full' })
      if (state) store.seed(state)
    } catch (cause) {
      failure.value = cause as SockudoError
    }
  }
  store.on('change', refresh)
  const feed = useHistoryFeed(
    hold.channel,
    {
      reset: () => {
        store.clear()
        refresh()
      },
      history: (events) => events.forEach((event) => apply(event, true)),
      live: (event) => apply(event, false),
    },
    { history: history !== false, limit: (typeof history === 'object' ? history.limit : undefined) ?? 100 },
  )
  const actions = messageActions(() => versionedMessages(sockudo, hold.name.value), failure)
  return {
    messages: computed(() => (keepDeleted ? all.value : all.value.filter((m) => m.action !== 'message.delete'))),
    hasMore: feed.hasMore,
    loading: feed.loading,
    error: computed(() => hold.error.value ?? failure.value ?? feed.error.value),
    loadMore: feed.loadMore,
    ...actions,
  }
}

type MessageActions<T> = Pick<UseVersionedMessagesReturn<T>, 'create' | 'append' | 'update' | 'delete'>

/** The proxy-backed actions; a failure is also put into `failure`. */
function messageActions<T>(proxy: () => VersionedMessagesClient, failure: ShallowRef<SockudoError | null>): MessageActions<T> {
  const track = async (call: () => Promise<MessageAck>): Promise<MessageAck> => {
    try {
      return await call()
    } catch (cause) {
      failure.value = cause as SockudoError
      throw cause
    }
  }
  return {
    create: (data, request = {}) => track(() => proxy().createMessage({ ...request, data })),
    append: (serial, text, mutation) => track(() => proxy().appendMessage(serial, text, mutation)),
    update: (serial, mutation) => track(() => proxy().updateMessage(serial, mutation)),
    delete: (serial, mutation) => track(() => proxy().deleteMessage(serial, mutation)),
  }
}

function versionedMessages(sockudo: SockudoContext, channel: string | null): VersionedMessagesClient {
  if (!channel) {
    throw new SockudoVueError('vue/unsupported', '[sockudo] useVersionedMessages() holds no channel yet (disabled or server rendering).')
  }
  return createVersionedMessages({ endpoint: '', ...sockudo._settings.versionedMessages, channel })
}

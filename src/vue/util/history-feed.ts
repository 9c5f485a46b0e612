import { ref, shallowRef, watch } from 'vue'
import type { Ref, ShallowRef } from 'vue'
import type { Channel, HistoryPage, SockudoError, SockudoEvent, Unsubscribe } from '../../core'
import { tryOnScopeDispose } from './scope'

/** What a history feed does with what it reads. @internal */
export interface HistoryFeedSink {
  /** A new subscription starts (name change, resubscribe after reconnect): forget everything. */
  reset(): void
  /** A page of stored messages, oldest first; `older` for pages loaded with `loadMore()`. */
  history(events: SockudoEvent[], older: boolean): void
  /** A live message (after the first page, so history and live never interleave). */
  live(event: SockudoEvent): void
}

/** Settings of a history feed. @internal */
export interface HistoryFeedSettings {
  /** Page size. */
  limit: number
  /** Read history at all (else live messages only). */
  history: boolean
}

/** State and actions of a history feed. @internal */
export interface HistoryFeed {
  loading: Ref<boolean>
  hasMore: Ref<boolean>
  error: ShallowRef<SockudoError | null>
  /** Reads the newest page again (after which live messages follow). */
  reload(): Promise<void>
  /** Reads the next older page. */
  loadMore(): Promise<void>
}

const oldestFirst = (page: HistoryPage): SockudoEvent[] => page.items.map((item) => item.event).reverse()

/**
 * "History, then live" for one channel at a time. On every successful subscription it reads
 * the newest page up to the attach serial (`untilAttach`) and buffers live messages until
 * that page is in. Live delivery is strictly above the attach serial, so the result has no
 * gap and no duplicate (v2-features.md §4.3). Answers for an older generation (name change,
 * resubscription) are dropped.
 */
class HistoryFeedRunner implements HistoryFeed {
  readonly loading = ref(false)
  readonly hasMore = ref(false)
  readonly error = shallowRef<SockudoError | null>(null)
  private channel: Channel | null = null
  private generation = 0
  private ready = false
  private buffer: SockudoEvent[] = []
  private last: HistoryPage | undefined
  private offs: Unsubscribe[] = []

  constructor(private readonly sink: HistoryFeedSink, private readonly settings: HistoryFeedSettings) {}

  /** Follows `channel` (null: none). */
  follow(channel: Channel | null): void {
    this.stop()
    this.channel = channel
    this.sink.reset()
    if (!channel) return
    this.offs = [
      channel.bindGlobal((_name, _data, event) => this.deliver(event)),
      channel.on('state_change', ({ current }) => void (current === 'subscribed' && this.reload())),
    ]
    if (channel.subscribed) void this.reload()
  }

  /** Stops listening; pending answers are dropped. */
  stop(): void {
    for (const off of this.offs.splice(0)) off()
    this.generation++
    this.ready = false
    this.loading.value = false
  }

  readonly reload = async (): Promise<void> => {
    const gen = this.begin()
    if (!this.channel || !this.settings.history) return this.settle()
    const params = { untilAttach: true, limit: this.settings.limit, direction: 'newest_first' } as const
    await this.read(gen, () => this.channel!.channelHistory(params), false)
    if (gen === this.generation) this.settle()
  }

  readonly loadMore = async (): Promise<void> => {
    const last = this.last
    if (!last?.hasMore || this.loading.value) return
    await this.read(this.generation, () => last.next(), true)
  }

  private begin(): number {
    this.generation++
    this.ready = false
    this.buffer = []
    this.last = undefined
    this.hasMore.value = false
    this.error.value = null
    this.sink.reset()
    return this.generation
  }

  private async read(gen: number, fetchPage: () => Promise<HistoryPage | null>, older: boolean): Promise<void> {
    this.loading.value = true
    try {
      const page = await fetchPage()
      if (gen !== this.generation) return
      if (page) this.sink.history(oldestFirst(page), older)
      this.last = page ?? undefined
      this.hasMore.value = page?.hasMore ?? false
    } catch (cause) {
      if (gen === this.generation) this.error.value = cause as SockudoError
    } finally {
      if (gen === this.generation) this.loading.value = false
    }
  }

  private deliver(event: SockudoEvent): void {
    if (event.serial === undefined) return
    if (this.ready) this.sink.live(event)
    else this.buffer.push(event)
  }

  private settle(): void {
    this.ready = true
    for (const event of this.buffer.splice(0)) this.sink.live(event)
  }
}

/** Runs a {@link HistoryFeedRunner} on a held channel for the current scope. @internal */
export function useHistoryFeed(channel: Readonly<ShallowRef<Channel | null>>, sink: HistoryFeedSink, settings: HistoryFeedSettings): HistoryFeed {
  const runner = new HistoryFeedRunner(sink, settings)
  watch(channel, (next) => runner.follow(next), { immediate: true, flush: 'sync' })
  tryOnScopeDispose(() => runner.stop())
  return runner
}

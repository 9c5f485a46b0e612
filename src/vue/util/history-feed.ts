import { ref, shallowRef, watch } from 'vue'
import type { Ref, ShallowRef } from 'vue'
import { compareSerials } from '../../core'
import type { Channel, HistoryPage, HistoryParams, SockudoError, SockudoEvent, Unsubscribe } from '../../core'
import { tryOnScopeDispose } from './scope'

/** What a history feed does with what it reads. @internal */
export interface HistoryFeedSink {
  /** A new subscription starts (name change, resubscribe after reconnect): forget everything. */
  reset(): void
  /** A page of stored messages, oldest first; `older` for pages loaded with `loadMore()`. */
  history(events: SockudoEvent[], older: boolean): void
  /** A live message (after the first page, so history and live never interleave). */
  live(event: SockudoEvent): void
  /**
   * Messages read after a resubscription of the same channel (reconnect), oldest first: they
   * go among what is kept instead of replacing it. Without it a resubscription starts over.
   */
  merge?(events: SockudoEvent[]): void
  /** Serial of the newest kept message, where the catch-up after a resubscription can stop. */
  newest?(): string | undefined
}

/** Settings of a history feed. @internal */
export interface HistoryFeedSettings {
  /** Page size. */
  limit: number
  /** Read history at all (else live messages only). */
  history: boolean
  /** Reads one page. @default the socket's `channel.channelHistory(params)` */
  read?: (channel: Channel, params: HistoryParams) => Promise<HistoryPage>
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
 * gap and no duplicate (sockudo-adapter 5.2.0 src/handler/history_frames.rs). Answers for an older generation (name change,
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
  /** The newest page of the current channel was read once: a resubscription catches up instead. */
  private loaded = false

  constructor(private readonly sink: HistoryFeedSink, private readonly settings: HistoryFeedSettings) {}

  /** Follows `channel` (null: none). */
  follow(channel: Channel | null): void {
    this.stop()
    this.channel = channel
    this.loaded = false
    this.sink.reset()
    if (!channel) return
    this.offs = [
      channel.bindGlobal((_name, _data, event) => this.deliver(event)),
      channel.on('state_change', ({ current }) => void (current === 'subscribed' && (this.loaded && this.sink.merge ? this.catchUp() : this.reload()))),
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
    const channel = this.channel
    await this.read(gen, () => this.page(channel), false)
    if (gen !== this.generation) return
    this.loaded = this.error.value === null
    this.settle()
  }

  /**
   * After a resubscription of the same channel: reads newest pages back to the newest kept
   * message and merges them, so older pages loaded before the drop stay (and `loadMore()`
   * keeps paging from where it was).
   */
  private readonly catchUp = async (): Promise<void> => {
    const gen = ++this.generation
    const channel = this.channel!
    const newest = this.sink.newest?.()
    this.ready = false
    this.buffer = []
    this.error.value = null
    this.loading.value = true
    try {
      const events: SockudoEvent[] = []
      let page: HistoryPage | null = await this.page(channel)
      while (page && gen === this.generation) {
        const batch = oldestFirst(page)
        events.unshift(...batch)
        const oldest = batch[0]?.serial
        if (!page.hasMore || newest === undefined || oldest === undefined || compareSerials(oldest, newest) <= 0) break
        page = await page.next()
      }
      if (gen === this.generation) this.sink.merge!(events)
    } catch (cause) {
      if (gen === this.generation) this.error.value = cause as SockudoError
    } finally {
      if (gen === this.generation) {
        this.loading.value = false
        this.settle()
      }
    }
  }

  /** The newest page up to the attach serial. */
  private page(channel: Channel): Promise<HistoryPage> {
    const params: HistoryParams = { untilAttach: true, limit: this.settings.limit, direction: 'newest_first' }
    return this.settings.read ? this.settings.read(channel, params) : channel.channelHistory(params)
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

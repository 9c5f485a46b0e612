import type { Ref } from 'vue'
import type { Channel, RecoveryPosition, SockudoEvent } from '../../core'
import type { SockudoContext } from '../../vue'
import type { ChannelEntry } from '../stores/types'
import { toErrorInfo } from './error-info'
import { own } from './dict'
import { untilDisposed } from './lifecycle'

/** The state refs of the channels store, as bind writes them. @internal */
export interface ChannelsStoreRefs {
  channels: Ref<Record<string, ChannelEntry>>
}

/**
 * Mirrors every client channel into the channels store until either is disposed. An entry
 * is created when the client has the channel and removed once the client forgets it.
 * @internal
 */
export function bindChannelsStore(sockudo: SockudoContext, refs: ChannelsStoreRefs): void {
  const { client, _registry: registry } = sockudo
  const entries = refs.channels
  /** The entry of a channel the client knows (created on first use), else undefined. */
  const entry = (name: string): ChannelEntry | undefined => {
    const existing = own(entries.value, name)
    if (existing) return existing
    const channel = client.channel(name)
    if (!channel) return undefined
    entries.value[name] = newEntry(channel, registry.holders(name))
    return entries.value[name]
  }
  const forgetLater = (name: string): void =>
    queueMicrotask(() => {
      if (!client.channel(name)) delete entries.value[name]
    })
  for (const channel of client.allChannels()) entry(channel.name)
  const counter = createEventCounter((name, tally, at) => {
    const e = entry(name)
    if (e) applyTally(e, tally, at, client.getRecoveryPosition(name))
  })
  untilDisposed(sockudo, [
    client.on('subscription_state', ({ channel, current, error }) => {
      const e = entry(channel)
      if (!e) return forgetLater(channel)
      e.status = current
      if (error) e.error = toErrorInfo(error)
      if (current === 'subscribed') {
        e.error = null
        e.attachSerial = client.channel(channel)?.attachSerial ?? null
      }
      if (current === 'unsubscribed') forgetLater(channel)
    }),
    client.on('channel_error', ({ channel, error }) => {
      const e = entry(channel)
      if (e) e.error = toErrorInfo(error)
    }),
    client.on('subscription_count', ({ channel, count }) => {
      const e = entry(channel)
      if (e) e.subscriptionCount = count
    }),
    client.on('event', (event) => {
      if (event.channel !== undefined) counter.count(event.channel, event)
    }),
    () => counter.cancel(),
    registry.events.on('holders', (name, holders) => {
      const e = entry(name)
      if (e) e.holders = holders
    }),
    registry.events.on('released', forgetLater),
  ])
}

/** Events of one channel since the store was last written. */
interface Tally {
  count: number
  last: SockudoEvent
}

/**
 * Counts events in plain memory and writes the store once per macrotask: a reactive write per
 * event (count, name, time, position) cost more than the whole delivery, while the store only
 * needs to be current by the time anything renders.
 */
function createEventCounter(write: (name: string, tally: Tally, at: number) => void): { count(name: string, event: SockudoEvent): void; cancel(): void } {
  let pending = new Map<string, Tally>()
  let timer: ReturnType<typeof setTimeout> | undefined
  const flush = (): void => {
    timer = undefined
    const tallies = pending
    pending = new Map()
    // One clock read per batch, not per event: the batch's last event arrived in the task just before.
    const at = Date.now()
    for (const [name, tally] of tallies) write(name, tally, at)
  }
  return {
    count(name, event) {
      const tally = pending.get(name)
      if (tally) {
        tally.count++
        tally.last = event
      } else pending.set(name, { count: 1, last: event })
      timer ??= setTimeout(flush, 0)
    },
    cancel() {
      if (timer !== undefined) clearTimeout(timer)
      timer = undefined
      pending.clear()
    },
  }
}

/** Writes a tally; the position is the client's recovery position, else the last event's own. */
function applyTally(e: ChannelEntry, tally: Tally, at: number, recovery: RecoveryPosition | null): void {
  const event = tally.last
  e.eventCount += tally.count
  e.lastEventName = event.event
  e.lastEventAt = at
  if (recovery) {
    e.recoveryPosition = { ...recovery }
  } else if (event.serial !== undefined) {
    const position: ChannelEntry['recoveryPosition'] = { serial: event.serial }
    if (event.streamId !== undefined) position.streamId = event.streamId
    if (event.messageId !== undefined) position.lastMessageId = event.messageId
    e.recoveryPosition = position
  }
}

function newEntry(channel: Channel, holders: number): ChannelEntry {
  return {
    name: channel.name,
    status: channel.state,
    error: channel.error ? toErrorInfo(channel.error) : null,
    subscriptionCount: channel.subscriptionCount ?? null,
    eventCount: 0,
    lastEventName: null,
    lastEventAt: null,
    attachSerial: channel.attachSerial ?? null,
    recoveryPosition: null,
    filter: plain(channel.options.filter),
    delta: plain(channel.options.delta),
    holders,
  }
}

/** Copies an option value into plain JSON data (store state must serialize). */
function plain(value: unknown): unknown {
  return value === undefined ? null : (JSON.parse(JSON.stringify(value)) as unknown)
}

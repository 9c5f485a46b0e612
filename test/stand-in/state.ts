/** In-memory server state: apps, channels, presence rosters, users. */
import type { ResolvedApp } from './config'
import type { ServerFrame } from './frame'
import type { Session } from './session'
import { uuid } from './util'

/** One stored message of the durable history / replay buffer. */
export interface StoredMessage {
  /** The V2 wire frame as delivered (metadata included). */
  frame: ServerFrame
  serial: bigint
  historySerial: bigint
  publishedAtMs: number
}

/** A presence member (one per user id, possibly several sockets). */
export interface PresenceMember {
  userId: string
  info: unknown
  sockets: Set<Session>
  /** Pending ungraceful-removal timer. */
  removalTimer?: NodeJS.Timeout
}

/** Per-channel state. */
export interface ChannelState {
  name: string
  subscribers: Set<Session>
  members: Map<string, PresenceMember>
  /** Stream id of the live (delivery / replay / version store) serials: what live frames carry and `resume` compares. */
  streamId: string
  /**
   * Stream id of the durable history store. The real server (5.2) keeps a separate one when versioned
   * messages are on: it is what `subscription_succeeded` and history pages carry. Read it through
   * {@link historyStreamId}.
   */
  historyStreamId: string
  /**
   * The replay buffer's current stream id (undefined = no buffer yet). A V2 subscribe creates the
   * buffer with the history stream id when it is empty; the first buffered message switches it to
   * the live stream id (as real 5.2 does), so a resume naming the other id fails with stream_reset.
   */
  replayStreamId?: string
  /** Last delivery serial handed out (0 = none). */
  serial: bigint
  /** Last history serial handed out. */
  historySerial: bigint
  history: StoredMessage[]
  replay: StoredMessage[]
  /** Oldest serial still in the history (after purge/retention). */
  cache?: { frame: ServerFrame; expiresAtMs: number }
}

/** Per-app state. */
export interface AppState {
  config: ResolvedApp
  sessions: Set<Session>
  channels: Map<string, ChannelState>
  users: Map<string, Set<Session>>
  revokedJtis: Set<string>
  revokedClientIds: Set<string>
  idempotency: Map<string, { body: string; expiresAtMs: number }>
  /** Extension slots for feature modules (versioned messages, presence history, push). */
  ext: Map<string, unknown>
}

export function createAppState(config: ResolvedApp): AppState {
  return {
    config, sessions: new Set(), channels: new Map(), users: new Map(),
    revokedJtis: new Set(), revokedClientIds: new Set(), idempotency: new Map(), ext: new Map(),
  }
}

/** Returns (creating when missing) the state of a channel. */
export function channelState(app: AppState, name: string): ChannelState {
  let state = app.channels.get(name)
  if (!state) {
    state = { name, subscribers: new Set(), members: new Map(), streamId: uuid(), historyStreamId: uuid(), serial: 0n, historySerial: 0n, history: [], replay: [] }
    app.channels.set(name, state)
  }
  return state
}

/** The history store's stream id: its own with versioned messages on, else the live stream's (one store assigns both). */
export function historyStreamId(app: AppState, ch: ChannelState): string {
  return app.config.history && app.config.versionedMessages ? ch.historyStreamId : ch.streamId
}

/** New stream generation for both stores (serials restart, history and buffer dropped). */
export function resetStreams(ch: ChannelState): void {
  ch.streamId = uuid()
  ch.historyStreamId = uuid()
  ch.replayStreamId = undefined
  ch.replay = []
  ch.history = []
  ch.serial = 0n
  ch.historySerial = 0n
}

/** A channel is occupied while it has subscribers. */
export const isOccupied = (state: ChannelState | undefined): boolean => (state?.subscribers.size ?? 0) > 0

/** Registers a socket under a user id (signin, presence user_id or token client id). */
export function registerUser(app: AppState, userId: string, session: Session): void {
  let set = app.users.get(userId)
  if (!set) app.users.set(userId, (set = new Set()))
  set.add(session)
}

export function unregisterUser(app: AppState, userId: string, session: Session): void {
  const set = app.users.get(userId)
  if (!set) return
  set.delete(session)
  if (set.size === 0) app.users.delete(userId)
}

import { createChannelAuthorizer, createUserAuthenticator } from '../auth/authorizers'
import type { TokenManager } from '../auth/token'
import type { ChannelContext } from '../channels/context'
import { eventData, toSockudoEvent } from '../message/event'
import { CallbackRegistry } from '../channels/callbacks'
import { ChannelRegistry } from '../channels/registry'
import type { ChannelEvents } from '../channels/types'
import { Connection } from '../connection/connection'
import { buildSocketUrl } from '../connection/url'
import { ConnectionError } from '../errors'
import { TypedEmitter, rethrowLater } from '../events'
import type { HistoryRequester } from '../history/requester'
import { createFrameIO } from '../codecs/frame-io'
import type { InboundFrame, OutboundFrame } from '../protocol/frame'
import { createProtocolNames, type ProtocolNames } from '../protocol/names'
import { runInbound, type DeltaStage, type InboundStages } from '../protocol/pipeline'
import { RequestTracker } from '../protocol/request-tracker'
import { routeFrame } from '../protocol/router'
import type { RecoveryCoordinator } from '../recovery/coordinator'
import { RecoveryPositions } from '../recovery/positions'
import { createWebSocketTransport } from '../transport/websocket-transport'
import { resolveWebSocket } from '../transport/resolve-websocket'
import type { Transport, TransportHandlers } from '../transport/types'
import { User } from '../user/user'
import { systemClock } from '../util/clock'
import type { ClientEvents } from './events'
import { createHandlers } from './handlers'
import { createStats } from './stats'
import type { ResolvedOptions } from './options'

/** @internal Every part of one client, wired together. The public facade is {@link SockudoClient}. */
export class Session {
  readonly names: ProtocolNames
  readonly emitter = new TypedEmitter<ClientEvents>()
  readonly callbacks = new CallbackRegistry(rethrowLater)
  readonly tracker = new RequestTracker()
  readonly connection: Connection
  readonly registry: ChannelRegistry
  readonly user: User
  readonly positions: RecoveryPositions | undefined
  /** The resume exchange, loaded before the first socket opens when recovery is on. */
  private recovery: RecoveryCoordinator | undefined
  private readonly stages: InboundStages
  readonly stats = createStats()

  constructor(private readonly o: ResolvedOptions) {
    const raw = o.raw
    const clock = raw.clock ?? systemClock
    this.names = createProtocolNames(o.version)
    const send = (frame: OutboundFrame) => this.connection.send(frame)
    const socketId = () => this.connection.socketId
    this.positions = raw.connectionRecovery ? new RecoveryPositions() : undefined
    this.user = new User({ names: this.names, tracker: this.tracker, send, socketId, authenticate: createUserAuthenticator(raw.userAuthentication, raw.fetch, clock) })
    this.user.on('signed_in', (info) => this.emitter.emit('signed_in', info))
    this.user.on('error', (e) => this.emitter.emit('error', e))
    this.registry = new ChannelRegistry(this.channelContext(send, socketId))
    this.stages = this.inboundStages(send)
    const stages = this.stages
    this.connection = new Connection({
      config: { activityTimeout: o.activityTimeout, pongTimeout: o.pongTimeout, unavailableTimeout: o.unavailableTimeout, backoff: o.backoff },
      names: this.names, io: createFrameIO(raw.codec), clock, random: raw.random ?? Math.random,
      prepareTransport: () => this.prepareTransport(), appKey: o.key,
      onFrame: (frame) => runInbound(frame, stages),
      stats: this.stats,
    })
    this.connection.on('state_change', (change) => {
      const stopped = change.current === 'disconnected' || change.current === 'failed'
      if (change.previous === 'connected' || stopped) this.connectionLost(!stopped)
      this.emitter.emit('state_change', change)
    })
    this.connection.on('connected', (info) => this.connected(info))
    this.connection.on('error', (e) => this.emitter.emit('error', e))
    this.connection.on('connecting_in', (info) => this.emitter.emit('connecting_in', info))
    raw.network?.subscribe((online) => this.connection.network(online))
  }

  /** The inbound pipeline: dedup → recovery position → delta → route (decrypt and deliver in the channel). */
  private inboundStages(send: (f: OutboundFrame) => boolean): InboundStages {
    const handlers = createHandlers({
      registry: this.registry, tracker: this.tracker, user: this.user, positions: this.positions,
      tokens: { expired: (data) => this.tokens?.expired(data) },
      history: { receive: (frame) => this.history?.receive(frame) },
      recovery: () => this.recovery,
      deliverGlobal: (f) => this.deliverGlobal(f), emit: (e, ...a) => this.emitter.emit(e, ...a),
    })
    const positions = this.positions
    const stats = this.stats
    const names = this.names
    const stages: InboundStages = {
      send, prefix: names.prefix, route: (f) => routeFrame(f, names, handlers),
      dropped: (reason) => void (reason === 'duplicate' ? stats.duplicates++ : stats.deltaFailures++),
    }
    if (positions) stages.record = (f) => positions.record(f)
    if (this.o.raw.deltaStage) stages.delta = this.o.raw.deltaStage
    return stages
  }

  private channelContext(send: (f: OutboundFrame) => boolean, socketId: () => string | undefined): ChannelContext {
    const raw = this.o.raw
    const clock = raw.clock ?? systemClock
    return {
      names: this.names, clock, subscriptionTimeout: this.o.subscriptionTimeout, tracker: this.tracker, send, socketId,
      deltaOn: this.deltaOn,
      authorize: createChannelAuthorizer(raw.channelAuthorization, raw.fetch, clock),
      secretbox: raw.secretbox ?? (() => import('../crypto/secretbox').then((m) => m.loadLibsodiumSecretbox())),
      hasRecoveryPosition: (channel) => this.positions?.get(channel) != null,
      history: async (channel, params) => (await this.loadHistory()).request(channel, params),
      deliver: (event) => this.deliverEvent(event),
      notify: (channel, event, ...args) => this.notify(channel, event, args),
    }
  }

  private notify(channel: string, event: keyof ChannelEvents, args: readonly unknown[]): void {
    const e = this.emitter
    const [a] = args as [never]
    switch (event) {
      case 'state_change':
        return e.emit('subscription_state', { channel, ...(a as ChannelEvents['state_change'][0]) })
      case 'subscription_count':
        return e.emit('subscription_count', { channel, count: a })
      case 'error':
        return e.emit('channel_error', { channel, error: a })
      case 'member_added':
      case 'member_removed':
      case 'member_updated':
        return e.emit(event, { channel, member: a })
      case 'members_reset':
        return e.emit('members_reset', { channel, members: a })
      default:
        return undefined
    }
  }

  /** Drops per-channel state kept outside the channel (recovery position, delta bases). */
  forget(channel: string): void {
    this.positions?.set(channel, null)
    this.stages.delta?.reset?.(channel)
  }

  /** Whether the client decodes deltas (`deltaStage` or `deltaCompression` is set). */
  get deltaOn(): boolean {
    return Boolean(this.o.raw.deltaStage ?? this.o.raw.deltaCompression)
  }

  /** The delta stage in use: the `deltaStage` option, or the one `deltaCompression` loaded. */
  get deltaStage(): DeltaStage | undefined {
    return this.stages.delta
  }

  /** Delivers a frame that belongs to no channel object to client-level listeners. */
  deliverGlobal(frame: InboundFrame): void {
    this.deliverEvent(toSockudoEvent(frame, eventData(frame)))
  }

  private deliverEvent(event: ReturnType<typeof toSockudoEvent>): void {
    this.stats.delivered++
    this.callbacks.emit(event)
    this.emitter.emit('event', event)
  }

  // Token auth and socket history are loaded on first use, so apps without them never
  // download that code (the bundle-size budget counts every byte of the core).
  private tokens: TokenManager | undefined
  private history: HistoryRequester | undefined

  private async loadTokens(): Promise<TokenManager | undefined> {
    const raw = this.o.raw
    if (this.tokens || (raw.token === undefined && !raw.authCallback)) return this.tokens
    const { TokenManager } = await import('../auth/token')
    const deps = { clock: raw.clock ?? systemClock, timeout: raw.tokenTimeout ?? this.o.unavailableTimeout, names: this.names }
    return (this.tokens ??= new TokenManager({
      ...deps, token: raw.token, authCallback: raw.authCallback,
      send: (f) => this.connection.send(f), socketId: () => this.connection.socketId, emitError: (e) => this.emitter.emit('error', e),
    }))
  }

  private async loadHistory(): Promise<HistoryRequester> {
    const { HistoryRequester } = await import('../history/requester')
    const clock = this.o.raw.clock ?? systemClock
    return (this.history ??= new HistoryRequester({ names: this.names, clock, timeout: this.o.subscriptionTimeout, tracker: this.tracker, send: (f) => this.connection.send(f) }))
  }

  /** Loads the delta manager `deltaCompression` asks for, once, before the first socket opens. */
  private async loadDelta(): Promise<void> {
    const setting = this.o.raw.deltaCompression
    if (this.stages.delta || !setting) return
    const { createClientDeltaManager } = await import('../delta/create')
    const isTracked = (channel: string): boolean => this.registry.find(channel) !== undefined
    this.stages.delta ??= createClientDeltaManager(setting === true ? { isTracked } : { ...setting, isTracked })
  }

  /** Loads the dedup window and the recovery coordinator the options ask for, once, before the first socket opens. */
  private async loadStages(): Promise<void> {
    const setting = this.o.raw.messageDeduplication ?? this.o.version === 2
    const positions = this.positions
    const [dedup, recovery] = await Promise.all([
      setting !== false && !this.stages.isDuplicate ? import('../recovery/dedup') : undefined,
      positions && !this.recovery ? import('../recovery/coordinator') : undefined,
    ])
    if (dedup && !this.stages.isDuplicate) {
      const window = new dedup.MessageDeduplicator(typeof setting === 'object' ? setting.capacity : undefined)
      this.stages.isDuplicate = (f) => window.check(f)
    }
    if (recovery && positions && !this.recovery) {
      const coordinator = (this.recovery = new recovery.RecoveryCoordinator({
        positions, clock: this.o.raw.clock ?? systemClock, timeout: this.o.subscriptionTimeout, resumeEvent: this.names.event('resume'),
        send: (f) => this.connection.send(f), socketId: () => this.connection.socketId, deliver: (f) => runInbound(f, this.stages),
      }))
      this.stages.hold = (f) => coordinator.hold(f)
    }
  }

  private async prepareTransport(): Promise<(handlers: TransportHandlers) => Transport> {
    const raw = this.o.raw
    const [tokens] = await Promise.all([this.loadTokens(), this.loadDelta(), this.loadStages()])
    const [ctor, token] = await Promise.all([resolveWebSocket(raw.webSocket), tokens?.forConnect()])
    const url = buildSocketUrl({
      key: this.o.key, host: this.o.host, port: this.o.port, tls: this.o.tls, path: this.o.path, version: this.o.version,
      format: raw.codec?.binary ? raw.codec.queryValue ?? raw.codec.format : undefined,
      echoMessages: raw.echoMessages, appendMode: raw.appendMode, appendRollupWindow: raw.appendRollupWindow, token,
    })
    return (handlers) => createWebSocketTransport(ctor, url, handlers)
  }

  private connected(_info: { socketId: string }): void {
    this.tracker.clear()
    const delta = this.stages.delta
    delta?.reset?.()
    const enable = delta?.enableFrame?.(this.names.prefix)
    if (enable) this.connection.send(enable)
    const wanted = this.registry.all().filter((c) => c._wanted)
    const sent = Promise.all(wanted.map((channel) => channel._subscribe()))
    this.user._connected()
    this.tokens?.connected()
    this.emitter.emit('connected', _info)
    const stillWanted = () => wanted.filter((c) => c._wanted).map((c) => c.name)
    this.recovery?.connected(_info.socketId, wanted.map((c) => c.name), sent, stillWanted)
  }

  private connectionLost(reconnecting: boolean): void {
    this.tracker.clear()
    this.tokens?.cancel()
    this.recovery?.lost()
    this.history?.failAll(new ConnectionError('connection/lost', 'The connection was lost'))
    for (const channel of this.registry.all()) channel._connectionLost(reconnecting)
    this.user._connectionLost()
  }
}

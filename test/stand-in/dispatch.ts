/** Inbound frame routing: prefix stripping and a handler table keyed by canonical name. */
import type { ServerContext } from './context'
import { WsError } from './errors'
import type { ClientFrame } from './frame'
import { handleClientEvent } from './handlers/client-event'
import { handleResume } from './handlers/resume'
import { handleSignin } from './handlers/signin'
import { handleSubscribe, handleUnsubscribe } from './handlers/subscribe'
import { handleAuth } from './handlers/tokens'
import { handleChannelHistory, handleDeltaSyncError, handleEnableDelta, handlePresenceUpdate } from './handlers/v2-misc'
import type { Session } from './session'

type Handler = (ctx: ServerContext, s: Session, frame: ClientFrame) => void

const HANDLERS: Record<string, Handler> = {
  ping: (_ctx, s) => {
    s.pingSent = false
    s.send({ event: 'pusher:pong' })
  },
  pong: (_ctx, s) => {
    s.pingSent = false
  },
  subscribe: handleSubscribe,
  unsubscribe: handleUnsubscribe,
  signin: handleSignin,
  resume: handleResume,
  auth: handleAuth,
  presence_update: handlePresenceUpdate,
  channel_history: handleChannelHistory,
  enable_delta_compression: handleEnableDelta,
  delta_sync_error: handleDeltaSyncError,
}

const PREFIXES = ['pusher_internal:', 'sockudo_internal:', 'pusher:', 'sockudo:']

/** Routes one decoded frame; handler errors become error frames (fatal ones also close). */
export function dispatch(ctx: ServerContext, s: Session, frame: ClientFrame): void {
  const prefix = PREFIXES.find((p) => frame.event.startsWith(p))
  const name = prefix ? frame.event.slice(prefix.length) : frame.event
  let handler: Handler | undefined
  if (!prefix && frame.event.startsWith('client-')) handler = handleClientEvent
  else if (!prefix && name === 'channel_history') handler = handleChannelHistory
  else if (prefix && Object.hasOwn(HANDLERS, name) && !(name === 'presence_update' && prefix.includes('_internal'))) handler = HANDLERS[name]
  if (!handler) return
  try {
    handler(ctx, s, frame)
  } catch (error) {
    if (!(error instanceof WsError)) {
      s.sendError(4000, `Invalid message format: ${(error as Error).message}`)
      return
    }
    s.sendError(error.code, error.message)
    if (error.fatal) s.close(error.code, error.message)
  }
}

/**
 * Unsigned test-only control routes (`POST /_control/<action>`, JSON body), so live tests in
 * other processes can steer the shared server: seed serials, expire tokens, drop replay buffers.
 */
import type { ServerContext } from '../context'
import { expireNow } from '../handlers/tokens'
import { channelState, resetStreams } from '../state'
import { isRecord, toSerial } from '../util'
import { invalidInput } from './respond'

export function handleControl(ctx: ServerContext, path: string, raw: Buffer): unknown {
  let body: Record<string, unknown> = {}
  try {
    const parsed: unknown = raw.length > 0 ? JSON.parse(raw.toString('utf8')) : {}
    if (isRecord(parsed)) body = parsed
  } catch {
    throw invalidInput('control body must be JSON')
  }
  const app = ctx.byId(String(body.appId ?? 'app-id'))
  if (!app) throw invalidInput('unknown appId')
  const channel = typeof body.channel === 'string' ? body.channel : ''
  switch (path) {
    case '/_control/seed-serial': {
      // Next published message on `channel` gets serial `serial` (history serial too).
      const serial = toSerial(body.serial)
      if (serial === undefined || serial < 1n) throw invalidInput('serial must be a positive integer (number or string)')
      const ch = channelState(app, channel)
      ch.serial = serial - 1n
      ch.historySerial = serial - 1n
      ch.history = []
      ch.replay = []
      return { ok: true, channel, next_serial: serial.toString() }
    }
    case '/_control/expire-recovery': {
      const ch = channelState(app, channel)
      ch.replay = []
      return { ok: true }
    }
    case '/_control/reset-stream': {
      const ch = channelState(app, channel)
      resetStreams(ch)
      return { ok: true, stream_id: ch.streamId }
    }
    case '/_control/expire-token': {
      let count = 0
      for (const s of app.sessions) {
        if (s.token && (body.socketId === undefined || s.socketId === body.socketId) && (body.jti === undefined || s.token.jti === body.jti)) {
          expireNow(ctx, s)
          count++
        }
      }
      return { ok: true, expired: count }
    }
    case '/_control/state':
      return { connections: app.sessions.size, channels: [...app.channels.values()].filter((c) => c.subscribers.size > 0).map((c) => c.name) }
    default:
      throw invalidInput(`unknown control action ${path}`)
  }
}

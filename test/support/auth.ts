/** Channel and user signatures (http.md §3), for raw-socket tests. */
import { createHmac } from 'node:crypto'
import { liveTarget, type LiveTarget } from './live'

const hmac = (secret: string, text: string) => createHmac('sha256', secret).update(text).digest('hex')

/** `key:hex` for a private channel, or a presence channel with `channelData`. */
export function channelAuth(socketId: string, channel: string, channelData?: string, t: LiveTarget = liveTarget()): string {
  return `${t.key}:${hmac(t.secret, channelData === undefined ? `${socketId}:${channel}` : `${socketId}:${channel}:${channelData}`)}`
}

/** `key:hex` for signin with `userData`. */
export function userAuth(socketId: string, userData: string, t: LiveTarget = liveTarget()): string {
  return `${t.key}:${hmac(t.secret, `${socketId}::user::${userData}`)}`
}

import WebSocket from 'ws'

/** A raw Pusher-protocol socket: just enough to read the socket id and try a subscription. */
export interface Peer {
  /** Socket id from `pusher:connection_established`. */
  socketId: string
  /** Sends `pusher:subscribe` and resolves with the first answer about it. */
  subscribe(channel: string, auth?: { auth: string, channel_data?: string }): Promise<{ event: string, data: unknown }>
  /** Closes the socket. */
  close(): void
}

interface Frame {
  event: string
  channel?: string
  data?: unknown
}

/** Connects to `ws://host:port/app/{key}` (protocol 7) and waits for the socket id. */
export async function connectPeer(host: string, port: number, key: string): Promise<Peer> {
  const ws = new WebSocket(`ws://${host}:${port}/app/${key}?protocol=7&client=js&version=8.4.0`)
  const frames: Frame[] = []
  const waiters = new Set<() => void>()
  ws.on('message', (raw) => {
    frames.push(JSON.parse(String(raw)) as Frame)
    for (const wake of waiters) wake()
  })
  const next = (match: (frame: Frame) => boolean): Promise<Frame> => new Promise((resolve, reject) => {
    const check = (): void => {
      const index = frames.findIndex(match)
      if (index < 0) return
      waiters.delete(check)
      resolve(frames.splice(index, 1)[0]!)
    }
    ws.once('close', () => reject(new Error('socket closed')))
    waiters.add(check)
    check()
  })
  const established = await next(f => f.event === 'pusher:connection_established')
  const socketId = (JSON.parse(String(established.data)) as { socket_id: string }).socket_id
  return {
    socketId,
    async subscribe(channel, auth) {
      ws.send(JSON.stringify({ event: 'pusher:subscribe', data: { channel, ...auth } }))
      const answer = await next(f => f.channel === channel || f.event === 'pusher:error')
      return { event: answer.event, data: answer.data }
    },
    close: () => ws.close(),
  }
}

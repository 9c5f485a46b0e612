/**
 * Client fuzz (shared by client-fuzz-<format>.live.test.ts): ≥10,000 malformed frames per wire format go into a real SockudoClient over a
 * real socket. Only typed errors may come out (no uncaught exception, no unhandled rejection),
 * every undecodable frame surfaces as an `error` event, and a valid event sent afterwards
 * still arrives on the same connection.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { SockudoClient, SockudoError, type Codec, type WireFormat } from '@sockudo/vue/core'
import { msgpackCodec } from '@sockudo/vue/codecs/msgpack'
import { protobufCodec } from '@sockudo/vue/codecs/protobuf'
import { createFrameIO } from '../../src/core/codecs/frame-io'
import { FUZZ_CHANNELS, fuzzFrame } from './fuzz-frames'
import { startFuzzServer, type FuzzServer } from './fuzz-server'
import { createPrng } from './prng'
import { trapProcessErrors, until } from './support'

const FRAMES = 10_000
const CODECS: Record<WireFormat, Codec | undefined> = { json: undefined, msgpack: msgpackCodec, protobuf: protobufCodec }

let server: FuzzServer | undefined
let client: SockudoClient | undefined
let trap: ReturnType<typeof trapProcessErrors> | undefined

async function cleanup(): Promise<void> {
  trap?.stop()
  client?.disconnect()
  await server?.close()
  client = server = trap = undefined
}

async function connectFuzzed(format: WireFormat): Promise<{ client: SockudoClient; server: FuzzServer; errors: unknown[] }> {
  server = await startFuzzServer()
  const codec = CODECS[format]
  client = new SockudoClient('app-key', {
    wsHost: '127.0.0.1', wsPort: server.port, forceTls: false, protocolVersion: 2, ...(codec ? { codec } : {}),
    channelAuthorization: { customHandler: async () => ({ auth: 'app-key:signature', channel_data: JSON.stringify({ user_id: 'u1', user_info: {} }) }) },
    reconnect: { baseDelay: 20, maxDelay: 100 },
  })
  const errors: unknown[] = []
  client.on('error', (e) => errors.push(e))
  client.on('channel_error', ({ error }) => errors.push(error))
  const channels = FUZZ_CHANNELS.map((name) => client!.subscribe(name))
  client.connect()
  await until(() => channels.every((c) => c.state === 'subscribed'), 5000, 'subscribed')
  return { client, server, errors }
}

/** Defines the fuzz test for one wire format (one file per format keeps each file short). */
export function describeClientFuzz(format: WireFormat): void {
  describe(`client fuzz over ${format}`, () => {
    afterEach(cleanup)
    it('turns 10,000 malformed frames into typed errors and still delivers the next valid event', async () => {
      trap = trapProcessErrors()
      const { client, server, errors } = await connectFuzzed(format)
      const socketId = client.connection.socketId
      const done: unknown[] = []
      client.channel('fuzz')!.bind('done', (data) => done.push(data))
      const io = createFrameIO(CODECS[format])
      const rng = createPrng(format.length * 7919)
      let undecodable = 0
      for (let i = 0; i < FRAMES; i++) {
        const frame = fuzzFrame(format, rng)
        try {
          io.decode(frame)
        } catch {
          undecodable++
        }
        server.sendRaw(frame)
        if (i % 250 === 249) await server.flush()
      }
      server.send({ event: 'done', channel: 'fuzz', data: JSON.stringify({ ok: true }) })
      await until(() => done.length > 0, 15_000, 'valid event after the fuzz')

      expect(trap.errors).toEqual([])
      expect(done).toEqual([{ ok: true }])
      expect(errors.filter((e) => !(e instanceof SockudoError))).toEqual([])
      const decodeErrors = errors.filter((e) => e instanceof SockudoError && /^(codec|protocol)\//.test(e.code))
      expect(undecodable).toBeGreaterThan(FRAMES / 10)
      expect(decodeErrors.length).toBeGreaterThanOrEqual(undecodable)
    expect(client.stats().undecodable).toBe(undecodable)
      expect(client.connection.state).toBe('connected')
      expect(client.connection.socketId).toBe(socketId)
      expect(server.connections()).toBe(1)
    }, 55_000)

    // The WebSocket layer fails the connection on invalid UTF-8 (close 1007); the client must say so.
    it('reports a text frame with invalid UTF-8 as a typed error, then reconnects and resubscribes', async () => {
      trap = trapProcessErrors()
      const { client, server, errors } = await connectFuzzed(format)
      const done: unknown[] = []
      client.channel('fuzz')!.bind('done', (data) => done.push(data))
      server.sendInvalidText()
      await until(() => server.connections() === 2 && client.channel('fuzz')!.state === 'subscribed', 10_000, 'resubscribed')
      server.send({ event: 'done', channel: 'fuzz', data: JSON.stringify({ ok: true }) })
      await until(() => done.length > 0, 5000, 'valid event after the reconnect')
      expect(trap.errors).toEqual([])
      expect(errors.length).toBeGreaterThan(0)
      expect(errors.every((e) => e instanceof SockudoError)).toBe(true)
      expect(errors.some((e) => e instanceof SockudoError && e.code.startsWith('connection/'))).toBe(true)
    })
  })
}

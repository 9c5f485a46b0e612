import { spawn } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { probeSockudo } from '../../scripts/dev-probe'
import { publisherLease } from '../../playground/server/utils/publisher-lease'
import { startServer } from '../stand-in/index'

// What `npm run dev` decides from, and the one-publisher-per-server lease of the playground.

describe('npm run dev probes the port before trusting it', () => {
  it('finds a Sockudo by its handshake', async () => {
    const server = await startServer({ host: '127.0.0.1', port: 0 })
    try {
      expect(await probeSockudo('127.0.0.1', server.port, 'app-key')).toEqual({ kind: 'sockudo' })
    } finally {
      await server.close()
    }
  })

  it('reports a listener that does not speak Sockudo, with what it answered', async () => {
    const http = createServer((_req, res) => res.writeHead(404).end('not here'))
    await new Promise<void>(resolve => http.listen(0, '127.0.0.1', resolve))
    afterAll(() => new Promise<void>(resolve => http.close(() => resolve())))
    const { port } = http.address() as AddressInfo
    expect(await probeSockudo('127.0.0.1', port, 'app-key')).toEqual({ kind: 'foreign', why: 'HTTP 404 instead of a WebSocket upgrade' })
  })

  it('sees a free port as free', async () => {
    const http = createServer()
    await new Promise<void>(resolve => http.listen(0, '127.0.0.1', resolve))
    const { port } = http.address() as AddressInfo
    await new Promise<void>(resolve => http.close(() => resolve()))
    expect(await probeSockudo('127.0.0.1', port, 'app-key')).toEqual({ kind: 'free' })
  })
})

describe('the playground publisher lease', () => {
  it('lets one process publish per server, and passes to another once the holder is gone', async () => {
    const port = 40_000 + Math.floor(Math.random() * 20_000)
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' })
    // Another playground (a live process) holds the lease.
    writeFileSync(join(tmpdir(), `sockudo-playground-publisher-127.0.0.1-${port}.pid`), String(other.pid))
    const lease = publisherLease('127.0.0.1', port)
    expect(lease.held()).toBe(false)
    other.kill('SIGKILL')
    await new Promise(resolve => other.once('exit', resolve))
    expect(lease.held()).toBe(true)
    expect(publisherLease('127.0.0.1', port).held()).toBe(true) // same process: still ours
    lease.release()
    const again = publisherLease('127.0.0.1', port)
    expect(again.held()).toBe(true)
    again.release()
  })
})

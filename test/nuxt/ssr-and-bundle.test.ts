import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { $fetch } from '@nuxt/test-utils/e2e'
import { afterAll, describe, expect, it } from 'vitest'
import { WebSocketServer } from 'ws'
import { outputDir, setupFixture } from './support/fixture'

// A bare WebSocket server that only counts connections: the SSR server must never open one.
const sockets = new WebSocketServer({ host: '127.0.0.1', port: 0 })
await new Promise<void>(resolve => sockets.once('listening', resolve))
let connections = 0
sockets.on('connection', (socket) => {
  connections++
  socket.close()
})
afterAll(() => new Promise<void>(resolve => sockets.close(() => resolve())))

const address = sockets.address() as { port: number }
await setupFixture({
  env: {
    NUXT_PUBLIC_SOCKUDO_KEY: 'runtime-key',
    NUXT_PUBLIC_SOCKUDO_WS_HOST: '127.0.0.1',
    NUXT_PUBLIC_SOCKUDO_WS_PORT: String(address.port),
  },
})

// Build-time credentials from test/nuxt/fixtures/basic/nuxt.config.ts.
const BUILD_SECRET = 'fixture-build-secret-6d1f0c'
const MASTER_KEY_BASE64 = Buffer.from('fixture-build-master-key-32byte!').toString('base64')
const MASTER_KEY_RAW = 'fixture-build-master-key-32byte!'

describe('server-side rendering', () => {
  it('renders useConnection, useChannel and usePresence in their offline state without connecting', async () => {
    const html = await $fetch<string>('/')
    expect(html).toContain('<p id="connection">initialized</p>')
    expect(html).toContain('<p id="ticker">unsubscribed</p>')
    expect(html).toContain('<p id="presence">unsubscribed:0</p>')
    await $fetch('/any/other/path')
    expect(connections).toBe(0)
  })

  it('serves run-time public config (env) in the page and keeps private config out', async () => {
    const html = await $fetch<string>('/')
    expect(html).toContain('<p id="key">runtime-key</p>')
    expect(html).not.toContain(BUILD_SECRET)
    expect(html).not.toContain(MASTER_KEY_BASE64)
  })
})

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true })
  return entries.filter(entry => entry.isFile()).map(entry => join(entry.parentPath, entry.name))
}

/** Scripts the page loads up front: module scripts and modulepreload links (prefetch links are only hints). */
function eagerScripts(html: string): string[] {
  return [...html.matchAll(/<(script|link)\b[^>]*>/g)]
    .filter(([tag, name]) => name === 'script' || /rel="modulepreload"/.test(tag))
    .map(([tag]) => /(?:src|href)="\/_nuxt\/([^"]+\.js)"/.exec(tag)?.[1])
    .filter((file): file is string => file !== undefined)
}

describe('the client bundle', () => {
  it('contains neither the app secret nor the encryption master key', async () => {
    const files = await filesUnder(join(outputDir, 'public'))
    const scripts = files.filter(file => file.endsWith('.js'))
    // The search is meaningful: the bundle is there and holds the client code.
    expect(scripts.length).toBeGreaterThan(0)
    const all = await Promise.all(files.map(file => readFile(file, 'latin1')))
    expect(all.some(text => text.includes('sockudo fixture') && text.includes('wsHost'))).toBe(true)
    for (const [index, text] of all.entries()) {
      for (const secret of [BUILD_SECRET, MASTER_KEY_BASE64, MASTER_KEY_RAW]) {
        expect(text.includes(secret), `${files[index]} contains ${secret}`).toBe(false)
      }
    }
  })

  it('loads libsodium lazily: it is in its own chunk, not in what the page loads up front', async () => {
    const html = await $fetch<string>('/')
    const eager = eagerScripts(html)
    expect(eager.length).toBeGreaterThan(0)
    for (const name of eager) {
      const text = await readFile(join(outputDir, 'public/_nuxt', name), 'latin1')
      expect(text.includes('_sodium_init'), `${name} is loaded up front and contains libsodium`).toBe(false)
    }
    const files = await filesUnder(join(outputDir, 'public/_nuxt'))
    const texts = await Promise.all(files.map(file => readFile(file, 'latin1')))
    expect(texts.some(text => text.includes('_sodium_init'))).toBe(true)
  })

  it('loads neither binary codec up front in a JSON app: MessagePack and Protobuf are lazy chunks', async () => {
    const html = await $fetch<string>('/')
    const eager = eagerScripts(html)
    const markers = { msgpack: 'MessagePack value is truncated', protobuf: 'varint longer than 10 bytes' }
    for (const name of eager) {
      const text = await readFile(join(outputDir, 'public/_nuxt', name), 'latin1')
      for (const [codec, marker] of Object.entries(markers)) expect(text.includes(marker), `${name} is loaded up front and contains ${codec}`).toBe(false)
    }
    const texts = await Promise.all((await filesUnder(join(outputDir, 'public/_nuxt'))).map(file => readFile(file, 'latin1')))
    for (const marker of Object.values(markers)) expect(texts.some(text => text.includes(marker)), marker).toBe(true)
  })

  it('keeps the secrets in the server build (so the search above looks for real strings)', async () => {
    const files = await filesUnder(join(outputDir, 'server'))
    const all = (await Promise.all(files.map(file => readFile(file, 'latin1')))).join('\n')
    expect(all.includes(BUILD_SECRET)).toBe(true)
    expect(all.includes(MASTER_KEY_BASE64)).toBe(true)
  })
})

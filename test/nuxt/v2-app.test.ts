import { fetch as fetchApp, url } from '@nuxt/test-utils/e2e'
import { createSockudoRest } from '@sockudo/vue/server'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServer } from '../stand-in/index'
import type { Session } from '../stand-in/session'
import { collectProblems, launchBrowser } from '../e2e/support/browser'
import { setupFixture } from './support/fixture'

// The v2 fixture (test/nuxt/fixtures/v2): configured only through nuxt.config and one Nitro
// plugin. Its own Sockudo stand-in runs in this process, so the test can look at the sessions
// the browser opened and drop them.
const server = await startServer({ host: '127.0.0.1', port: 0 })
const app = server.apps[0]!
afterAll(() => server.close())

await setupFixture({
  fixture: 'v2',
  env: {
    NUXT_PUBLIC_SOCKUDO_KEY: app.key,
    NUXT_PUBLIC_SOCKUDO_WS_HOST: server.host,
    NUXT_PUBLIC_SOCKUDO_WS_PORT: String(server.port),
    NUXT_SOCKUDO_APP_ID: app.id,
    NUXT_SOCKUDO_SECRET: app.secret,
    NUXT_SOCKUDO_API_HOST: server.host,
    NUXT_SOCKUDO_API_PORT: String(server.port),
    // A production build against the stand-in's well-known secret (the signing routes refuse it otherwise).
    SOCKUDO_ALLOW_DEFAULT_SECRET: '1',
  },
})

const rest = createSockudoRest({ appId: app.id, key: app.key, secret: app.secret, host: server.host, port: server.port })
const sessions = (): Session[] => [...server.context.apps[0]!.sessions]
const v2Session = (): Session | undefined => sessions().find(s => s.protocol === 2)
const text = (page: Page, id: string): Promise<string> => page.locator(`#${id}`).innerText()

let browser: Browser
let page: Page
let problems: string[]
beforeAll(async () => {
  browser = await launchBrowser()
  page = await browser.newPage()
  problems = collectProblems(page)
  await page.goto(url('/'))
  await page.waitForFunction(() => document.querySelector('#v2-feed')?.textContent === 'subscribed' && document.querySelector('#v1-feed')?.textContent === 'subscribed', undefined, { timeout: 30_000 })
}, 60_000)
afterAll(() => browser?.close())

/** Pinia state of the page (the `sockudo-*` stores), read from the mounted Vue app. */
const piniaState = (): Promise<Record<string, Record<string, unknown>>> => page.evaluate(() => {
  const root = document.querySelector('#__nuxt') as (Element & { __vue_app__?: { config: { globalProperties: { $pinia: { state: { value: unknown } } } } } }) | null
  return JSON.parse(JSON.stringify(root?.__vue_app__?.config.globalProperties.$pinia.state.value ?? {})) as Record<string, Record<string, unknown>>
})

describe('a fresh app with two clients from nuxt.config', () => {
  it('opens one V1 JSON connection and one V2 connection, each with its own stores', async () => {
    expect(sessions().map(s => s.protocol).sort()).toEqual([1, 2])
    const state = await piniaState()
    expect(state['sockudo-connection']).toMatchObject({ state: 'connected' })
    expect(state['sockudo-connection:v2']).toMatchObject({ state: 'connected' })
    expect(JSON.stringify(state['sockudo-channels:v2'])).toContain('v2-feed')
    expect(JSON.stringify(state['sockudo-channels'])).toContain('v1-feed')
    expect(JSON.stringify(state['sockudo-channels'])).not.toContain('v2-feed')
  })

  it('speaks MessagePack on the V2 connection only', () => {
    expect(v2Session()?.format).toBe('msgpack')
    expect(sessions().find(s => s.protocol === 1)?.format).toBe('json')
  })

  it('authenticates the V2 connection with a capability token minted by the app issuer', () => {
    expect(v2Session()?.token?.clientId).toBe('fixture-user-v2')
    expect(sessions().find(s => s.protocol === 1)?.token).toBeUndefined()
  })

  it('turns delta compression on for the V2 connection', () => {
    expect(v2Session()?.deltaEnabled).toBe(true)
  })

  it('resumes after a dropped connection and delivers what was published in the gap, in order', async () => {
    await rest.trigger('v2-feed', 'tick', { n: 1 })
    await page.waitForFunction(() => document.querySelector('#ticks')?.textContent === '1')
    server.terminateAll()
    await rest.trigger('v2-feed', 'tick', { n: 2 })
    await rest.trigger('v2-feed', 'tick', { n: 3 })
    await page.waitForFunction(() => document.querySelector('#resumes')?.textContent === '1', undefined, { timeout: 30_000 })
    await page.waitForFunction(() => document.querySelector('#ticks')?.textContent === '1,2,3', undefined, { timeout: 15_000 })
    expect(await text(page, 'ticks')).toBe('1,2,3')
    // The resume and the channel's position are in the v2 client's recovery store.
    const recovery = (await piniaState())['sockudo-recovery:v2'] as { enabled: boolean, positions: Record<string, unknown>, lastResume: unknown }
    expect(recovery.enabled).toBe(true)
    expect(Object.keys(recovery.positions)).toContain('v2-feed')
    expect(recovery.lastResume).not.toBeNull()
  })

  it('applies deltas the server sends for repeated, similar messages (stats in the v2 connection store)', async () => {
    const book = (n: number) => ({ n, rows: Array.from({ length: 40 }, (_, i) => ({ price: 100 + i, size: i === 0 ? n : i })) })
    for (const n of [10, 11, 12, 13]) await rest.trigger('v2-feed', 'tick', book(n))
    await page.waitForFunction(() => document.querySelector('#ticks')?.textContent?.endsWith('10,11,12,13'))
    const stats = (await piniaState())['sockudo-connection:v2']?.deltaStats as { deltaMessages: number, errors: number } | null
    expect(stats?.deltaMessages).toBeGreaterThan(0)
    expect(stats?.errors).toBe(0)
  })

  it('renders and runs without console errors or hydration warnings', () => {
    expect(problems).toEqual([])
  })
})

describe('the token route', () => {
  const post = (body: unknown, headers: Record<string, string> = {}) => fetchApp('/api/_sockudo/token', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) })

  it('mints the issuer\'s grant for the asking client, with the configured lifetime cap', async () => {
    const response = await post({ reason: 'initial', client: 'v2' })
    expect(response.status).toBe(200)
    const { token, expires_at: expiresAt } = await response.json() as { token: string, expires_at: number }
    const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>
    expect(claims).toMatchObject({ 'x-sockudo-client-id': 'fixture-user-v2', 'x-sockudo-capability': { '*': ['subscribe', 'publish', 'history', 'presence'] } })
    expect(expiresAt - (claims.iat as number)).toBe(120)
  })

  it('answers 405 to GET, 400 to a malformed body and 403 to a foreign origin', async () => {
    expect((await fetchApp('/api/_sockudo/token')).status).toBe(405)
    expect((await post({ reason: 'because' })).status).toBe(400)
    expect((await post({ reason: 'initial' }, { origin: 'https://evil.example' })).status).toBe(403)
  })
})

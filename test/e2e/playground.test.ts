/**
 * The playground in Debian's Chromium: every page against a local Sockudo-compatible server,
 * driven like a user would, with a screenshot of each page in test/e2e/.artifacts/ and no
 * console error, page error or Vue warning allowed.
 */
import { mkdir } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createSockudoRest } from '@sockudo/vue/server'
import { collectProblems, launchBrowser } from './support/browser'
import { buildPlayground, startPlayground, type PlaygroundStack } from './support/playground'

const artifacts = fileURLToPath(new URL('./.artifacts/', import.meta.url))
const WAIT = 30_000

let stack: PlaygroundStack
let browser: Browser

/** A visitor: its own cookies (name) and pages. */
async function visitor(name: string): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
  await context.addCookies([{ name: 'playground-user', value: name, url: stack.url }])
  return context
}

interface Opened {
  page: Page
  problems: string[]
}

/** Opens `path` and waits for the app-wide connection (the sidebar pill) to be connected. */
async function open(context: BrowserContext, path: string): Promise<Opened> {
  const page = await context.newPage()
  const problems = collectProblems(page)
  await page.goto(stack.url + path)
  await page.waitForFunction(() => document.querySelector('[data-testid="connection-state"]')?.textContent?.trim() === 'connected', undefined, { timeout: WAIT })
  return { page, problems }
}

/** Saves the page's screenshot, closes it and fails on anything it reported. */
async function finish({ page, problems }: Opened, name: string): Promise<void> {
  await page.screenshot({ path: `${artifacts}${name}.png`, fullPage: true })
  await page.close()
  expect(problems).toEqual([])
}

const texts = (page: Page, selector: string): Promise<string[]> => page.locator(selector).allInnerTexts()
const attrs = (page: Page, selector: string, attr: string): Promise<(string | null)[]> =>
  page.locator(selector).evaluateAll((nodes, a) => nodes.map((n) => n.getAttribute(a)), attr)

/** Status of each channel in the page's `sockudo-channels[:<client>]` Pinia store (what devtools shows). */
async function storeChannels(page: Page, client = 'default'): Promise<Record<string, string>> {
  return page.evaluate((id) => {
    const root = document.querySelector('#__nuxt') as (Element & { __vue_app__?: { config: { globalProperties: { $pinia: { state: { value: Record<string, { channels?: Record<string, { status: string }> }> } } } } } }) | null
    const channels = root?.__vue_app__?.config.globalProperties.$pinia.state.value[id]?.channels ?? {}
    return Object.fromEntries(Object.entries(channels).map(([name, channel]) => [name, channel.status]))
  }, client === 'default' ? 'sockudo-channels' : `sockudo-channels:${client}`)
}

/** Waits until the store of `client` shows `channel` subscribed. */
async function inStore(page: Page, client: string, channel: string): Promise<void> {
  try {
    await until(async () => (await storeChannels(page, client))[channel] === 'subscribed', `${channel} subscribed in sockudo-channels:${client}`)
  } catch (error) {
    const ids = await page.evaluate(() => Object.keys((document.querySelector('#__nuxt') as unknown as { __vue_app__: { config: { globalProperties: { $pinia: { state: { value: object } } } } } }).__vue_app__.config.globalProperties.$pinia.state.value))
    throw new Error(`${(error as Error).message}; stores: ${ids.join(', ')}; channels of ${client}: ${JSON.stringify(await storeChannels(page, client))}`)
  }
}

async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < WAIT / 250; i++) {
    if (await check()) return
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  throw new Error(`timed out waiting for ${what}`)
}

beforeAll(async () => {
  await mkdir(artifacts, { recursive: true })
  stack = await startPlayground(await buildPlayground())
  browser = await launchBrowser()
}, 600_000)

afterAll(async () => {
  await browser?.close()
  await stack?.stop()
})

describe('playground in Chromium', () => {
  let alice: BrowserContext
  beforeAll(async () => {
    alice = await visitor('alice')
  })

  it('connects after hydration and names the local server', async () => {
    const opened = await open(alice, '/')
    expect(await opened.page.getByTestId('socket-id').innerText()).toMatch(/^\d+\.\d+$/)
    expect(await opened.page.getByTestId('server-banner').innerText()).toContain('local Sockudo-compatible test server')
    await finish(opened, 'connection')
  })

  it('shows an event published through the signed HTTP API', async () => {
    const opened = await open(alice, '/ticker')
    await opened.page.waitForFunction(() => document.querySelector('[data-testid="ticker-status"]')?.textContent === 'subscribed', undefined, { timeout: WAIT })
    const rest = createSockudoRest({ appId: 'app-id', key: 'app-key', secret: 'app-secret', host: '127.0.0.1', port: stack.sockudo.port })
    await rest.trigger('market-ticker', 'price', { symbol: 'E2E', price: 12.34, change: 1.5 })
    await opened.page.getByTestId('ticker').filter({ hasText: 'E2E' }).waitFor({ timeout: WAIT })
    expect(await opened.page.getByTestId('ticker').filter({ hasText: 'E2E' }).innerText()).toContain('12.34')
    await finish(opened, 'ticker')
  })

  it('shows both visitors in the presence roster', async () => {
    const bob = await visitor('bob')
    const a = await open(alice, '/presence')
    const b = await open(bob, '/presence')
    for (const { page } of [a, b]) {
      await page.getByTestId('member-count').filter({ hasText: '2 online' }).waitFor({ timeout: WAIT })
      const roster = (await texts(page, '[data-testid="roster"] li')).join('|')
      expect(roster).toContain('alice')
      expect(roster).toContain('bob')
    }
    await finish(b, 'presence-bob')
    await bob.close()
    await a.page.getByTestId('member-count').filter({ hasText: '1 online' }).waitFor({ timeout: WAIT })
    await finish(a, 'presence')
  })

  it('delivers private chat messages between two visitors', async () => {
    const bob = await visitor('bob')
    const a = await open(alice, '/chat')
    const b = await open(bob, '/chat')
    for (const { page } of [a, b]) await page.waitForFunction(() => document.querySelector('[data-testid="chat-status"]')?.textContent === 'subscribed', undefined, { timeout: WAIT })
    await a.page.getByTestId('draft').fill('hello from alice')
    await a.page.getByTestId('draft').press('Enter')
    await b.page.getByTestId('messages').filter({ hasText: 'hello from alice' }).waitFor({ timeout: WAIT })
    await finish(b, 'chat-bob')
    await bob.close()
    await finish(a, 'chat')
  })

  it('decrypts an encrypted note in the page', async () => {
    const opened = await open(alice, '/encrypted')
    await opened.page.waitForFunction(() => document.querySelector('[data-testid="vault-status"]')?.textContent === 'subscribed', undefined, { timeout: WAIT })
    const secret = `secret ${Date.now()}`
    await opened.page.getByTestId('note-draft').fill(secret)
    await opened.page.getByTestId('note-draft').press('Enter')
    await opened.page.getByTestId('notes').filter({ hasText: secret }).waitFor({ timeout: WAIT })
    await finish(opened, 'encrypted')
  })

  it('changes the market stream when the filter changes', async () => {
    const opened = await open(alice, '/filtered')
    const { page } = opened
    await until(async () => (await attrs(page, '[data-testid="trade"]', 'data-market')).length >= 2, 'crypto trades')
    expect(new Set(await attrs(page, '[data-testid="trade"]', 'data-market'))).toEqual(new Set(['crypto']))
    await page.getByTestId('market-stocks').click()
    await page.getByTestId('filter-json').filter({ hasText: 'stocks' }).waitFor({ timeout: WAIT })
    await until(async () => (await attrs(page, '[data-testid="trade"]', 'data-market')).length >= 2, 'stock trades')
    expect(new Set(await attrs(page, '[data-testid="trade"]', 'data-market'))).toEqual(new Set(['stocks']))
    await page.getByTestId('symbol-NVDA').click()
    await until(async () => (await attrs(page, '[data-testid="trade"]', 'data-symbol')).length >= 1, 'NVDA trades')
    expect(new Set(await attrs(page, '[data-testid="trade"]', 'data-symbol'))).toEqual(new Set(['NVDA']))
    await inStore(page, 'v2', 'market-feed')
    expect(Object.keys(await storeChannels(page, 'default'))).not.toContain('market-feed')
    await finish(opened, 'filtered')
  })

  it('rebuilds the delta-compressed feed identical to the uncompressed one', async () => {
    const opened = await open(alice, '/delta')
    const { page } = opened
    const match = page.getByTestId('delta-match')
    await until(async () => Number(await page.getByTestId('delta-deltas').innerText()) >= 3 && (await match.count()) > 0, 'three deltas')
    const [equal, compared] = (await match.innerText()).split(' ')[0]!.split('/').map(Number)
    expect(compared).toBeGreaterThanOrEqual(3)
    expect(equal).toBe(compared)
    expect(Number((await page.getByTestId('delta-saved').innerText()).replace('%', ''))).toBeGreaterThan(0)
    await inStore(page, 'delta', 'delta-feed')
    await inStore(page, 'v2', 'delta-feed')
    await finish(opened, 'delta')
  })

  it('resumes after the socket is killed, without a gap or a duplicate', async () => {
    const opened = await open(alice, '/recovery')
    const { page } = opened
    const entries = async (): Promise<number[]> => (await attrs(page, '[data-testid="journal"] span', 'data-n')).map(Number)
    const socketId = page.getByTestId('v2-socket-id')
    await until(async () => (await entries()).length >= 7, 'rewound and live entries')
    // The server drops every socket abruptly (no close frame), then the page's own button closes one.
    const first = await socketId.innerText()
    stack.sockudo.terminateAll()
    await page.getByTestId('resumes').filter({ hasText: '1' }).waitFor({ timeout: WAIT })
    expect(await socketId.innerText()).not.toBe(first)
    const before = (await entries()).length
    await until(async () => (await entries()).length >= before + 2, 'entries after the resume')
    await page.getByTestId('kill-socket').click()
    await page.getByTestId('resumes').filter({ hasText: '2' }).waitFor({ timeout: WAIT })
    const after = (await entries()).length
    await until(async () => (await entries()).length >= after + 2, 'entries after the second resume')
    const list = await entries()
    expect(list.slice(1).map((n, i) => n - list[i]!)).toEqual(list.slice(1).map(() => 1))
    expect(await page.getByTestId('gaps').innerText()).toBe('0')
    expect(await page.getByTestId('duplicates').innerText()).toBe('0')
    await page.getByTestId('history-more').click()
    await inStore(page, 'v2', 'journal')
    await finish(opened, 'recovery')
  })

  it('renders edits, deletes and a streamed answer of versioned messages', async () => {
    const opened = await open(alice, '/versioned-messages')
    const { page } = opened
    const note = `note ${Date.now()}`
    await page.getByTestId('note').fill(note)
    await page.getByTestId('note').press('Enter')
    const item = page.getByTestId('versioned-message').filter({ hasText: note })
    await item.waitFor({ timeout: WAIT })
    await item.getByTestId('edit').click()
    await page.getByTestId('edit-text').fill(`${note} (edited)`)
    await page.getByTestId('edit-text').press('Enter')
    const edited = page.locator('[data-testid="versioned-message"][data-action="message.update"]').filter({ hasText: `${note} (edited)` })
    await edited.waitFor({ timeout: WAIT })
    await page.getByTestId('question').fill('How do appends work?')
    await page.getByTestId('question').press('Enter')
    const answer = page.locator('[data-testid="versioned-message"][data-action="message.append"]').filter({ hasText: 'How do appends work' }).filter({ hasText: 'close together.' })
    await answer.waitFor({ timeout: WAIT })
    expect(await answer.getByTestId('message-text').innerText()).toMatch(/^Good question\. About "How do appends work": .*close together\.$/s)
    await page.screenshot({ path: `${artifacts}messages-edited.png`, fullPage: true })
    await edited.getByTestId('delete').click()
    await edited.waitFor({ state: 'detached', timeout: WAIT })
    await inStore(page, 'v2', 'assistant')
    await finish(opened, 'messages')
  })

  it('renames the visitor in presence without a reload', async () => {
    const opened = await open(alice, '/presence')
    const { page } = opened
    await until(async () => (await texts(page, '[data-testid="roster"] li')).join('|').includes('alice'), 'alice in the roster')
    await page.getByTestId('me-input').fill('alicia')
    await page.getByTestId('me-input').press('Enter')
    await until(async () => {
      const roster = (await texts(page, '[data-testid="roster"] li')).join('|')
      return roster.includes('alicia') && !/alice(?!ia)/.test(roster)
    }, 'alicia in the roster instead of alice')
    await page.getByTestId('me-input').fill('alice')
    await page.getByTestId('me-input').press('Enter')
    await until(async () => !(await texts(page, '[data-testid="roster"] li')).join('|').includes('alicia'), 'back to alice')
    await finish(opened, 'presence-renamed')
  })

  it('keeps a name typed before hydration', async () => {
    const context = await visitor('bob')
    const page = await context.newPage()
    const problems = collectProblems(page)
    // Hold the app's scripts until the name is typed into the server-rendered page.
    let release: () => void = () => {}
    const held = new Promise<void>(resolve => (release = resolve))
    await page.route('**/_nuxt/**/*.js', async (route) => {
      await held
      await route.continue()
    })
    // Module scripts hold DOMContentLoaded back: wait for the server-rendered input itself.
    await page.goto(stack.url + '/presence', { waitUntil: 'commit' })
    await page.getByTestId('me-input').fill('early-bird')
    release()
    await until(async () => (await texts(page, '[data-testid="roster"] li')).join('|').includes('early-bird'), 'early-bird in the roster')
    expect(await page.getByTestId('me-input').inputValue()).toBe('early-bird')
    await finish({ page, problems }, 'presence-typed-early')
    await context.close()
  })

  /** `SOCKUDO_E2E_SERVER=real` (the e2e-real project): the playground talks to the pinned real Sockudo. */
  const real = process.env.SOCKUDO_E2E_SERVER === 'real'

  it.skipIf(real)('says before any click that the local server has no push device registry', async () => {
    const opened = await open(alice, '/push')
    const { page } = opened
    await page.locator('[data-testid="push-support"][data-support="missing"]').waitFor({ timeout: WAIT })
    expect(await page.getByTestId('push-register').isDisabled()).toBe(true)
    await finish(opened, 'push-support')
  })

  // Skipped on the real server: its push publish needs a provider with credentials (an outside service).
  it.skipIf(real)('publishes a push through the module proxy', async () => {
    const opened = await open(alice, '/push')
    const { page } = opened
    await page.getByTestId('push-publish').click()
    await page.getByTestId('push-log').filter({ hasText: 'publish · ok' }).waitFor({ timeout: WAIT })
    await page.getByTestId('push-status').click()
    await page.getByTestId('push-log').filter({ hasText: 'getPublishStatus · ok' }).waitFor({ timeout: WAIT })
    await finish(opened, 'push')
  })

  it.runIf(real)('registers a device and subscribes it to a channel in the real server\'s push registry', async () => {
    const opened = await open(alice, '/push')
    const { page } = opened
    await page.locator('[data-testid="push-support"][data-support="available"]').waitFor({ timeout: WAIT })
    const entry = (what: string) => page.getByTestId('push-log').locator('li').filter({ hasText: what })
    await page.getByTestId('push-register').click()
    await entry('activateDevice').waitFor({ timeout: WAIT })
    expect(await entry('activateDevice').innerText()).toContain('activateDevice · ok')
    await page.getByTestId('push-subscribe').click()
    await entry('upsertChannelSubscription').waitFor({ timeout: WAIT })
    expect(await entry('upsertChannelSubscription').innerText()).toContain('upsertChannelSubscription · ok')
    await finish(opened, 'push-real')
  })
})

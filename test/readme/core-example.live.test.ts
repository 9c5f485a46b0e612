/**
 * Runs the README's core example ("Connect, subscribe, receive") as written, against the live
 * target (`inject('sockudo')`): the client block, then the server publish block. Only the
 * address and credentials are swapped for the target's; the example must log the event.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, inject, it, vi } from 'vitest'
import type { SockudoClient } from '@sockudo/vue/core'
import { readmeBlocks } from './readme-blocks'

const HEADING = 'Connect, subscribe, receive'
const dir = fileURLToPath(new URL(`./.generated-${process.pid}/`, import.meta.url))

/** The block with the target's address and credentials; fails when the README no longer names one of them. */
function retarget(code: string, tokens: Record<string, string>): string {
  let out = code
  for (const [from, to] of Object.entries(tokens)) {
    expect(out, `the README example should contain ${from}`).toContain(from)
    out = out.split(from).join(to)
  }
  return out
}

async function waitFor(predicate: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${timeoutMs} ms`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

describe('the README core example', () => {
  let client: SockudoClient | undefined
  afterAll(() => {
    client?.disconnect()
    rmSync(dir, { recursive: true, force: true })
    vi.restoreAllMocks()
  })

  it('connects to the server and logs the event published by the server block', async () => {
    const target = inject('sockudo')
    const [clientBlock, publishBlock] = readmeBlocks().filter((b) => b.heading === HEADING && b.lang === 'ts')
    expect(clientBlock && publishBlock, `two ts blocks under "${HEADING}"`).toBeTruthy()
    const q = (s: string) => `'${s}'`
    const address = { "'127.0.0.1'": q(target.host), '6001': String(target.port) }
    mkdirSync(dir, { recursive: true })
    writeFileSync(`${dir}client.ts`, `${retarget(clientBlock!.code, { ...address, "'app-key'": q(target.key) })}\nexport { client }\n`)
    writeFileSync(`${dir}publish.ts`, retarget(publishBlock!.code, { ...address, "'app-id'": q(target.appId), "'app-key'": q(target.key), "'app-secret'": q(target.secret) }))

    const logs: unknown[][] = []
    vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void logs.push(args))
    const mod = (await import(/* @vite-ignore */ `${dir}client.ts`)) as { client: SockudoClient }
    client = mod.client
    await waitFor(() => client?.channel('orders')?.subscribed === true, 'subscription to "orders"')
    expect(logs).toContainEqual(['connection: connecting → connected'])

    await import(/* @vite-ignore */ `${dir}publish.ts`)
    await waitFor(() => logs.some((args) => args[0] === 'order'), 'the order-updated log line')
    const line = logs.find((args) => args[0] === 'order')
    expect(line?.[1]).toBe(7)
    expect(logs.filter((args) => typeof args[0] === 'string' && /^[a-z]+\/[a-z-]+$/.test(args[0]))).toEqual([]) // no error was logged
  })
})

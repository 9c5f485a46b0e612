/**
 * Memory: 10,000 subscribe/unsubscribe cycles on one client leave the heap within 5 % of where
 * it started. The cycles run in a child `node --expose-gc` process (memory-cycles.ts) so the
 * measurement sees only the client, with full GCs, and the server stays in this process.
 */
import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { liveTarget } from '../support/live'

const script = fileURLToPath(new URL('./memory-cycles.ts', import.meta.url))
const root = fileURLToPath(new URL('../..', import.meta.url))

function runCycles(env: Record<string, string>): Promise<{ cycles: number; before: number; after: number; ratio: number }> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--expose-gc', '--import', 'tsx', script], { cwd: root, env: { ...process.env, ...env }, timeout: 50_000 }, (error, stdout, stderr) => {
      if (error) return reject(new Error(`memory-cycles failed: ${stderr || error.message}`))
      resolve(JSON.parse(stdout.trim().split('\n').at(-1)!) as { cycles: number; before: number; after: number; ratio: number })
    })
  })
}

describe('memory', () => {
  it('returns the heap to within 5 % after 10,000 subscribe/unsubscribe cycles', async () => {
    const t = liveTarget()
    const result = await runCycles({
      SOCKUDO_HOST: t.host, SOCKUDO_PORT: String(t.port), SOCKUDO_APP_ID: t.appId, SOCKUDO_APP_KEY: t.key, SOCKUDO_APP_SECRET: t.secret, CYCLES: '10000',
    })
    expect(result.cycles).toBe(10_000)
    expect(result.after).toBeGreaterThan(0)
    expect(result.ratio).toBeLessThanOrEqual(1.05)
  }, 55_000)
})

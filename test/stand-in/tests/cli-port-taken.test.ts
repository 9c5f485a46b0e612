import { spawn } from 'node:child_process'
import { createServer, type Server } from 'node:net'
import type { AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const root = fileURLToPath(new URL('../../..', import.meta.url))

/** Runs `npm run server`'s script (tsx test/stand-in/cli.ts) with `args` until it exits. */
function runCli(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'test/stand-in/cli.ts', ...args], {
      cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()))
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()))
    const timer = setTimeout(() => {
      child.kill('SIGTERM')
      reject(new Error(`the CLI did not exit; stdout: ${stdout}`))
    }, 20_000)
    child.on('exit', (code) => {
      clearTimeout(timer)
      resolve({ code, stdout, stderr })
    })
  })
}

let blocker: Server
let taken = 0
beforeAll(async () => {
  blocker = createServer()
  await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r))
  taken = (blocker.address() as AddressInfo).port
})
afterAll(() => new Promise<void>((r) => blocker.close(() => r())))

describe('npm run server with its port taken', () => {
  it('prints one line naming the port and how to choose another, and exits with 1', async () => {
    const { code, stderr, stdout } = await runCli(['--port', String(taken)])
    expect(code).toBe(1)
    expect(stdout).toBe('')
    const lines = stderr.trim().split('\n')
    expect(lines).toHaveLength(1)
    expect(lines[0]).toContain(`127.0.0.1:${taken}`)
    expect(lines[0]).toContain('--port')
    expect(lines[0]).toContain('PORT=')
    expect(stderr).not.toMatch(/EADDRINUSE|\n\s+at /)
  }, 30_000)

  it('names the port given through PORT as well', async () => {
    const { code, stderr } = await runCli([], { PORT: String(taken) })
    expect(code).toBe(1)
    expect(stderr).toContain(`127.0.0.1:${taken}`)
  }, 30_000)

  it('refuses a port that is not a number with the same kind of hint', async () => {
    const { code, stderr } = await runCli(['--port', 'sixty'])
    expect(code).toBe(1)
    expect(stderr.trim().split('\n')).toHaveLength(1)
    expect(stderr).toContain('sixty')
  }, 30_000)
})

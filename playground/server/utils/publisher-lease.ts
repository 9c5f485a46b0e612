import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/**
 * One publisher per Sockudo server on this machine. A second `npm run dev` (or any second
 * playground) against the same server would publish its own numbered journal next to the first
 * one's, and the recovery page would show gaps and duplicates that are not real. The lease is a
 * file naming the publishing process; a process that is gone no longer holds it.
 */
export function publisherLease(host: string, port: number): { held(): boolean, release(): void } {
  const file = join(tmpdir(), `sockudo-playground-publisher-${host.replace(/[^\w.-]/g, '_')}-${port}.pid`)
  const alive = (pid: number): boolean => {
    try {
      process.kill(pid, 0)
      return true
    } catch (error) {
      return (error as NodeJS.ErrnoException).code === 'EPERM'
    }
  }
  const holder = (): number | undefined => {
    try {
      const pid = Number(readFileSync(file, 'utf8'))
      return Number.isInteger(pid) && pid > 0 && alive(pid) ? pid : undefined
    } catch {
      return undefined
    }
  }
  return {
    held() {
      const pid = holder()
      if (pid === process.pid) return true
      if (pid !== undefined) return false
      writeFileSync(file, String(process.pid))
      return holder() === process.pid
    },
    release() {
      if (holder() === process.pid) rmSync(file, { force: true })
    },
  }
}

/**
 * Runs `publish` every `intervalMs` until Nitro closes. While Sockudo is unreachable it keeps
 * trying quietly and says so once, then once more when publishing works again.
 */
export function publishEvery(nitroApp: { hooks: { hook(name: 'close', fn: () => void): unknown } }, label: string, intervalMs: number, publish: () => Promise<unknown>): void {
  let failing = false
  let busy = false
  const timer = setInterval(async () => {
    if (busy) return
    busy = true
    try {
      await publish()
      if (failing) console.info(`[playground] ${label} publishing again`)
      failing = false
    } catch (error) {
      if (!failing) console.warn(`[playground] ${label} cannot reach Sockudo yet:`, (error as Error).message)
      failing = true
    } finally {
      busy = false
    }
  }, intervalMs)
  nitroApp.hooks.hook('close', () => clearInterval(timer))
}

import { publisherLease } from './publisher-lease'

/**
 * Runs `publish` every `intervalMs` until Nitro closes, while this process holds the server's
 * publisher lease (another playground publishing to the same server pauses this one, and says
 * so once). While Sockudo is unreachable it keeps trying quietly and says so once, then once
 * more when publishing works again.
 */
export function publishEvery(nitroApp: { hooks: { hook(name: 'close', fn: () => void): unknown } }, label: string, intervalMs: number, publish: () => Promise<unknown>): void {
  const { private: config } = useSockudoConfig()
  const lease = publisherLease(config.apiHost, Number(config.apiPort))
  let failing = false
  let busy = false
  let paused = false
  const timer = setInterval(async () => {
    if (busy) return
    const held = lease.held()
    if (!held && !paused) console.info(`[playground] ${label}: another playground already publishes to ${config.apiHost}:${config.apiPort}; this one only reads`)
    paused = !held
    if (paused) return
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
  nitroApp.hooks.hook('close', () => {
    clearInterval(timer)
    lease.release()
  })
}

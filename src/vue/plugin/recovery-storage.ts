/**
 * Keeps V2 recovery positions across page reloads (plugin option `recoveryStorage`): restores
 * them into the client before it connects, so the first connection after a reload resumes
 * instead of losing the gap, and saves them as they move. Loaded only when the option is set.
 */
import type { RecoveryPosition, SockudoClient } from '../../core'

/** Where recovery positions are kept between page loads. */
export interface RecoveryStorage {
  /** Returns the saved positions (channel → position), or null/undefined when there are none. */
  load(): Record<string, RecoveryPosition> | null | undefined
  /** Saves every current position (called at most once per macrotask while they move). */
  save(positions: Record<string, RecoveryPosition>): void
}

/** `'sessionStorage'` (one entry per app key and client name) or an app-supplied pair. */
export type RecoveryStorageOption = 'sessionStorage' | RecoveryStorage

const isPosition = (v: unknown): v is RecoveryPosition => {
  if (typeof v !== 'object' || v === null) return false
  const p = v as Record<string, unknown>
  return typeof p.serial === 'string' && /^\d{1,40}$/.test(p.serial) &&
    (p.streamId === undefined || typeof p.streamId === 'string') && (p.lastMessageId === undefined || typeof p.lastMessageId === 'string')
}

/** Only well-formed entries survive: storage is input like any other (another tab, an old version). */
function sanitize(saved: unknown): Record<string, RecoveryPosition> {
  const out: Record<string, RecoveryPosition> = Object.create(null) as Record<string, RecoveryPosition>
  if (typeof saved !== 'object' || saved === null) return out
  for (const [channel, position] of Object.entries(saved)) if (isPosition(position)) out[channel] = { ...position }
  return out
}

/** `sessionStorage` under `sockudo:recovery:<app key>:<client name>`; null where there is none. */
function sessionStore(key: string): RecoveryStorage | null {
  const storage = (globalThis as { sessionStorage?: Storage }).sessionStorage
  if (!storage) return null
  return {
    load: () => JSON.parse(storage.getItem(key) ?? 'null') as Record<string, RecoveryPosition> | null,
    save: (positions) => storage.setItem(key, JSON.stringify(positions)),
  }
}

/**
 * Restores saved positions into `client` now and saves them whenever they move. Storage
 * failures (quota, private mode, corrupt JSON) are ignored: recovery then simply starts fresh.
 * Returns the function that stops saving.
 * @internal
 */
export function persistRecoveryPositions(client: SockudoClient, name: string, option: RecoveryStorageOption): () => void {
  const storage = option === 'sessionStorage' ? sessionStore(`sockudo:recovery:${client.key}:${name}`) : option
  if (!storage) return () => {}
  try {
    client.setRecoveryPositions(sanitize(storage.load()))
  } catch {
    // Unreadable storage: start without positions.
  }
  let timer: ReturnType<typeof setTimeout> | undefined
  const save = (): void => {
    timer = undefined
    try {
      storage.save(client.getRecoveryPositions())
    } catch {
      // Full or unavailable storage: positions stay in memory only.
    }
  }
  const later = (): void => void (timer ??= setTimeout(save, 0))
  const offs = [
    client.on('event', (event) => void (event.serial !== undefined && later())),
    client.on('resumed', later),
    client.on('resume_failed', later),
    client.on('subscription_state', ({ current }) => void (current === 'unsubscribed' && later())),
  ]
  return () => {
    for (const off of offs) off()
    if (timer !== undefined) {
      clearTimeout(timer)
      save()
    }
  }
}

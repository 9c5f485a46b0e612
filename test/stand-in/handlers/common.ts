/** Helpers shared by the frame handlers. */
import { wildcardMatches } from '../channel-names'
import type { ClientFrame } from '../frame'
import type { Session } from '../session'
import { isRecord } from '../util'

/** `data` as an object: an object as sent, or a JSON string holding an object. */
export function dataObject(frame: ClientFrame): Record<string, unknown> | undefined {
  if (isRecord(frame.data)) return frame.data
  if (typeof frame.data === 'string') {
    try {
      const parsed: unknown = JSON.parse(frame.data)
      return isRecord(parsed) ? parsed : undefined
    } catch {
      return undefined
    }
  }
  return undefined
}

/** Whether capabilities (token or signin) allow `operation` on `channel`; no capabilities = allowed. */
export function capabilityAllows(session: Session, operation: string, channel: string): boolean {
  if (!session.capabilities) return true
  const patterns = session.capabilities.get(operation) ?? []
  return patterns.some((p) => wildcardMatches(p, channel))
}


/** A timeline event without its time. */
export interface TimelineEntry {
  /** Title shown in the timeline. */
  title: string
  /** Second line. */
  subtitle?: string
  /** Colour of the entry. */
  logType?: 'default' | 'warning' | 'error'
  /** Group of related events (one channel). */
  groupId?: string
  /** Payload shown in the inspector. */
  data: Record<string, unknown>
}

/** Turns a protocol event into a timeline entry grouped by channel. */
export function formatProtocolEvent(eventName: string, data: unknown, channel: string | undefined): TimelineEntry {
  const entry: TimelineEntry = {
    title: eventName,
    logType: /error|failed/.test(eventName) ? 'error' : 'default',
    data: { event: eventName, channel, data: preview(data) },
  }
  if (channel) {
    entry.subtitle = channel
    entry.groupId = channel
  }
  return entry
}

/** Large payloads are cut so the timeline stays responsive. */
function preview(data: unknown): unknown {
  if (typeof data === 'string' && data.length > 2000) return `${data.slice(0, 2000)}… (${data.length} chars)`
  if (data instanceof Uint8Array) return `<${data.byteLength} bytes>`
  return data
}

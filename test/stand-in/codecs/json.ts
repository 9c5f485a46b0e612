/** JSON wire codec (core.md §9.2). */
import type { ClientFrame, ServerFrame } from '../frame'
import { orderedFrame } from '../frame'
import { isRecord, parseJsonBig, stringifyJson } from '../util'

export function encodeJsonFrame(frame: ServerFrame): string {
  const ordered = orderedFrame(frame)
  if (ordered.data instanceof Uint8Array) ordered.data = [...ordered.data]
  if (ordered.tags) ordered.tags = sortKeys(ordered.tags as Record<string, string>)
  return stringifyJson(ordered)
}

/** Throws a `DecodeError` with the text used in the 4000 error message. */
export function decodeJsonFrame(text: string): ClientFrame {
  let parsed: unknown
  try {
    parsed = parseJsonBig(text)
  } catch (error) {
    throw new DecodeError(`Invalid JSON: ${(error as Error).message}`)
  }
  if (!isRecord(parsed)) throw new DecodeError('Message must be a JSON object')
  if (typeof parsed.event !== 'string') throw new DecodeError('Missing event field')
  return {
    event: parsed.event,
    channel: typeof parsed.channel === 'string' ? parsed.channel : undefined,
    data: parsed.data,
    dataIsString: typeof parsed.data === 'string',
  }
}

export class DecodeError extends Error {
  override name = 'DecodeError'
}

export function sortKeys<T>(map: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(map).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
}

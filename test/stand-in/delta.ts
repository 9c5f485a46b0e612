/**
 * Delta compression for V2 sockets (v2-features.md §1.3–1.7): per (socket, channel, event,
 * conflation value) bases over the JSON envelope; fossil via `fossil-delta`, xdelta3 via the
 * real `xdelta3` binary. The first two messages of a key and every 11th are full.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createDelta } from 'fossil-delta'
import { isEncrypted, namespaceOf } from './channel-names'
import { encodeJsonFrame } from './codecs'
import type { ServerContext } from './context'
import type { ServerFrame } from './frame'
import type { Session, Subscription } from './session'
import { isRecord } from './util'

/** xdelta3 VCDIFF without checksum, secondary compression or application header. */
export function xdelta3(base: Buffer, target: Buffer): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'sockudo-xd-'))
  try {
    const source = join(dir, 'base')
    writeFileSync(source, base)
    const out = spawnSync('/usr/bin/xdelta3', ['-e', '-n', '-S', 'none', '-A', '-c', '-s', source], { input: target, maxBuffer: 64 * 1024 * 1024 })
    if (out.status !== 0) throw new Error(`xdelta3 failed: ${String(out.stderr)}`)
    return out.stdout
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

export function computeDelta(algorithm: 'fossil' | 'xdelta3', base: Buffer, target: Buffer): Buffer {
  return algorithm === 'xdelta3' ? xdelta3(base, target) : Buffer.from(createDelta(new Uint8Array(base), new Uint8Array(target)))
}

/** Conflation value: single-segment path looked up in the envelope, else in (parsed) data. */
function conflationValue(path: string | undefined, frame: ServerFrame): string {
  if (!path) return ''
  let value: unknown
  const top = frame as unknown as Record<string, unknown>
  if (!path.includes('.') && path in top) value = top[path]
  else {
    let data: unknown = frame.data
    if (typeof data === 'string') {
      try {
        data = JSON.parse(data)
      } catch {
        data = undefined
      }
    }
    value = path.split('.').reduce<unknown>((acc, p) => (isRecord(acc) ? acc[p] : undefined), path.includes('.') ? top : data)
  }
  if (value === undefined || value === null) return ''
  return typeof value === 'string' ? value : JSON.stringify(value)
}

function deltaActive(session: Session, sub: Subscription | undefined): boolean {
  return session.deltaEnabled && sub?.delta !== null
}

/** Sends `frame` through the delta path; false when delta does not apply (caller sends plain). */
export function sendWithDelta(_ctx: ServerContext, session: Session, sub: Subscription | undefined, frame: ServerFrame): boolean {
  const cfg = session.app.config
  if (!session.v2 || !cfg.deltaCompression || !frame.channel || isEncrypted(frame.channel) || !deltaActive(session, sub)) return false
  const envelope: ServerFrame = { ...frame, event: session.eventName(frame.event) }
  const conflation = conflationValue(namespaceOf(cfg, frame.channel)?.deltaConflationKey, envelope)
  const key = `${frame.channel}\u0000${envelope.event}${conflation ? `:${conflation}` : ''}`
  const state = session.deltaState.get(key) ?? { base: '', seq: -1, count: 0, next: 0 }
  const text = encodeJsonFrame(envelope)
  const seq = state.next++
  let delta: Buffer | undefined
  if (state.base && seq >= 2 && state.count < cfg.deltaFullMessageInterval) {
    try {
      delta = computeDelta(cfg.deltaAlgorithm, Buffer.from(state.base), Buffer.from(text))
      if (delta.length >= Buffer.byteLength(text)) delta = undefined
    } catch {
      delta = undefined
    }
  }
  if (delta) {
    const data: Record<string, unknown> = { event: envelope.event, delta: delta.toString('base64'), seq }
    if (!cfg.omitDeltaAlgorithm) data.algorithm = cfg.deltaAlgorithm
    if (conflation) data.conflation_key = conflation
    data.base_index = state.seq
    session.send({ event: 'pusher:delta', channel: frame.channel, data }, { broadcast: true })
    state.count++
  } else {
    const full: ServerFrame = { ...frame, __delta_seq: seq }
    if (conflation) full.__conflation_key = conflation
    session.send(full, { broadcast: true })
    state.count = 0
  }
  session.deltaState.set(key, { ...state, base: text, seq })
  return true
}

import type { Ref } from 'vue'
import type { SockudoContext } from '../../vue'
import type { RecoveryPositionInfo, ResumeResultInfo, ResumeSummary } from '../stores/types'
import { dict } from './dict'
import { untilDisposed } from './lifecycle'

/** The state refs of the recovery store, as bind writes them. @internal */
export interface RecoveryStoreRefs {
  enabled: Ref<boolean>
  positions: Ref<Record<string, RecoveryPositionInfo>>
  results: Ref<Record<string, ResumeResultInfo>>
  lastResume: Ref<ResumeSummary | null>
}

/**
 * Mirrors the client's recovery positions and resume answers into the recovery store.
 * Positions move with every event: they are written once per macrotask, and only for the
 * channels that had events. @internal
 */
export function bindRecoveryStore(sockudo: SockudoContext, refs: RecoveryStoreRefs): void {
  const { client } = sockudo
  refs.enabled.value = client.connectionRecovery
  const write = (channel: string): void => {
    const position = client.getRecoveryPosition(channel)
    if (position) refs.positions.value[channel] = { ...position }
    else delete refs.positions.value[channel]
  }
  const writeAll = (): void => void (refs.positions.value = dict(Object.entries(client.getRecoveryPositions())))
  writeAll()
  let pending = new Set<string>()
  let timer: ReturnType<typeof setTimeout> | undefined
  const flush = (): void => {
    timer = undefined
    const channels = pending
    pending = new Set()
    for (const channel of channels) write(channel)
  }
  /** Channels whose failure arrived during the current resume (its summary lists them again). */
  const failedNow = new Set<string>()
  untilDisposed(sockudo, [
    client.on('event', (event) => {
      if (event.channel === undefined || event.serial === undefined) return
      pending.add(event.channel)
      timer ??= setTimeout(flush, 0)
    }),
    () => clearTimeout(timer),
    client.on('connected', () => failedNow.clear()),
    client.on('resume_failed', ({ channel, code, reason }) => {
      failedNow.add(channel)
      refs.results.value[channel] = { status: 'failed', code, reason: reason || null, at: Date.now() }
      write(channel)
    }),
    client.on('resumed', ({ recovered, failed }) => {
      const at = Date.now()
      for (const channel of recovered) refs.results.value[channel] = { status: 'recovered', code: null, reason: null, at }
      for (const channel of failed) {
        if (!failedNow.has(channel)) refs.results.value[channel] = { status: 'failed', code: null, reason: null, at }
      }
      refs.lastResume.value = { at, recovered: [...recovered], failed: [...failed] }
      writeAll()
    }),
    client.on('subscription_state', ({ channel, current }) => {
      if (current !== 'unsubscribed') return
      queueMicrotask(() => {
        if (client.channel(channel)) return
        delete refs.positions.value[channel]
        delete refs.results.value[channel]
      })
    }),
  ])
}

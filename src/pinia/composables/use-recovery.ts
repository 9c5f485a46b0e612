import { computed, toValue } from 'vue'
import type { ComputedRef, MaybeRefOrGetter } from 'vue'
import { injectSockudo } from '../../vue/internal'
import type { SockudoComposableOptions } from '../../vue'
import { own } from '../bind/dict'
import { sockudoRecoveryStore } from '../stores/recovery'
import type { RecoveryPositionInfo, ResumeResultInfo, ResumeSummary } from '../stores/types'

/** Options of {@link useRecovery}. */
export type UseRecoveryOptions = SockudoComposableOptions

/** Return value of {@link useRecovery}. */
export interface UseRecoveryReturn {
  /** Whether the client has `connectionRecovery` on. */
  enabled: ComputedRef<boolean>
  /** Position of the given channel (what a resume would ask from); null without channel or position. */
  position: ComputedRef<RecoveryPositionInfo | null>
  /** Outcome of the given channel's last resume; null without channel or before its first resume. */
  result: ComputedRef<ResumeResultInfo | null>
  /** Positions of every channel, keyed by channel name. */
  positions: ComputedRef<Readonly<Record<string, RecoveryPositionInfo>>>
  /** Outcome of the last resume of every channel, keyed by channel name. */
  results: ComputedRef<Readonly<Record<string, ResumeResultInfo>>>
  /** The last resume exchange (recovered and failed channels); null before the first. */
  lastResume: ComputedRef<ResumeSummary | null>
}

/**
 * V2 connection recovery, read from the `sockudo-recovery` store: per-channel positions and
 * the last resume result (recovered, or failed with the server's code and reason). Pass a
 * channel name for its own `position` and `result`. Does not hold the channel.
 */
export function useRecovery(channel?: MaybeRefOrGetter<string | null | undefined>, options: UseRecoveryOptions = {}): UseRecoveryReturn {
  const sockudo = injectSockudo('useRecovery', options)
  const store = sockudoRecoveryStore(sockudo.name)()
  const name = (): string | null => toValue(channel) || null
  return {
    enabled: computed(() => store.enabled),
    position: computed(() => (name() ? (own(store.positions, name()!) ?? null) : null)),
    result: computed(() => (name() ? (own(store.results, name()!) ?? null) : null)),
    positions: computed(() => store.positions),
    results: computed(() => store.results),
    lastResume: computed(() => store.lastResume),
  }
}

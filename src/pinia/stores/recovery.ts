import { ref } from 'vue'
import { defineStore } from 'pinia'
import type { RecoveryPosition } from '../../core'
import { dict } from '../bind/dict'
import { bindRecoveryStore } from '../bind/recovery'
import type { RecoveryPositionInfo, ResumeResultInfo, ResumeSummary } from './types'
import { perClient } from './per-client'
import { findSockudo, mirror, requireSockudo } from './store-client'

/** Id of the recovery store. */
export const RECOVERY_STORE_ID = 'sockudo-recovery'

/**
 * Store definition of one client's `sockudo-recovery` store, id `sockudoStoreId('sockudo-recovery', client)`:
 * V2 connection recovery made visible: the position of every channel and the outcome of the
 * last resume, per channel and in total. Written only by `src/pinia/bind`.
 */
export const sockudoRecoveryStore = perClient(RECOVERY_STORE_ID, (storeId, client) =>
  defineStore(storeId, () => {
    /** Whether the client has `connectionRecovery` on. */
    const enabled = mirror(ref(false))
    /** Last known position per channel (exact decimal serials), what a resume would ask from. */
    const positions = mirror(ref<Record<string, RecoveryPositionInfo>>(dict()))
    /** Outcome of the last resume per channel. */
    const results = mirror(ref<Record<string, ResumeResultInfo>>(dict()))
    /** The last resume exchange; null before the first. */
    const lastResume = mirror(ref<ResumeSummary | null>(null))

    const sockudo = findSockudo(client)
    const live = requireSockudo(sockudo, storeId)
    if (sockudo) bindRecoveryStore(sockudo, { enabled, positions, results, lastResume })

    /** Replaces (or with null forgets) the position of `channel` in the client, e.g. to skip a gap. */
    function setPosition(channel: string, position: RecoveryPosition | null): void {
      live().client.setRecoveryPosition(channel, position)
      if (position) positions.value[channel] = { ...position }
      else delete positions.value[channel]
    }

    return { enabled, positions, results, lastResume, setPosition }
  }),
)

/** The store of the `'default'` client (id `sockudo-recovery`); for a named client use `sockudoRecoveryStore(name)`. */
export const useSockudoRecoveryStore = sockudoRecoveryStore()

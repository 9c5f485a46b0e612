import { serialToString } from '../util/json'
import type { HistoryParams } from './types'

/**
 * `untilAttach` as an explicit `endSerial` when the attach serial is known (from
 * `subscription_succeeded`). Same bound as the server's `until_attach`, which caps `end_serial`
 * at the attach serial; sent explicitly because Sockudo 5.2 forgets the attach serial it
 * announced and answers every `until_attach` request with "No attach_serial is recorded".
 */
export function capAtAttach(params: HistoryParams, attachSerial: string | undefined): HistoryParams {
  if (!params.untilAttach || attachSerial === undefined) return params
  const { untilAttach: _bound, ...rest } = params
  const end = serialToString(params.endSerial)
  return { ...rest, endSerial: end !== undefined && BigInt(end) < BigInt(attachSerial) ? end : attachSerial }
}

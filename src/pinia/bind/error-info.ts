import { SockudoError } from '../../core'
import type { ErrorInfo } from '../stores/types'

/** Plain-data copy of an error for store state (no class instance, no `cause`). */
export function toErrorInfo(error: unknown): ErrorInfo {
  if (error instanceof SockudoError) {
    const info: ErrorInfo = { name: error.name, code: error.code, message: error.message, retryable: error.retryable }
    if (error.status !== undefined) info.status = error.status
    if (error.closeCode !== undefined) info.closeCode = error.closeCode
    if (error.serverCode !== undefined) info.serverCode = error.serverCode
    if (error.serverErrorCode !== undefined) info.serverErrorCode = error.serverErrorCode
    if (error.channel !== undefined) info.channel = error.channel
    return info
  }
  const message = error instanceof Error ? error.message : String(error)
  return { name: error instanceof Error ? error.name : 'Error', code: 'vue/unexpected', message, retryable: false }
}

export type { HistoryParams, HistoryItem, HistoryPage } from './types'

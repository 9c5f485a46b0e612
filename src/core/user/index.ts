export type { UserEvents, WatchlistEvents } from './user'
export { User, Watchlist } from './user'

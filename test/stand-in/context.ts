/** Server-wide options and the app registry shared by every module. */
import { resolveApp, type TestAppConfig } from './config'
import { createAppState, type AppState } from './state'

/** Timing and limit options of one server instance (seconds unless noted). */
export interface ServerTimings {
  /** `activity_timeout` sent in connection_established; V1 server ping after this idle time. @default 120 */
  activityTimeout: number
  /** Pong deadline after a server ping (V1 app ping and V2 native ping). @default 30 */
  pongTimeout: number
  /** V2 native ping interval; the real server uses max(30, activityTimeout/2). @default 60 */
  pingInterval: number
  /** Presence grace after an abrupt disconnect of a V1 socket. @default 0 */
  presenceGraceV1: number
  /** Presence grace after an abrupt disconnect of a V2 socket. @default 15 */
  presenceGraceV2: number
  /** `user_authentication_timeout`. @default 3600 */
  userAuthenticationTimeout: number
  /** Grace between `token_expired` and the 4009 close. @default 30 */
  tokenGrace: number
  /** Inbound frame limit (KiB); bigger frames are closed 1009 by the WebSocket layer. @default 64 */
  maxPayloadKb: number
}

export interface ServerContext {
  timings: ServerTimings
  apps: AppState[]
  /** Server clock (ms); tests may shift it with `setClockOffset`. */
  now(): number
  setClockOffset(ms: number): void
  byKey(key: string): AppState | undefined
  byId(id: string): AppState | undefined
  /** Instance id used inside version serials. */
  processId: string
}

export function createContext(apps: TestAppConfig[], timings: Partial<ServerTimings>): ServerContext {
  const states = apps.map((a) => createAppState(resolveApp(a)))
  let offset = 0
  const activityTimeout = timings.activityTimeout ?? 120
  return {
    timings: {
      activityTimeout,
      pongTimeout: 30,
      pingInterval: Math.max(30, activityTimeout / 2),
      presenceGraceV1: 0,
      presenceGraceV2: 15,
      userAuthenticationTimeout: 3600,
      tokenGrace: 30,
      maxPayloadKb: 64,
      ...stripUndefined(timings),
    },
    apps: states,
    now: () => Date.now() + offset,
    setClockOffset: (ms) => {
      offset = ms
    },
    byKey: (key) => states.find((s) => s.config.key === key),
    byId: (id) => states.find((s) => s.config.id === id),
    processId: crypto.randomUUID(),
  }
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>
}

/**
 * Pipeline internals that tests exercise directly. NOT a package entry (not in tsup.config.ts
 * nor package.json `exports`) and not re-exported from `src/core/index.ts`: anything here may
 * change in any release. Tests import it by relative path (`src/core/internal`).
 * @internal
 */
export { createProtocolNames, parseHandshake, routeFrame } from './protocol'
export type { InboundHandlers } from './protocol'
export { transition, initialMachineState, closeAction, buildSocketUrl } from './connection'
export type { MachineConfig, MachineEvent, MachineState } from './connection'
export { createWebSocketTransport } from './transport'
export { backoffDelay } from './util'
export { createChannelAuthorizer, createUserAuthenticator } from './auth'
export { loadLibsodiumSecretbox, openEncryptedPayload } from './crypto'
export { MessageDeduplicator, RecoveryPositions, applyRecovered, buildResumeData } from './recovery'
export { callProxy, toPresenceHistoryParams, toPresenceSnapshotParams, decodeHistoryItem } from './proxy'
export { decodeVersionedMessage, versionedMessageToState } from './versioned'

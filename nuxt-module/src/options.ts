/**
 * Options of the `@sockudo/nuxt` module, set under `sockudo: { … }` in `nuxt.config`. They are
 * the shared types of `runtime/types` put together (no field is declared twice): every client
 * option lands in public runtime config, every server option in private runtime config, so each
 * one can be overridden at run time with a `NUXT_…` environment variable, without a rebuild.
 */
import type {
  SockudoClientConfig,
  SockudoModuleSettings,
  SockudoPrivateRuntimeConfig,
  SockudoRouteSwitches,
} from './runtime/types'

export type { SockudoRouteSwitches }

/** Options under `sockudo` in `nuxt.config`; each field's TSDoc names its env variable. */
export interface ModuleOptions extends SockudoClientConfig, SockudoPrivateRuntimeConfig, Omit<SockudoModuleSettings, 'routes'> {
  /** {@inheritDoc SockudoModuleSettings.routes} */
  routes: Partial<SockudoRouteSwitches>
}

/** Defaults of the client options (public runtime config); also the key list of the public half. */
export const clientDefaults: SockudoClientConfig = {
  key: 'app-key',
  wsHost: '127.0.0.1',
  wsPort: 6001,
  wssPort: 443,
  forceTls: false,
  cluster: '',
  wsPath: '',
  enabledTransports: ['ws', 'wss'],
  protocolVersion: 1,
  autoConnect: true,
  connectionRecovery: false,
  recoveryStorage: null,
  deltaCompression: false,
  appendMode: null,
  appendRollupWindow: null,
  codec: 'json',
  echoMessages: true,
  messageDeduplication: true,
  activityTimeout: 120_000,
  pongTimeout: 30_000,
  unavailableTimeout: 10_000,
  subscriptionTimeout: 10_000,
  tokenTimeout: null,
  capabilityTokens: false,
  authHeaders: {},
  authParams: {},
}

/** Defaults of the server options (private runtime config): the local development app every Sockudo example uses. */
export const serverDefaults: SockudoPrivateRuntimeConfig = {
  appId: 'app-id',
  secret: 'app-secret',
  encryptionMasterKeyBase64: '',
  apiHost: '127.0.0.1',
  apiPort: 6001,
  apiUseTLS: false,
  allowedOrigins: [],
  tokenTtl: 3600,
}

/** Default route switches. */
export const routeDefaults: SockudoRouteSwitches = {
  channelAuth: true,
  userAuth: true,
  history: true,
  presenceHistory: true,
  versionedMessages: true,
  push: false,
  token: true,
}

/** Defaults of {@link ModuleOptions}. */
export const defaultOptions: ModuleOptions = {
  ...clientDefaults,
  ...serverDefaults,
  routePrefix: '/api/_sockudo',
  routes: { ...routeDefaults },
  clients: {},
}

import fromSource from '../nuxt-module/dev/from-source'

/**
 * A live tour of @sockudo/vue against the local test server (`npm run dev` at the root).
 * The module and `@sockudo/vue` are used from source. The defaults (app-key / app-secret,
 * 127.0.0.1:6001) match the test server; override with NUXT_PUBLIC_SOCKUDO_WS_PORT and
 * NUXT_SOCKUDO_API_PORT when it listens elsewhere.
 */
export default defineNuxtConfig({
  modules: [fromSource, '../nuxt-module/src/module'],
  sockudo: {
    // Demo-only key so the encrypted page works; real apps set NUXT_SOCKUDO_ENCRYPTION_MASTER_KEY_BASE64.
    encryptionMasterKeyBase64: 'cGxheWdyb3VuZC1kZW1vLW1hc3Rlci1rZXktMzJiISE=',
    // The push page drives the push proxy, which is off by default.
    routes: { push: true },
    // The V2 pages use these clients (their channels show in the `sockudo-*:<name>` stores).
    // Non-serialisable extras (a tracked WebSocket) come from app/plugins/sockudo-sockets.ts.
    clients: {
      v2: { protocolVersion: 2, connectionRecovery: true, recoveryStorage: 'sessionStorage', appendRollupWindow: 40 },
      delta: { protocolVersion: 2, deltaCompression: true, autoConnect: false },
      unbatched: { protocolVersion: 2, appendRollupWindow: 0, autoConnect: false },
    },
  },
  runtimeConfig: {
    public: {
      // 'local' or 'external' (scripts/dev.ts sets NUXT_PUBLIC_PLAYGROUND_SERVER_KIND); shown as a banner.
      playground: { serverKind: '' },
    },
  },
  css: ['~/assets/main.css'],
  app: {
    head: {
      title: 'Sockudo playground',
      meta: [{ name: 'viewport', content: 'width=device-width, initial-scale=1' }],
    },
  },
  compatibilityDate: '2025-07-15',
  devtools: { enabled: false },
})

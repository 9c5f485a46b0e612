import { readFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { sockudoComposables } from '../../nuxt-module/src/auto-imports'
import { defaultOptions } from '../../nuxt-module/src/options'
import { toRuntimeConfig } from '../../nuxt-module/src/runtime-config'
import { toClientOptions } from '../../nuxt-module/src/runtime/app/client-options'
import { loadCodec } from '../../nuxt-module/src/runtime/app/client-modules'

// No Nuxt build here: these check the module's own tables against the library and the spec.

async function exportedComposables(): Promise<string[]> {
  const names: string[] = []
  for (const entry of ['src/vue/index.ts', 'src/pinia/index.ts']) {
    const source = await readFile(new URL(`../../${entry}`, import.meta.url), 'utf8')
    for (const match of source.matchAll(/^export \{([^}]*)\} from/gm)) {
      names.push(...match[1]!.split(',').map(name => name.trim()).filter(name => /^use[A-Z]/.test(name)))
    }
  }
  return names
}

describe('auto-imports', () => {
  it('cover every composable and store hook that @sockudo/vue exports, and nothing else', async () => {
    expect([...sockudoComposables].sort()).toEqual((await exportedComposables()).sort())
  })
})

describe('runtime config split', () => {
  it('defaults to the local development app of http.md §4.5', () => {
    const { public: pub, private: priv } = toRuntimeConfig(defaultOptions)
    expect(pub).toMatchObject({ key: 'app-key', wsHost: '127.0.0.1', wsPort: 6001, forceTls: false })
    expect(priv).toMatchObject({ appId: 'app-id', secret: 'app-secret', apiHost: '127.0.0.1', apiPort: 6001, apiUseTLS: false })
  })

  it('never puts the secret, the master key or the API location in the public part', () => {
    const options = { ...defaultOptions, secret: 'top-secret-value', encryptionMasterKeyBase64: 'bWFzdGVyLWtleQ==', apiHost: 'internal.example' }
    const publicJson = JSON.stringify(toRuntimeConfig(options).public)
    for (const value of ['top-secret-value', 'bWFzdGVyLWtleQ==', 'internal.example', 'app-id']) {
      expect(publicJson).not.toContain(value)
    }
  })

  it('fills route switches left out by the app with their defaults', () => {
    const { public: pub } = toRuntimeConfig({ ...defaultOptions, routes: { push: true, history: false } })
    expect(pub.routes).toEqual({ channelAuth: true, userAuth: true, history: false, presenceHistory: true, versionedMessages: true, push: true, token: true })
  })
})

describe('client options', () => {
  it('point the client at the module routes and never connect on their own', () => {
    const { public: pub } = toRuntimeConfig({ ...defaultOptions, routePrefix: '/rt/' })
    expect(toClientOptions(pub)).toMatchObject({
      key: 'app-key',
      wsHost: '127.0.0.1',
      wsPort: 6001,
      forceTls: false,
      autoConnect: false,
      channelAuthorization: { endpoint: '/rt/auth' },
      userAuthentication: { endpoint: '/rt/user-auth' },
      presenceHistory: { endpoint: '/rt/presence-history' },
      versionedMessages: { endpoint: '/rt/versioned-messages' },
    })
  })

  it('leave out the proxies that are switched off', () => {
    const { public: pub } = toRuntimeConfig({ ...defaultOptions, routes: { presenceHistory: false, versionedMessages: false } })
    const options = toClientOptions(pub)
    expect(options.presenceHistory).toBeUndefined()
    expect(options.versionedMessages).toBeUndefined()
  })
})

describe('V2 options from nuxt.config', () => {
  const v2 = toRuntimeConfig({
    ...defaultOptions,
    protocolVersion: 2,
    connectionRecovery: true,
    appendMode: 'full',
    appendRollupWindow: 40,
    echoMessages: false,
    messageDeduplication: { capacity: 50 },
    enabledTransports: ['wss'],
    wsPath: '/ws',
    cluster: 'eu',
    tokenTimeout: 2500,
    capabilityTokens: true,
    authHeaders: { 'x-tenant': 'a' },
    authParams: { team: 't1' },
    clients: { legacy: { protocolVersion: 1, wsPort: 7001 } },
  }).public

  it('reach the client: recovery, append, echo, dedup, transports, path, cluster, timeouts, auth headers and params', () => {
    const options = toClientOptions(v2)
    expect(options).toMatchObject({
      protocolVersion: 2, connectionRecovery: true, appendMode: 'full', appendRollupWindow: 40, echoMessages: false,
      messageDeduplication: { capacity: 50 }, enabledTransports: ['wss'], wsPath: '/ws', cluster: 'eu', tokenTimeout: 2500,
      channelAuthorization: { endpoint: '/api/_sockudo/auth', headers: { 'x-tenant': 'a' }, params: { team: 't1' } },
      userAuthentication: { endpoint: '/api/_sockudo/user-auth', headers: { 'x-tenant': 'a' }, params: { team: 't1' } },
    })
    expect(typeof options.authCallback).toBe('function')
  })

  it('replace array defaults instead of concatenating them', () => {
    expect(v2.enabledTransports).toEqual(['wss'])
    expect(toRuntimeConfig(defaultOptions).public.enabledTransports).toEqual(['ws', 'wss'])
  })

  it('give a named client its own fields over the default client, and no V2-only options on V1', () => {
    const legacy = toClientOptions(v2, 'legacy')
    expect(legacy).toMatchObject({ name: 'legacy', protocolVersion: 1, wsPort: 7001, key: 'app-key', wsPath: '/ws' })
    expect(legacy.connectionRecovery).toBeUndefined()
    expect(legacy.authCallback).toBeUndefined()
    expect(toClientOptions(v2).name).toBeUndefined()
  })

  it('refuse client names that cannot become env names', () => {
    for (const name of ['default', 'my-client', '1st']) {
      expect(() => toRuntimeConfig({ ...defaultOptions, clients: { [name]: {} } })).toThrow(/client name/)
    }
  })

  it('load a binary codec only when asked', async () => {
    expect(await loadCodec('json')).toBeUndefined()
    expect((await loadCodec('msgpack'))?.format).toBe('msgpack')
    expect((await loadCodec('protobuf'))?.format).toBe('protobuf')
  })
})

describe('the option tables', () => {
  /** `option → env var` rows of the first table under `## Options` in `file`. */
  async function optionRows(file: string, heading: RegExp): Promise<Map<string, string>> {
    const text = await readFile(new URL(`../../${file}`, import.meta.url), 'utf8')
    const section = text.slice(text.search(heading))
    const rows = new Map<string, string>()
    for (const line of section.split('\n').slice(1)) {
      if (/^#{1,3} /.test(line)) break
      const cells = line.split(/(?<!\\)\|/).slice(1, -1).map(cell => cell.trim())
      const name = /^`(\w+)`$/.exec(cells[0] ?? '')?.[1]
      if (name) rows.set(name, cells[3] ?? '')
    }
    return rows
  }

  /** Nuxt's env name of a runtime-config key: SCREAMING_SNAKE_CASE under the half's prefix. */
  const envName = (name: string, isPublic: boolean): string =>
    `${isPublic ? 'NUXT_PUBLIC_SOCKUDO_' : 'NUXT_SOCKUDO_'}${name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2').toUpperCase()}`

  it.each([['README.md', /^### Options$/m], ['nuxt-module/README.md', /^## Options$/m]])('%s lists every option with its env name', async (file, heading) => {
    const rows = await optionRows(file, heading)
    expect([...rows.keys()].sort()).toEqual(Object.keys(defaultOptions).sort())
    const { public: pub } = toRuntimeConfig(defaultOptions)
    for (const [name, env] of rows) {
      if (name === 'routePrefix' || name === 'routes' || name === 'clients') continue
      expect(env, `${file}: ${name}`).toContain(envName(name, name in pub))
    }
  })
})

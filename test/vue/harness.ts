/**
 * Test harness for the Vue layer: a Pinia + Sockudo app on the live test server, components
 * written as setup functions, and counters for listener/subscription leaks.
 */
import { afterEach } from 'vitest'
import { mount } from '@vue/test-utils'
import type { VueWrapper } from '@vue/test-utils'
import { createPinia } from 'pinia'
import type { Pinia } from 'pinia'
import { defineComponent, h, nextTick, shallowRef } from 'vue'
import type { Component } from 'vue'
import { createSockudo } from '@sockudo/vue'
import type { Sockudo, SockudoPluginOptions } from '@sockudo/vue'
import { channelAuth, userAuth } from '../support/auth'
import { liveTarget, serverSdk, waitFor } from '../support/live'

export { waitFor, serverSdk, liveTarget }

/** Options of {@link sockudoOptions}. */
export interface HarnessOptions extends Partial<SockudoPluginOptions> {
  /** Presence identity signed by the test authorizer. */
  user?: { id: string; info?: Record<string, unknown> }
  /** Make auth fail: the authorizer throws, or it answers with a signature the server rejects. */
  refuseAuth?: false | 'throw' | 'bad-signature'
}

/** Plugin options pointing at the live target, signing channel and user auth locally. */
export function sockudoOptions(options: HarnessOptions = {}): SockudoPluginOptions {
  const { user = { id: 'user-1' }, refuseAuth = false, ...rest } = options
  const t = liveTarget()
  const channelData = JSON.stringify({ user_id: user.id, user_info: user.info ?? {} })
  return {
    key: t.key,
    wsHost: t.host,
    wsPort: t.port,
    forceTls: false,
    releaseDelay: 0,
    devtools: false,
    channelAuthorization: {
      customHandler: async ({ socketId, channelName }) => {
        if (refuseAuth === 'throw') throw new Error('refused by the test authorizer')
        if (refuseAuth === 'bad-signature') return { auth: `${t.key}:${'0'.repeat(64)}`, channelData }
        const presence = channelName.startsWith('presence-')
        return presence
          ? { auth: channelAuth(socketId, channelName, channelData, t), channelData }
          : { auth: channelAuth(socketId, channelName, undefined, t) }
      },
    },
    userAuthentication: {
      customHandler: async ({ socketId }) => {
        if (refuseAuth === 'throw') throw new Error('refused by the test authenticator')
        const userData = JSON.stringify({ id: user.id, watchlist: ['watched-1'] })
        return { auth: userAuth(socketId, userData, t), userData }
      },
    },
    ...rest,
  }
}

/** A component mounted into the harness app. */
export interface Mounted {
  /** Text rendered by the component. */
  text(): string
  /** Unmounts the component (the app keeps running). */
  remove(): Promise<void>
}

/**
 * A Pinia + Sockudo app on the live target. Every `mount` adds a component to the same app
 * (one Sockudo instance per app), so components share channels like in a real page.
 */
export interface Harness {
  pinia: Pinia
  sockudo: Sockudo
  /** Mounts `component` as a new child of the app; rejects with its setup/render error. */
  mount(component: Component, props?: Record<string, unknown>): Promise<Mounted>
  /** Unmounts the app and disposes the Sockudo instance. */
  close(): void
}

interface Child {
  key: number
  component: Component
  props: Record<string, unknown>
}

/**
 * A harness factory for one test file: each harness it makes is closed after its test. Call it
 * at the top level of the file; `defaults` apply to every harness.
 */
export function harnessesPerTest(defaults: HarnessOptions = {}): (options?: HarnessOptions) => Harness {
  const open: Harness[] = []
  afterEach(() => open.splice(0).forEach((harness) => harness.close()))
  return (options = {}) => {
    const harness = createHarness({ ...defaults, ...options })
    open.push(harness)
    return harness
  }
}

/** Creates a harness; call `close()` in `afterEach` (or use {@link harnessesPerTest}). */
export function createHarness(options: HarnessOptions = {}): Harness {
  const pinia = createPinia()
  const sockudo = createSockudo(sockudoOptions(options))
  const children = shallowRef<Child[]>([])
  let failure: unknown
  let host: VueWrapper | undefined
  let next = 0
  const Host = defineComponent({
    setup: () => () => children.value.map((c) => h('div', { key: c.key, 'data-child': c.key }, [h(c.component, c.props)])),
  })
  const remove = async (key: number): Promise<void> => {
    children.value = children.value.filter((c) => c.key !== key)
    await nextTick()
  }
  return {
    pinia,
    sockudo,
    async mount(component, props = {}) {
      const key = next++
      failure = undefined
      children.value = [...children.value, { key, component, props }]
      host ??= mount(Host, {
        global: { plugins: [pinia, sockudo], config: { errorHandler: (error) => void (failure = error) } },
      }) as VueWrapper
      await nextTick()
      if (failure !== undefined) {
        await remove(key)
        throw failure
      }
      return { text: () => host!.find(`[data-child="${key}"]`).text(), remove: () => remove(key) }
    },
    close() {
      host?.unmount()
      host = undefined
      sockudo.dispose()
    },
  }
}

/** A component that runs `setup` and renders nothing interesting. */
export function withSetup<T>(setup: () => T): { component: Component; result: () => T } {
  let result: T | undefined
  const component = defineComponent({
    setup() {
      result = setup()
      return () => h('div')
    },
  })
  return {
    component,
    result: () => {
      if (result === undefined) throw new Error('component not mounted')
      return result
    },
  }
}

/** Publishes through the server SDK (HTTP API). */
export async function publish(channel: string, event: string, data: unknown): Promise<void> {
  await serverSdk().trigger(channel, event, data)
}

/** A unique channel name per test. */
let seq = 0
export function uniqueName(prefix = 'vue'): string {
  return `${prefix}-${process.pid}-${Date.now().toString(36)}-${seq++}`
}

/**
 * `fetch` over `node:http`, for server-side code running inside the happy-dom environment
 * (whose own fetch applies browser CORS rules to the loopback API).
 */
export const nodeFetch = (async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
  const { request } = await import('node:http')
  const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url)
  const body = typeof init.body === 'string' ? init.body : undefined
  return new Promise<Response>((resolve, reject) => {
    const req = request(url, { method: init.method ?? 'GET', headers: init.headers as Record<string, string> }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => {
        const headers = new Headers()
        for (const [k, v] of Object.entries(res.headers)) if (typeof v === 'string') headers.set(k, v)
        resolve(new Response(Buffer.concat(chunks).toString('utf8'), { status: res.statusCode ?? 0, headers }))
      })
    })
    req.on('error', reject)
    if (body !== undefined) req.write(body)
    req.end()
  })
}) as typeof fetch

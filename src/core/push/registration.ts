import { ProxyError } from '../errors'
import { asArray, asRecord, num, str } from '../proxy/decode'
import { callProxy } from '../proxy/request'
import type { ProxyEndpointOptions } from '../proxy/request'
import type { PushChannelSubscription, PushDevice, PushListPage, PushListParams, PushPublishAccepted, PushPublishRequest } from './types'

/** Options of {@link SockudoPushRegistration}: the app's push proxy mount (`<endpoint>/deviceRegistrations`, …). */
export type SockudoPushRegistrationOptions = ProxyEndpointOptions

type Query = Record<string, string | number | undefined>

/**
 * Push registration helpers (sockudo 5.2.0 src/push_http.rs). Every call goes to the app's backend, which
 * forwards it to the signed `/apps/{appId}/push/…` API and decides the capability.
 */
export class SockudoPushRegistration {
  private readonly options: SockudoPushRegistrationOptions

  /** @param options endpoint (trailing slashes removed), headers, fetch, timeout. */
  constructor(options: SockudoPushRegistrationOptions) {
    this.options = { ...options, endpoint: options.endpoint.replace(/\/+$/, '') }
  }

  /**
   * Registers (or updates, as admin) a device; the answer may carry a new `deviceIdentityToken`.
   * `push.state` defaults to `'ACTIVE'` (Sockudo requires the field).
   */
  activateDevice(device: PushDevice): Promise<unknown> {
    return this.call('POST', '/deviceRegistrations', { body: withState(device) })
  }

  /** Updates a device the caller owns, proving it with its identity token (`push.state` defaults to `'ACTIVE'`). */
  updateDeviceRegistration(device: PushDevice, deviceIdentityToken: string): Promise<unknown> {
    return this.call('POST', '/deviceRegistrations', { body: withState(device), headers: { 'X-Sockudo-Device-Identity-Token': deviceIdentityToken } })
  }

  /** Lists devices (admin). */
  async listDeviceRegistrations(params: PushListParams = {}): Promise<PushListPage<PushDevice>> {
    return listPage<PushDevice>(await this.call('GET', '/deviceRegistrations', { query: { limit: params.limit, cursor: params.cursor } }))
  }

  /** Reads one device. */
  getDeviceRegistration(deviceId: string, deviceIdentityToken?: string): Promise<unknown> {
    return this.call('GET', `/deviceRegistrations/${encodeURIComponent(deviceId)}`, tokenHeader(deviceIdentityToken))
  }

  /** Removes a device (204). */
  async deleteDeviceRegistration(deviceId: string, deviceIdentityToken?: string): Promise<void> {
    await this.call('DELETE', `/deviceRegistrations/${encodeURIComponent(deviceId)}`, tokenHeader(deviceIdentityToken))
  }

  /** Subscribes a device to a channel's pushes (201, echo). */
  upsertChannelSubscription(subscription: PushChannelSubscription, deviceIdentityToken?: string): Promise<unknown> {
    return this.call('POST', '/channelSubscriptions', { body: subscription, ...tokenHeader(deviceIdentityToken) })
  }

  /** Lists channel subscriptions, filtered by channel and/or device. */
  async listChannelSubscriptions(params: PushListParams & { channel?: string; deviceId?: string } = {}): Promise<PushListPage<PushChannelSubscription>> {
    const query = { channel: params.channel, deviceId: params.deviceId, limit: params.limit, cursor: params.cursor }
    return listPage<PushChannelSubscription>(await this.call('GET', '/channelSubscriptions', { query }))
  }

  /** Removes subscriptions by channel and/or device (the server needs at least one). */
  async deleteChannelSubscriptions(params: { channel?: string; deviceId?: string }): Promise<{ deleted: number }> {
    const body = asRecord(await this.call('DELETE', '/channelSubscriptions', { query: { channel: params.channel, deviceId: params.deviceId } }))
    return { deleted: num(body.deleted) ?? 0 }
  }

  /** Publishes a push (always `sync: false`; 202). */
  async publish(request: PushPublishRequest): Promise<PushPublishAccepted> {
    return accepted(await this.call('POST', '/publish', { body: { ...request, sync: false } }))
  }

  /** Publishes several pushes (always `sync: false`; 202). */
  async publishBatch(requests: readonly PushPublishRequest[]): Promise<PushPublishAccepted[]> {
    const body = asRecord(await this.call('POST', '/batch/publish', { body: requests.map((r) => ({ ...r, sync: false })) }))
    return asArray(body.items).map(accepted)
  }

  /** Schedules a push (`notBeforeMs` required). */
  schedulePublish(request: PushPublishRequest & { notBeforeMs: number }): Promise<PushPublishAccepted> {
    return this.publish(request)
  }

  /** Reads a publish's progress. */
  getPublishStatus(publishId: string): Promise<unknown> {
    return this.call('GET', `/publish/${encodeURIComponent(publishId)}/status`)
  }

  /** Cancels a scheduled publish (204). */
  async cancelScheduledPublish(publishId: string): Promise<void> {
    await this.call('DELETE', `/scheduled/${encodeURIComponent(publishId)}`)
  }

  /** Reports a delivery event (202). */
  postDeliveryStatus(event: Record<string, unknown>): Promise<unknown> {
    return this.call('POST', '/deliveryStatus', { body: event })
  }

  private async call(method: 'GET' | 'POST' | 'DELETE', path: string, extra: { body?: unknown; query?: Query; headers?: Record<string, string> } = {}): Promise<unknown> {
    const url = `${this.options.endpoint}${path}${queryString(extra.query)}`
    const call = { method, url, what: `push ${method} ${path}`, ...(extra.body === undefined ? {} : { body: extra.body }), ...(extra.headers ? { headers: extra.headers } : {}) }
    return (await callProxy(this.options, call)).body
  }
}

function tokenHeader(token: string | undefined): { headers?: Record<string, string> } {
  return token === undefined ? {} : { headers: { 'X-Sockudo-Device-Identity-Token': token } }
}

function queryString(query: Query | undefined): string {
  const pairs = Object.entries(query ?? {}).filter((e): e is [string, string | number] => e[1] !== undefined)
  return pairs.length ? `?${new URLSearchParams(pairs.map(([k, v]) => [k, String(v)])).toString()}` : ''
}

function listPage<T>(body: unknown): PushListPage<T> {
  const raw = asRecord(body)
  return { items: asArray(raw.items) as T[], nextCursor: str(raw.next_cursor ?? raw.nextCursor) ?? null, hasMore: raw.has_more === true || raw.hasMore === true }
}

function accepted(body: unknown): PushPublishAccepted {
  const raw = asRecord(body)
  const publishId = str(raw.publishId) ?? str(raw.publish_id)
  if (publishId === undefined) throw new ProxyError('push/missing-publish-id', 'Push publish answer has no publishId.', { body })
  const result: PushPublishAccepted = { publishId, raw }
  const status = str(raw.status)
  if (status !== undefined) result.status = status
  const expected = num(raw.expectedRecipients)
  if (expected !== undefined) result.expectedRecipients = expected
  const regime = str(raw.fanoutRegime)
  if (regime !== undefined) result.fanoutRegime = regime
  return result
}

/** Sockudo 5.2 refuses a registration without `push.state` (`missing field \`state\``). */
function withState(device: PushDevice): PushDevice {
  return device.push.state === undefined ? { ...device, push: { ...device.push, state: 'ACTIVE' } } : device
}

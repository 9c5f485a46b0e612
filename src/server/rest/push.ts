import { ConfigError } from '../../core/errors'
import { decodeJsonResponse } from './request'
import type { RestResponse, RestSender } from './request'
import type { QueryValue } from '../signing'

/** Capability the app grants a push call (sockudo 5.2.0 src/push_http.rs); never taken from the browser. */
export type PushCapability = 'push-admin' | 'push-subscribe'

/** Every {@link PushCapability}, lowest privilege first. */
export const PUSH_CAPABILITIES: readonly PushCapability[] = ['push-subscribe', 'push-admin']

/** One push API call below `/apps/{appId}/push`. */
export interface RestPushRequest {
  /** HTTP method. */
  method: 'GET' | 'POST' | 'DELETE'
  /** Path below `/push`, e.g. `/deviceRegistrations`. */
  path: string
  /** Query parameters. */
  params?: Record<string, QueryValue>
  /** Raw JSON body text. */
  body?: string
  /** Capability header; required, so a missing decision never means the highest privilege. */
  capability: PushCapability
  /** Device identity token for device-owned calls. */
  deviceIdentityToken?: string
}

/** Push admin API of a {@link SockudoRest} client. */
export interface SockudoRestPush {
  /** Sends a raw push call and returns the untouched response. */
  request(request: RestPushRequest): Promise<RestResponse>
  /** `POST /push/publish` (always `sync: false`); resolves with the 202 body. */
  publish(request: Record<string, unknown>): Promise<unknown>
  /** `POST /push/batch/publish`. */
  publishBatch(requests: readonly Record<string, unknown>[]): Promise<unknown>
  /** `GET /push/publish/{id}/status`. */
  getPublishStatus(publishId: string): Promise<unknown>
}

/** Builds the push part of the REST client for app `appId`. */
export function createRestPush(send: RestSender, appId: string): SockudoRestPush {
  const request = async (req: RestPushRequest): Promise<RestResponse> => {
    // Checked at run time too: a JavaScript caller (or a cast) can still pass nothing.
    if (!(PUSH_CAPABILITIES as readonly unknown[]).includes(req.capability)) {
      throw new ConfigError('push/capability-required', `[sockudo] push.request needs capability ${PUSH_CAPABILITIES.map((c) => `'${c}'`).join(' or ')} (got ${JSON.stringify(req.capability)}).`)
    }
    const headers: Record<string, string> = { 'x-sockudo-push-capability': req.capability }
    if (req.deviceIdentityToken !== undefined) headers['x-sockudo-device-identity-token'] = req.deviceIdentityToken
    const body = req.method === 'POST' && NAMES_APP.has(req.path) ? withAppId(req.body, appId) : req.body
    return await send({ method: req.method, path: `/push${req.path}`, headers, ...(req.params ? { params: req.params } : {}), ...(body === undefined ? {} : { body }) })
  }
  const json = async (what: string, req: RestPushRequest): Promise<unknown> => decodeJsonResponse(await request(req), what)
  return {
    request,
    publish: (body) => json('push publish', { method: 'POST', path: '/publish', capability: 'push-admin', body: JSON.stringify({ ...body, sync: false }) }),
    publishBatch: (bodies) => json('push batch publish', { method: 'POST', path: '/batch/publish', capability: 'push-admin', body: JSON.stringify(bodies.map((b) => ({ ...b, sync: false }))) }),
    getPublishStatus: (id) => json('push publish status', { method: 'GET', path: `/publish/${encodeURIComponent(id)}/status`, capability: 'push-admin' }),
  }
}

/** Bodies that name their app: a device registration and a channel subscription. */
const NAMES_APP = new Set(['/deviceRegistrations', '/channelSubscriptions'])

/**
 * Device registrations and channel subscriptions name their app (`appId`, required by Sockudo
 * 5.2); the browser need not know it, so the signed client fills it in when absent. Other
 * bodies go as they came.
 */
function withAppId(body: string | undefined, appId: string): string | undefined {
  if (body === undefined) return body
  let device: unknown
  try {
    device = JSON.parse(body)
  } catch {
    return body
  }
  if (typeof device !== 'object' || device === null || Array.isArray(device) || 'appId' in device) return body
  return JSON.stringify({ appId, ...device })
}

import { decodeJsonResponse } from './request'
import type { RestResponse, RestSender } from './request'
import type { QueryValue } from '../signing'

/** Capability the app grants a push call (http.md §2.13); never taken from the browser. */
export type PushCapability = 'push-admin' | 'push-subscribe'

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
  /** Capability header. @default 'push-admin' */
  capability?: PushCapability
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

/** Builds the push part of the REST client. */
export function createRestPush(send: RestSender): SockudoRestPush {
  const request = (req: RestPushRequest): Promise<RestResponse> => {
    const headers: Record<string, string> = { 'x-sockudo-push-capability': req.capability ?? 'push-admin' }
    if (req.deviceIdentityToken !== undefined) headers['x-sockudo-device-identity-token'] = req.deviceIdentityToken
    return send({ method: req.method, path: `/push${req.path}`, headers, ...(req.params ? { params: req.params } : {}), ...(req.body === undefined ? {} : { body: req.body }) })
  }
  const json = async (what: string, req: RestPushRequest): Promise<unknown> => decodeJsonResponse(await request(req), what)
  return {
    request,
    publish: (body) => json('push publish', { method: 'POST', path: '/publish', body: JSON.stringify({ ...body, sync: false }) }),
    publishBatch: (bodies) => json('push batch publish', { method: 'POST', path: '/batch/publish', body: JSON.stringify(bodies.map((b) => ({ ...b, sync: false }))) }),
    getPublishStatus: (id) => json('push publish status', { method: 'GET', path: `/publish/${encodeURIComponent(id)}/status` }),
  }
}

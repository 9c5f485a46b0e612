/**
 * Minimal push REST (http.md §2.13, Cargo feature `push`): publish → 202 PublishAccepted with
 * camelCase keys, batch publish, publish status. Devices/subscriptions are not modelled.
 */
import { isRecord } from '../util'
import { HttpError, invalidInput, plain, withStatus } from './respond'
import type { RouteRequest } from './router'

interface PushPublish {
  publishId: string
  expected: number
}

const publishes = new Map<string, PushPublish>()

function checkCapability(r: RouteRequest): void {
  if (!r.app.config.push) throw plain(404, '404 NOT FOUND')
  const cap = r.headers['x-sockudo-push-capability'] ?? 'push-admin'
  if (cap !== 'push-admin' && cap !== 'push-subscribe') throw new HttpError(403, 'forbidden', 'unknown push capability requested')
  if (cap !== 'push-admin') throw new HttpError(403, 'forbidden', 'push-admin capability is required')
}

function parseBody(r: RouteRequest): unknown {
  const type = String(r.headers['content-type'] ?? '')
  if (!/^application\/(.+\+)?json\b/i.test(type)) throw invalidInput('expected application/json content type')
  try {
    return JSON.parse(r.rawBody.toString('utf8'))
  } catch (error) {
    throw invalidInput(`invalid JSON body: ${(error as Error).message}`)
  }
}

function accept(item: unknown): Record<string, unknown> {
  if (!isRecord(item) || !Array.isArray(item.recipients) || item.recipients.length === 0 || !isRecord(item.payload)) {
    throw invalidInput('invalid JSON body: publish requires non-empty recipients and a payload')
  }
  const publishId = typeof item.publishId === 'string' ? item.publishId : crypto.randomUUID()
  const existing = publishes.get(publishId)
  if (!existing) publishes.set(publishId, { publishId, expected: item.recipients.length })
  return { publishId, status: existing ? 'succeeded' : 'accepted', expectedRecipients: item.recipients.length, fanoutRegime: 'fastPath', renderedPayloads: [] }
}

export function publishPush(r: RouteRequest): unknown {
  checkCapability(r)
  return withStatus(202, accept(parseBody(r)))
}

export function batchPublishPush(r: RouteRequest): unknown {
  checkCapability(r)
  const body = parseBody(r)
  if (!Array.isArray(body)) throw invalidInput('invalid JSON body: expected an array of publish requests')
  return withStatus(202, { items: body.map(accept) })
}

export function pushStatus(r: RouteRequest): unknown {
  checkCapability(r)
  const p = publishes.get(r.params[0] ?? '')
  if (!p) throw new HttpError(404, 'not_found', 'publish status not found')
  return {
    appId: r.app.config.id, publishId: p.publishId, state: 'succeeded', fanoutRegime: 'fastPath',
    counters: { planned: p.expected, dispatched: p.expected, succeeded: p.expected, failed: 0, expired: 0, retryScheduled: 0, retryAttempted: 0, deadLettered: 0 },
  }
}

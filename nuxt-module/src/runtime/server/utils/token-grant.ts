import { SOCKUDO_CAPABILITY_OPERATIONS } from './token-issuer'
import type { SockudoTokenGrant } from './token-issuer'

/** Why a grant was refused: `forbidden` for `false`, `invalid-decision` (with what to return) for the rest. */
export type GrantVerdict = { allow: true, grant: SockudoTokenGrant } | { allow: false, code: 'forbidden' | 'invalid-decision', message: string }

const OPERATIONS = new Set<string>(SOCKUDO_CAPABILITY_OPERATIONS)
const EXPECTED = 'return { clientId: <user id>, capabilities: { <channel pattern>: [<operations>] }, ttl? } to allow, false to deny'
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)
const bytes = (text: string): number => new TextEncoder().encode(text).length

/** Problems of a capability map, or undefined when the server will accept it (sockudo-core 5.2.0 src/capability_token.rs). */
function capabilityProblem(value: unknown): string | undefined {
  if (!isRecord(value)) return 'capabilities is not an object'
  const entries = Object.entries(value)
  if (entries.length === 0 || entries.length > 100) return 'capabilities needs 1 to 100 patterns'
  for (const [pattern, ops] of entries) {
    if (pattern === '' || (pattern.split('*').length > 2)) return `pattern "${pattern}" is empty or has more than one *`
    if (!Array.isArray(ops) || ops.length === 0) return `operations of "${pattern}" must be a non-empty array`
    const unknown = ops.find(op => typeof op !== 'string' || !OPERATIONS.has(op.replace(/_/g, '-')))
    if (unknown !== undefined) return `unknown operation ${JSON.stringify(unknown)} for "${pattern}"`
  }
  return undefined
}

/**
 * The strict reading of the issuer's answer: only a well-formed grant allows. `false` is a
 * plain refusal; anything else (`true`, `undefined`, `{}`, a bad client id, an unknown
 * operation, a ttl over 24 h…) is refused too, with a message naming the problem.
 */
export function judgeGrant(decision: unknown): GrantVerdict {
  if (decision === false) return { allow: false, code: 'forbidden', message: 'The token issuer refused this request.' }
  const invalid = (why: string): GrantVerdict => ({ allow: false, code: 'invalid-decision', message: `The token issuer's answer is not a grant (${why}): ${EXPECTED}.` })
  if (!isRecord(decision)) return invalid(decision === undefined ? 'undefined: a missing return?' : `got ${typeof decision}`)
  const { clientId, capabilities, ttl } = decision
  if (typeof clientId !== 'string' || clientId === '' || bytes(clientId) > 128) return invalid('clientId must be a string of 1 to 128 bytes')
  const problem = capabilityProblem(capabilities)
  if (problem) return invalid(problem)
  if (ttl !== undefined && (!Number.isInteger(ttl) || (ttl as number) < 1 || (ttl as number) > 86_400)) return invalid('ttl must be an integer from 1 to 86400 seconds')
  const grant: SockudoTokenGrant = { clientId, capabilities: capabilities as SockudoTokenGrant['capabilities'] }
  if (ttl !== undefined) grant.ttl = ttl as number
  return { allow: true, grant }
}

/** Loads test/vectors/codecs/*.json and revives `{ $hex }` (bytes) and `{ $bigint }` markers. */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { CodecError } from '../../../src/core/errors'
import { expect } from 'vitest'

const dir = new URL('../../vectors/codecs/', import.meta.url)

export function loadVectors<T>(name: string): T {
  return JSON.parse(readFileSync(fileURLToPath(new URL(name, dir)), 'utf8'), revive) as T
}

function revive(_key: string, value: unknown): unknown {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const v = value as Record<string, unknown>
    if (typeof v.$hex === 'string') return hexToBytes(v.$hex)
    if (typeof v.$bigint === 'string') return BigInt(v.$bigint)
  }
  return value
}

export function hexToBytes(hex: string): Uint8Array {
  return Uint8Array.from(Buffer.from(hex, 'hex'))
}

export function bytesToHex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex')
}

export interface InboundVector {
  name: string
  json: string
  msgpack: string
  protobuf: string
  expected: Record<string, unknown>
  expectedJson: Record<string, unknown>
}

export interface OutboundVector {
  name: string
  frame: { event: string; channel?: string; data?: unknown }
  json: string
  msgpack: string
  protobuf: string
}

export interface DecodeVector {
  name: string
  input: string
  expected: Record<string, unknown>
}

export interface InvalidVector {
  name: string
  codec: 'json' | 'msgpack' | 'protobuf'
  input: string
  code: string
}

export interface SpecialVectors {
  msgpack: DecodeVector[]
  protobuf: DecodeVector[]
  json: DecodeVector[]
  invalid: InvalidVector[]
}

export const inbound = loadVectors<InboundVector[]>('inbound.json')
export const outbound = loadVectors<OutboundVector[]>('outbound.json')
export const special = loadVectors<SpecialVectors>('special.json')

/** Runs `fn` and returns the CodecError it throws (fails the test otherwise). */
export function codecErrorOf(fn: () => unknown): CodecError {
  try {
    fn()
  } catch (error) {
    expect(error).toBeInstanceOf(CodecError)
    return error as CodecError
  }
  throw new Error('expected a CodecError, but nothing was thrown')
}

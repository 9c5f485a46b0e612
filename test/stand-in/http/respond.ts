/** HTTP response helpers: the Sockudo error envelope (http.md §1.8) and JSON bodies. */
import type { ServerResponse } from 'node:http'
import { stringifyJson } from '../util'

/** An HTTP failure with the real status, snake_case code and text. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly plain = false,
  ) {
    super(message)
  }
}

export const invalidInput = (msg: string): HttpError => new HttpError(400, 'invalid_input', msg)
export const authFailed = (msg: string): HttpError => new HttpError(401, 'auth_failed', msg)
export const featureDisabled = (msg: string): HttpError => new HttpError(422, 'feature_disabled', msg)
export const notFound = (msg: string): HttpError => new HttpError(404, 'not_found', msg)
/** Framework (axum) rejections: plain text bodies. */
export const plain = (status: number, text: string): HttpError => new HttpError(status, '', text, true)

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = stringifyJson(body)
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text), ...headers })
  res.end(text)
}

export function sendError(res: ServerResponse, error: HttpError, headers: Record<string, string> = {}): void {
  if (error.plain) {
    res.writeHead(error.status, { 'Content-Type': 'text/plain; charset=utf-8', ...headers })
    res.end(error.message)
    return
  }
  sendJson(res, error.status, { error: error.message, code: error.code, status: error.status }, headers)
}

/** Wraps a non-200 result of a route handler. */
export const withStatus = (status: number, body: unknown): { __status: number; body: unknown } => ({ __status: status, body })

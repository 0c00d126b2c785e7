import type { UserFacingError } from '../rpc/dispatcher'

/**
 * What can go wrong talking to a remote system, in words an inspector can act on. `kind` lets
 * callers decide (retry, ask to sign in again, stop); `message` is shown as is.
 */
export type ConnectorErrorKind =
  | 'auth' // credentials refused: retrying cannot help, the user must fix them
  | 'forbidden' // signed in, but the account may not do this
  | 'network' // no answer: offline, DNS, refused, reset, timed out
  | 'server' // the server failed (5xx) after retries
  | 'throttled' // still rate-limited after waiting as told
  | 'bad-response' // an answer we cannot understand: not JSON, wrong shape, missing fields
  | 'not-found'
  | 'validation' // the server refused our data, with field messages

export class ConnectorError extends Error implements UserFacingError {
  readonly userFacing = true

  constructor(
    readonly kind: ConnectorErrorKind,
    message: string,
    readonly details: { status?: number; fieldErrors?: Record<string, string[]> } = {},
    options?: { cause?: unknown },
  ) {
    super(message, options)
    this.name = 'ConnectorError'
  }
}

/** Errors worth another attempt after a pause. */
export function isTransient(error: unknown): boolean {
  return error instanceof ConnectorError && (error.kind === 'network' || error.kind === 'server')
}

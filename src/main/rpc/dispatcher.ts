import type { Logger } from 'pino'
import { rpcContract, type ParsedParams, type Result } from '../../shared/rpc/contract'
import { isMethodName, type MethodName } from '../../shared/rpc/names'
import { fail, ok, type RpcErrorCode, type RpcResult } from '../../shared/rpc/result'

/** Thrown by a handler to answer with a specific error code instead of `internal`. */
export class RpcError extends Error {
  constructor(
    readonly code: RpcErrorCode,
    message: string,
  ) {
    super(message)
    this.name = 'RpcError'
  }
}

/**
 * Errors whose message is written for the inspector (a connector's or an import's): they cross
 * the boundary as they are, instead of as an internal failure.
 */
export interface UserFacingError extends Error {
  readonly userFacing: true
}

function isUserFacing(error: unknown): error is UserFacingError {
  return error instanceof Error && (error as Partial<UserFacingError>).userFacing === true
}

/** A cached record, or the not-found error that says so in the inspector's words. */
export function requireFound<T>(value: T | null, message: string): T {
  if (value === null) throw new RpcError('not-found', message)
  return value
}

export type Handlers = {
  [M in MethodName]: (params: ParsedParams<M>) => Result<M> | Promise<Result<M>>
}

export interface Dispatcher {
  dispatch(method: unknown, params: unknown): Promise<RpcResult<unknown>>
}

export interface DispatcherOptions {
  log: Logger
  /** Validate results against the contract too (tests turn this on to catch drift). */
  checkResults?: boolean
}

/**
 * The one entry point of every carrier (Electron IPC, browser-mode HTTP, in-process CLI):
 * unknown names and invalid params become error codes, a throwing handler becomes `internal`,
 * and nothing escapes as an exception.
 */
export function createDispatcher(handlers: Handlers, options: DispatcherOptions): Dispatcher {
  const { log, checkResults = false } = options
  return {
    async dispatch(method, params) {
      if (!isMethodName(method)) {
        return fail('unknown-method', `There is no method called ${JSON.stringify(method)}.`)
      }
      const parsed = rpcContract[method].params.safeParse(params ?? {})
      if (!parsed.success) {
        const issues = parsed.error.issues
          .map((issue) => `${issue.path.join('.') || '(params)'}: ${issue.message}`)
          .join('; ')
        return fail('invalid-params', `Invalid params for ${method}: ${issues}`)
      }
      try {
        const handler = handlers[method] as (p: unknown) => unknown
        const value = await handler(parsed.data)
        if (checkResults) rpcContract[method].result.parse(value)
        return ok(value)
      } catch (error) {
        if (error instanceof RpcError) return fail(error.code, error.message)
        if (isUserFacing(error)) return fail('failed', error.message)
        log.error({ err: error, method }, 'rpc handler failed')
        const message = error instanceof Error ? error.message : String(error)
        return fail('internal', `${method} failed: ${message}`)
      }
    },
  }
}

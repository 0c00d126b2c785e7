import { z } from 'zod'

/** Error codes a caller can act on. Anything unexpected is `internal`. */
export const RPC_ERROR_CODES = [
  'unknown-method',
  'invalid-params',
  'invalid-request',
  'unauthorized',
  'startup-failed',
  'not-found',
  /** The action would lose work the user has not synced yet; nothing was changed. */
  'refused',
  /** The action failed for a reason the message explains to the user (a server, a file, the disk). */
  'failed',
  'internal',
] as const
export type RpcErrorCode = (typeof RPC_ERROR_CODES)[number]

export const rpcErrorSchema = z.object({
  code: z.enum(RPC_ERROR_CODES),
  message: z.string(),
})
export type RpcErrorBody = z.infer<typeof rpcErrorSchema>

/** Every call answers with this instead of throwing across a process boundary. */
export type RpcResult<T> = { ok: true; value: T } | { ok: false; error: RpcErrorBody }

export function rpcResultSchema<T extends z.ZodType>(value: T) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), value }),
    z.object({ ok: z.literal(false), error: rpcErrorSchema }),
  ])
}

export function ok<T>(value: T): RpcResult<T> {
  return { ok: true, value }
}

export function fail(code: RpcErrorCode, message: string): RpcResult<never> {
  return { ok: false, error: { code, message } }
}

/** The body of an RPC request on the browser-mode HTTP carrier. */
export const rpcRequestSchema = z.object({
  method: z.string(),
  params: z.unknown().optional(),
})

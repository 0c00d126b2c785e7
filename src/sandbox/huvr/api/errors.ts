import { type Reply, jsonReply } from '../http/reply'

/**
 * An error a handler throws to answer with a DRF-shaped body. DRF's exception handler gives
 * `{"detail": …}` for most errors and `{field: [messages]}` for validation errors.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly payload: unknown,
    readonly headers: Record<string, string> = {},
  ) {
    super(
      typeof payload === 'object' && payload !== null ? JSON.stringify(payload) : String(payload),
    )
  }

  toReply(): Reply {
    return jsonReply(this.status, this.payload, this.headers)
  }
}

export type FieldErrors = Record<string, unknown>

export function validationError(errors: FieldErrors): ApiError {
  return new ApiError(400, errors)
}

export function notFound(detail: string): ApiError {
  return new ApiError(404, { detail })
}

export function notAuthenticated(
  detail = 'Authentication credentials were not provided.',
): ApiError {
  // Without WWW-Authenticate DRF would turn the 401 into a 403.
  return new ApiError(401, { detail }, { 'www-authenticate': 'Token' })
}

export function permissionDenied(): ApiError {
  return new ApiError(403, { detail: 'You do not have permission to perform this action.' })
}

export function methodNotAllowed(method: string, allow: string): ApiError {
  return new ApiError(405, { detail: `Method "${method}" not allowed.` }, { allow })
}

export function throttled(waitSeconds: number): ApiError {
  return new ApiError(
    429,
    { detail: `Request was throttled. Expected available in ${waitSeconds} seconds.` },
    { 'retry-after': String(waitSeconds) },
  )
}

/** The Python type name DRF puts in some messages ("received str", "got list"). */
export function pythonTypeName(value: unknown): string {
  if (value === null) return 'NoneType'
  if (Array.isArray(value)) return 'list'
  switch (typeof value) {
    case 'string':
      return 'str'
    case 'boolean':
      return 'bool'
    case 'number':
      return Number.isInteger(value) ? 'int' : 'float'
    case 'object':
      return 'dict'
    default:
      return typeof value
  }
}

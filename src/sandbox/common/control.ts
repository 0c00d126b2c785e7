import { z } from 'zod'
import { type FaultInjector, scriptedFaultSchema } from './faults'
import { emptyReply, plainJsonReply, type Reply } from './reply'
import type { RequestLog } from './request-log'

/**
 * `/_simulator/…`: the same controls as the running object's methods, over HTTP, for processes
 * that only have the URL (browser-mode end-to-end tests). Never faulted, throttled or logged.
 *
 *   GET    /_simulator/config         → {settings, faults}
 *   PATCH  /_simulator/config         ← {settings?, faults?}
 *   GET    /_simulator/requests       → the request log
 *   DELETE /_simulator/requests       clears it
 *   POST   /_simulator/fail-next      ← {kind, times?, skip?, method?, pathPrefix?, status?, retryAfterSeconds?, body?, contentType?}
 *   plus the system's own `extra` routes (e.g. `POST expire-tokens`), answered 204.
 */
export const CONTROL_PREFIX = '/_simulator/'

export interface ControlTarget {
  readonly settings: unknown
  readonly faults: unknown
  /** Validates (throwing a ZodError) and applies a `{settings?, faults?}` patch. */
  configure(patch: unknown): void
  readonly requestLog: RequestLog
  readonly faultInjector: FaultInjector
}

export function handleControl(
  target: ControlTarget,
  method: string,
  path: string,
  body: Buffer,
  extra: Record<string, () => void> = {},
): Reply {
  const route = `${method} ${path.slice(CONTROL_PREFIX.length).replace(/\/$/, '')}`
  try {
    switch (route) {
      case 'GET config':
        return plainJsonReply(200, { settings: target.settings, faults: target.faults })
      case 'PATCH config':
      case 'POST config':
        target.configure(parseJson(body))
        return plainJsonReply(200, { settings: target.settings, faults: target.faults })
      case 'GET requests':
        return plainJsonReply(200, target.requestLog.entries)
      case 'DELETE requests':
        target.requestLog.clear()
        return emptyReply(204)
      case 'POST fail-next':
        target.faultInjector.enqueue(scriptedFaultSchema.parse(parseJson(body)))
        return emptyReply(204)
      default: {
        const action = extra[route]
        if (action === undefined) return plainJsonReply(404, { detail: 'Unknown control route.' })
        action()
        return emptyReply(204)
      }
    }
  } catch (error) {
    const issues = error instanceof z.ZodError ? error.issues : String(error)
    return plainJsonReply(400, { detail: 'Invalid control request.', issues })
  }
}

function parseJson(body: Buffer): unknown {
  return body.length === 0 ? {} : (JSON.parse(body.toString('utf8')) as unknown)
}

import { z } from 'zod'
import type { HuvrRuntime } from '../runtime'
import { configPatchSchema } from '../settings'
import { emptyReply, jsonReply, type Reply } from './reply'

/**
 * `/_simulator/…`: the same controls as the running object's methods, over HTTP, for processes
 * that only have the URL (browser-mode end-to-end tests). Never faulted, throttled or logged.
 *
 *   GET    /_simulator/config         → {settings, faults}
 *   PATCH  /_simulator/config         ← {settings?, faults?}
 *   GET    /_simulator/requests       → the request log
 *   DELETE /_simulator/requests       clears it
 *   POST   /_simulator/fail-next      ← {kind, times?, method?, pathPrefix?, status?, retryAfterSeconds?}
 *   POST   /_simulator/expire-tokens  every issued token becomes expired
 */
export const CONTROL_PREFIX = '/_simulator/'

const scriptedFaultSchema = z.object({
  kind: z.enum([
    'reset-before',
    'server-error',
    'lost-response',
    'reset-mid-body',
    'throttle',
    'garbled',
  ]),
  times: z.number().int().positive().optional(),
  method: z.string().optional(),
  pathPrefix: z.string().optional(),
  status: z.number().int().min(100).max(599).optional(),
  retryAfterSeconds: z.number().int().positive().optional(),
  body: z.string().optional(),
  contentType: z.string().optional(),
})

export function handleControl(
  runtime: HuvrRuntime,
  method: string,
  path: string,
  body: Buffer,
): Reply {
  const route = `${method} ${path.slice(CONTROL_PREFIX.length).replace(/\/$/, '')}`
  try {
    switch (route) {
      case 'GET config':
        return jsonReply(200, { settings: runtime.settings, faults: runtime.faults })
      case 'PATCH config':
      case 'POST config':
        runtime.configure(configPatchSchema.parse(parseJson(body)))
        return jsonReply(200, { settings: runtime.settings, faults: runtime.faults })
      case 'GET requests':
        return jsonReply(200, runtime.requestLog.entries)
      case 'DELETE requests':
        runtime.requestLog.clear()
        return emptyReply(204)
      case 'POST fail-next':
        runtime.faultInjector.enqueue(scriptedFaultSchema.parse(parseJson(body)))
        return emptyReply(204)
      case 'POST expire-tokens':
        runtime.tokens.expireAll(runtime.clock())
        return emptyReply(204)
      default:
        return jsonReply(404, { detail: 'Unknown control route.' })
    }
  } catch (error) {
    const issues = error instanceof z.ZodError ? error.issues : String(error)
    return jsonReply(400, { detail: 'Invalid control request.', issues })
  }
}

function parseJson(body: Buffer): unknown {
  return body.length === 0 ? {} : (JSON.parse(body.toString('utf8')) as unknown)
}

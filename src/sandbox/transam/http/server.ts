import type { Server } from 'node:http'
import { handleControl } from './control'
import { queryRecord } from '../../common/request-log'
import { createFaultyServer } from '../../common/server'
import { flatQuery } from '../api/params'
import type { ApiRouter } from '../api/router'
import type { TransamRuntime } from '../runtime'
import { handleS3 } from '../storage/routes'
import { S3_PREFIX } from '../storage/signing'
import { s3Error } from '../storage/xml-errors'
import { railsNotFound, serverErrorPage, throttledReply } from './reply'

/**
 * The shared fault-injecting server (common/server.ts) with TransAM's routes: `/api/` through the
 * Rails-like router, `/s3/` as the document bucket, anything else Rails' 404 page.
 */
export function createTransamServer(runtime: TransamRuntime, api: ApiRouter): Server {
  return createFaultyServer({
    name: 'transam',
    clock: () => runtime.clock(),
    requestLog: runtime.requestLog,
    faultInjector: runtime.faultInjector,
    faults: () => runtime.faults,
    control: (method, path, body) => handleControl(runtime, method, path, body),
    parseQuery: (rawQuery) => logQuery(rawQuery),
    authorized: (request, rawQuery) =>
      request.headers['x-user-token'] !== undefined || /(^|&)user_token=/.test(rawQuery),
    describeBody: describeTransamBody,
    faultReply(decision, incoming) {
      if (decision.kind === 'throttle') return throttledReply(decision.retryAfterSeconds ?? 1)
      const status = decision.status ?? 503
      return incoming.path.startsWith(`${S3_PREFIX}/`)
        ? s3Error(
            status,
            status === 503 ? 'SlowDown' : 'InternalError',
            'We encountered an internal error. Please try again.',
          )
        : serverErrorPage(status)
    },
    async handle(incoming) {
      if (incoming.path.startsWith('/api/')) {
        return await api.dispatch(runtime, {
          method: incoming.method,
          path: incoming.path,
          rawQuery: incoming.rawQuery,
          headers: incoming.request.headers,
          body: incoming.body,
          origin: incoming.origin,
        })
      }
      if (incoming.path.startsWith(`${S3_PREFIX}/`)) {
        return handleS3(runtime, {
          method: incoming.method,
          path: incoming.path.slice(S3_PREFIX.length),
          rawQuery: incoming.rawQuery,
          headers: incoming.request.headers,
        })
      }
      return railsNotFound()
    },
    crashReply: () => serverErrorPage(500),
  })
}

/** What the log keeps of a write body: parsed JSON or form fields, else `{bytes, contentType}`. */
function describeTransamBody(
  method: string,
  request: { headers: Record<string, string | string[] | undefined> },
  body: Buffer,
): unknown {
  if (method === 'GET' || method === 'HEAD' || method === 'DELETE' || method === 'OPTIONS') {
    return undefined
  }
  const contentType = String(request.headers['content-type'] ?? '')
  if (body.length > 0 && /json/i.test(contentType)) {
    try {
      return JSON.parse(body.toString('utf8')) as unknown
    } catch {
      return body.toString('utf8')
    }
  }
  if (/^application\/x-www-form-urlencoded/i.test(contentType)) {
    return logQuery(body.toString('utf8'))
  }
  return { bytes: body.length, contentType: contentType || null }
}

/** The query for the log; a malformed escape is kept as sent (the action answers it). */
function logQuery(raw: string): Record<string, string | string[]> {
  try {
    return queryRecord(flatQuery(raw))
  } catch {
    return { '': raw }
  }
}

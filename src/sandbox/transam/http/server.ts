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
    runtime,
    control: (method, path, body) => handleControl(runtime, method, path, body),
    parseQuery: (rawQuery) => logQuery(rawQuery),
    authorized: (request, rawQuery) =>
      request.headers['x-user-token'] !== undefined || /(^|&)user_token=/.test(rawQuery),
    // Form-encoded writes are logged as their fields, parsed like the query.
    describeForm: (text) => logQuery(text),
    throttledReply,
    serverErrorReply: (status, incoming) =>
      incoming.path.startsWith(`${S3_PREFIX}/`)
        ? s3Error(
            status,
            status === 503 ? 'SlowDown' : 'InternalError',
            'We encountered an internal error. Please try again.',
          )
        : serverErrorPage(status),
    async handle(incoming) {
      if (incoming.path.startsWith('/api/')) return await api.dispatch(runtime, incoming)
      if (incoming.path.startsWith(`${S3_PREFIX}/`)) {
        return handleS3(runtime, { ...incoming, path: incoming.path.slice(S3_PREFIX.length) })
      }
      return railsNotFound()
    },
    crashReply: () => serverErrorPage(500),
  })
}

/** The query for the log; a malformed escape is kept as sent (the action answers it). */
function logQuery(raw: string): Record<string, string | string[]> {
  try {
    return queryRecord(flatQuery(raw))
  } catch {
    return { '': raw }
  }
}

import type { Server } from 'node:http'
import { createFaultyServer } from '../../common/server'
import { queryRecord } from '../../common/request-log'
import type { ApiRouter } from '../api/router'
import { parsePythonQuery } from '../api/pagination'
import type { HuvrRuntime } from '../runtime'
import { handleStorage } from '../storage/routes'
import { STORAGE_PREFIX } from '../storage/signing'
import { gcsError } from '../storage/xml-errors'
import { handleControl } from './control'
import { jsonReply, djangoNotFound, serverErrorReply } from './reply'

/**
 * The shared fault-injecting server (common/server.ts) with HUVR's routes: `/api/` through the
 * DRF-like router, `/storage/` as GCS, anything else Django's HTML 404.
 */
export function createHuvrServer(runtime: HuvrRuntime, api: ApiRouter): Server {
  return createFaultyServer({
    name: 'huvr',
    runtime,
    control: (method, path, body) => handleControl(runtime, method, path, body),
    parseQuery: (rawQuery) => queryRecord(parsePythonQuery(rawQuery)),
    authorized: (request) => request.headers.authorization !== undefined,
    throttledReply: (wait) =>
      jsonReply(
        429,
        { detail: `Request was throttled. Expected available in ${wait} seconds.` },
        { 'retry-after': String(wait) },
      ),
    serverErrorReply: (status, incoming) =>
      incoming.path.startsWith(`${STORAGE_PREFIX}/`)
        ? gcsError(status, 'InternalError', 'We encountered an internal error. Please try again.')
        : serverErrorReply(status),
    async handle(incoming) {
      if (incoming.path.startsWith('/api/')) {
        const remoteAddress = incoming.request.socket.remoteAddress ?? 'unknown'
        return await api.dispatch(runtime, { ...incoming, remoteAddress })
      }
      if (incoming.path.startsWith(`${STORAGE_PREFIX}/`)) {
        return await handleStorage(runtime, incoming, incoming.path.slice(STORAGE_PREFIX.length))
      }
      return djangoNotFound(incoming.path)
    },
    crashReply: () => serverErrorReply(500),
  })
}

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { ApiRouter } from '../api/router'
import { isoTimestamp } from '../clock'
import type { HuvrRuntime } from '../runtime'
import { handleStorage } from '../storage/routes'
import { STORAGE_PREFIX } from '../storage/signing'
import { gcsError } from '../storage/xml-errors'
import { CONTROL_PREFIX, handleControl } from './control'
import type { FaultDecision } from './faults'
import { jsonReply, type Reply, djangoNotFound, serverErrorReply } from './reply'
import { describeBody, type RequestLogEntry } from './request-log'

/**
 * A plain node:http server: raw control of the socket is what lets it drop a connection before
 * answering, after handling, or half-way through a body. Every request goes through the same
 * steps: log, latency, fault decision, read body, route, deliver (or sabotage) the reply.
 */
export function createHuvrServer(runtime: HuvrRuntime, api: ApiRouter): Server {
  const server = createServer((request, response) => {
    handle(runtime, api, request, response).catch((error: unknown) => {
      // Last resort: the handler itself failed outside any route (should not happen).
      if (!response.headersSent) response.writeHead(500).end()
      else response.destroy()
      console.error('huvr simulator:', error)
    })
  })
  server.keepAliveTimeout = 5_000
  return server
}

async function handle(
  runtime: HuvrRuntime,
  api: ApiRouter,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const method = request.method ?? 'GET'
  const url = request.url ?? '/'
  const queryAt = url.indexOf('?')
  const path = queryAt < 0 ? url : url.slice(0, queryAt)
  const rawQuery = queryAt < 0 ? '' : url.slice(queryAt + 1)
  if (path.startsWith(CONTROL_PREFIX)) {
    const body = await readBody(request)
    deliver(response, method, handleControl(runtime, method, path, body))
    return
  }
  const entry = runtime.requestLog.start(
    method,
    path,
    rawQuery,
    request.headers,
    isoTimestamp(runtime.clock()),
  )
  const faulty = runtime.faultInjector.applies(path, runtime.faults)
  if (faulty && runtime.faults.latencyMs > 0) await sleep(runtime.faults.latencyMs)
  const decision = faulty ? runtime.faultInjector.decide(method, path, runtime.faults) : null
  if (decision?.kind === 'reset-before') {
    entry.fault = decision.kind
    request.socket.destroy()
    return
  }
  let body: Buffer
  try {
    body = await readBody(request)
  } catch {
    return // the client went away mid-upload
  }
  const logged = describeBody(method, request.headers, body)
  if (logged !== undefined) entry.body = logged
  const origin = `http://${request.headers.host ?? '127.0.0.1'}`
  const reply = await answer(runtime, api, decision, entry, {
    method,
    path,
    rawQuery,
    request,
    body,
    origin,
  })
  if (
    decision?.kind === 'lost-response' ||
    (decision?.kind === 'reset-mid-body' && reply.body.length === 0)
  ) {
    entry.fault = decision.kind
    request.socket.destroy()
    return
  }
  if (decision?.kind === 'reset-mid-body') {
    entry.fault = decision.kind
    response.writeHead(reply.status, {
      ...reply.headers,
      'content-length': String(reply.body.length),
    })
    const part = reply.body.subarray(0, Math.max(1, Math.floor(reply.body.length / 2)))
    response.write(part, () => response.socket?.destroy())
    return
  }
  entry.status = reply.status
  deliver(response, method, reply)
}

interface Incoming {
  method: string
  path: string
  rawQuery: string
  request: IncomingMessage
  body: Buffer
  origin: string
}

async function answer(
  runtime: HuvrRuntime,
  api: ApiRouter,
  decision: FaultDecision | null,
  entry: RequestLogEntry,
  incoming: Incoming,
): Promise<Reply> {
  const storage = incoming.path.startsWith(`${STORAGE_PREFIX}/`)
  if (decision?.kind === 'server-error') {
    entry.fault = decision.kind
    const status = decision.status ?? 503
    return storage
      ? gcsError(status, 'InternalError', 'We encountered an internal error. Please try again.')
      : serverErrorReply(status)
  }
  if (decision?.kind === 'garbled') {
    entry.fault = decision.kind
    return {
      status: decision.status ?? 500,
      headers: { 'content-type': decision.contentType ?? 'text/html; charset=utf-8' },
      body: Buffer.from(decision.body ?? ''),
    }
  }
  if (decision?.kind === 'throttle') {
    entry.fault = decision.kind
    const wait = decision.retryAfterSeconds ?? 1
    return jsonReply(
      429,
      { detail: `Request was throttled. Expected available in ${wait} seconds.` },
      { 'retry-after': String(wait) },
    )
  }
  try {
    if (incoming.path.startsWith('/api/')) {
      return await api.dispatch(runtime, {
        method: incoming.method,
        path: incoming.path,
        rawQuery: incoming.rawQuery,
        headers: incoming.request.headers,
        body: incoming.body,
        origin: incoming.origin,
        remoteAddress: incoming.request.socket.remoteAddress ?? 'unknown',
      })
    }
    if (storage) {
      return await handleStorage(runtime, {
        method: incoming.method,
        path: incoming.path.slice(STORAGE_PREFIX.length),
        rawQuery: incoming.rawQuery,
        headers: incoming.request.headers,
        body: incoming.body,
        origin: incoming.origin,
      })
    }
    return djangoNotFound(incoming.path)
  } catch (error) {
    entry.error = error instanceof Error ? (error.stack ?? error.message) : String(error)
    return serverErrorReply(500)
  }
}

function deliver(response: ServerResponse, method: string, reply: Reply): void {
  response.writeHead(reply.status, {
    ...reply.headers,
    'content-length': String(reply.body.length),
  })
  response.end(method === 'HEAD' ? undefined : reply.body)
}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => resolve(Buffer.concat(chunks)))
    request.on('error', reject)
    request.on('aborted', () => reject(new Error('aborted')))
  })
}

function sleep(milliseconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, milliseconds))
}

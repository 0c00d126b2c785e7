import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http'
import { type Clock, isoTimestamp } from './clock'
import { CONTROL_PREFIX } from './control'
import type { FaultDecision, FaultInjector, FaultSettings } from './faults'
import { LinkShaper, type LinkSettings } from './link'
import type { Reply } from './reply'
import { describeBody, type RequestLog, type RequestLogEntry } from './request-log'

/** One request, read in full, as a system's routes see it. */
export interface RoutedRequest {
  method: string
  /** Still escaped, without the query. */
  path: string
  /** Without `?`. */
  rawQuery: string
  headers: IncomingHttpHeaders
  /** The whole body, joined on first use. */
  readonly body: Buffer
  /** The body in the pieces it arrived in: a handler that keeps a large body need not join it. */
  readonly bodyChunks: readonly Buffer[]
  /** `http://host:port` as the client addressed us. */
  origin: string
}

/** A routed request plus the raw message (for the socket's remote address). */
export interface Incoming extends RoutedRequest {
  request: IncomingMessage
}

/** What a system plugs into the shared, fault-injecting HTTP server. */
export interface FaultyServerOptions {
  /** For the last-resort console message. */
  name: string
  /** Read per request: configure() replaces the fault settings while the server runs. */
  readonly runtime: {
    readonly clock: Clock
    readonly faults: FaultSettings
    readonly requestLog: RequestLog
    readonly faultInjector: FaultInjector
    /** The field link clients reach the server over; absent: loopback as it is. */
    readonly link?: LinkSettings
  }
  /** `/_simulator/…` (never faulted or logged). */
  control(method: string, path: string, body: Buffer): Reply
  /** The query as the request log shows it. */
  parseQuery(rawQuery: string): Record<string, string | string[]>
  /** Whether the request carries credentials (request log only). */
  authorized(request: IncomingMessage, rawQuery: string): boolean
  /** What the log keeps of a form-encoded write body (default: `{bytes, contentType}`). */
  describeForm?(text: string): unknown
  /** The system's own 429 for a `throttle` fault (before handling). */
  throttledReply(retryAfterSeconds: number): Reply
  /** The system's own 5xx for a `server-error` fault (before handling); API and storage differ. */
  serverErrorReply(status: number, incoming: Incoming): Reply
  /** Answers the request. */
  handle(incoming: Incoming, entry: RequestLogEntry): Promise<Reply>
  /** Answer for a handler that threw (a simulator bug); the error is in the log entry. */
  crashReply(incoming: Incoming): Reply
}

/**
 * A plain node:http server: raw control of the socket is what lets it drop a connection before
 * answering, after handling, or half-way through a body. Every request goes through the same
 * steps: log, latency, fault decision, read body, handle, deliver (or sabotage) the reply. Bodies
 * both ways pass at the link's pace (see link.ts).
 */
export function createFaultyServer(options: FaultyServerOptions): Server {
  const link = new LinkShaper(() => options.runtime.link)
  const server = createServer((request, response) => {
    handle(options, link, request, response).catch((error: unknown) => {
      // Last resort: the handler itself failed outside any route (should not happen).
      if (!response.headersSent) response.writeHead(500).end()
      else response.destroy()
      console.error(`${options.name} simulator:`, error)
    })
  })
  server.keepAliveTimeout = 5_000
  return server
}

async function handle(
  options: FaultyServerOptions,
  link: LinkShaper,
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
    await deliver(response, method, options.control(method, path, body))
    return
  }
  const { runtime } = options
  const entry = runtime.requestLog.start({
    method,
    path,
    query: options.parseQuery(rawQuery),
    authorized: options.authorized(request, rawQuery),
    at: isoTimestamp(runtime.clock()),
  })
  const contentRange = request.headers['content-range']
  if (contentRange !== undefined) entry.contentRange = contentRange
  // The link's round trip comes first, for every request: it is the wire, not a fault.
  if (link.latencyMs > 0) await sleep(link.latencyMs)
  const faults = runtime.faults
  const faulty = runtime.faultInjector.applies(path, faults)
  if (faulty && faults.latencyMs > 0) await sleep(faults.latencyMs)
  const decision = faulty ? runtime.faultInjector.decide(method, path, faults) : null
  if (decision?.kind === 'reset-before') {
    entry.fault = decision.kind
    request.socket.destroy()
    return
  }
  let chunks: Buffer[]
  try {
    chunks = await readChunks(request, link)
  } catch {
    return // the client went away mid-upload
  }
  const { headers } = request
  let joined: Buffer | null = null
  const incoming: Incoming = {
    method,
    path,
    rawQuery,
    headers,
    origin: `http://${headers.host ?? '127.0.0.1'}`,
    request,
    bodyChunks: chunks,
    get body() {
      joined ??= join(chunks)
      return joined
    },
  }
  const size = chunks.reduce((sum, chunk) => sum + chunk.length, 0)
  const logged = describeBody(method, headers, size, () => incoming.body, options.describeForm)
  if (logged !== undefined) entry.body = logged
  const reply = await answer(options, decision, entry, incoming)
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
  await deliver(response, method, reply, link)
}

async function answer(
  options: FaultyServerOptions,
  decision: FaultDecision | null,
  entry: RequestLogEntry,
  incoming: Incoming,
): Promise<Reply> {
  if (decision?.kind === 'throttle') {
    entry.fault = decision.kind
    return options.throttledReply(decision.retryAfterSeconds ?? 1)
  }
  if (decision?.kind === 'server-error') {
    entry.fault = decision.kind
    return options.serverErrorReply(decision.status ?? 503, incoming)
  }
  if (decision?.kind === 'garbled') {
    entry.fault = decision.kind
    return {
      status: decision.status ?? 500,
      headers: { 'content-type': decision.contentType ?? 'text/html; charset=utf-8' },
      body: Buffer.from(decision.body ?? ''),
    }
  }
  try {
    return await options.handle(incoming, entry)
  } catch (error) {
    entry.error = error instanceof Error ? (error.stack ?? error.message) : String(error)
    return options.crashReply(incoming)
  }
}

/** Pieces a paced response body is written in. */
const PACED_PIECE_BYTES = 16 * 1024

export async function deliver(
  response: ServerResponse,
  method: string,
  reply: Reply,
  link?: LinkShaper,
): Promise<void> {
  response.writeHead(reply.status, {
    ...reply.headers,
    'content-length': String(reply.body.length),
  })
  const body = method === 'HEAD' ? Buffer.alloc(0) : reply.body
  if (link === undefined || !link.shaping || body.length === 0) {
    response.end(body)
    return
  }
  for (let start = 0; start < body.length; start += PACED_PIECE_BYTES) {
    const piece = body.subarray(start, start + PACED_PIECE_BYTES)
    const wait = link.delay(response.req.socket, 'down', piece.length)
    if (wait >= 1) await sleep(wait)
    if (response.destroyed) return
    response.write(piece)
  }
  response.end()
}

export async function readBody(request: IncomingMessage): Promise<Buffer> {
  return join(await readChunks(request))
}

function join(chunks: readonly Buffer[]): Buffer {
  return chunks.length === 1 && chunks[0] !== undefined ? chunks[0] : Buffer.concat(chunks)
}

/**
 * Reads a request body as it arrives, without joining it (a 2 GB upload is not copied once more);
 * with a link, no faster than it carries (the client feels it as backpressure).
 */
function readChunks(request: IncomingMessage, link?: LinkShaper): Promise<Buffer[]> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => {
      chunks.push(chunk)
      const wait = link?.shaping ? link.delay(request.socket, 'up', chunk.length) : 0
      if (wait >= 1) {
        request.pause()
        setTimeout(() => request.resume(), wait)
      }
    })
    request.on('end', () => resolve(chunks))
    request.on('error', reject)
    request.on('aborted', () => reject(new Error('aborted')))
  })
}

export function sleep(milliseconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, milliseconds))
}

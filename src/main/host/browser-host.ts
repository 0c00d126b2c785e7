import { randomBytes, timingSafeEqual } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import { mkdir, mkdtemp, readdir, rm, stat } from 'node:fs/promises'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { basename, join } from 'node:path'
import { pipeline } from 'node:stream/promises'
import { parse as parseCookies } from 'cookie'
import sirv from 'sirv'
import { WebSocketServer, type WebSocket } from 'ws'
import { rpcRequestSchema, type RpcErrorCode, type RpcResult } from '../../shared/rpc/result'
import type { EventBus } from '../core/events'
import type { FileStore } from '../files/file-store'
import { storedFileResponse } from '../files/stored-file-response'
import type { Logger } from '../log/logger'
import type { Dispatcher } from '../rpc/dispatcher'

export interface BrowserHostOptions {
  dispatcher: Dispatcher
  events: EventBus
  /** The built renderer (out/renderer). */
  rendererDir: string
  /** The app's own file store, served under /files/<sha256> (nothing else on disk is reachable). */
  files: FileStore
  /** Where dropped files are received before import (they are removed once imported). */
  stagingDir: string
  log: Logger
  /** 0 picks a free port. */
  port?: number
}

export interface BrowserHost {
  readonly port: number
  readonly token: string
  /** Opening this URL once hands the token to the browser as a cookie. */
  readonly url: string
  close(): Promise<void>
}

const MAX_BODY_BYTES = 1024 * 1024

/**
 * Same policy as the Electron window. 'self' covers the same-origin WebSocket in Chromium.
 * Styles allow inline attributes because React sets style props.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob: fieldstation-file:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ')

const SECURITY_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
}

/**
 * Browser mode: serves the renderer and carries RPC over HTTP and events over WebSocket, on
 * 127.0.0.1 only. Every request and socket needs the per-run token (cookie or bearer header);
 * the Host header must name this server (no DNS rebinding) and an Origin, when sent, must be
 * this server's own (no cross-site calls).
 */
export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const { dispatcher, events, log } = options
  const token = randomBytes(24).toString('base64url')
  const tokenBuffer = Buffer.from(token)
  const serveStatic = sirv(options.rendererDir, {
    dev: false,
    etag: true,
    setHeaders: applySecurityHeaders,
  })
  let port = 0
  const cookieName = () => `fieldstation_token_${port}`
  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`])
  const allowedOrigins = () => new Set([...allowedHosts()].map((host) => `http://${host}`))

  const tokenMatches = (candidate: string | undefined): boolean => {
    if (candidate === undefined) return false
    const buffer = Buffer.from(candidate)
    return buffer.length === tokenBuffer.length && timingSafeEqual(buffer, tokenBuffer)
  }

  const presentedToken = (req: IncomingMessage): string | undefined => {
    const bearer = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1]
    return bearer ?? parseCookies(req.headers.cookie ?? '')[cookieName()]
  }

  /** null when the request may go on; otherwise the status and reason to refuse it with. */
  const refusal = (req: IncomingMessage): Refusal | null => {
    if (!allowedHosts().has(req.headers.host ?? '')) {
      return { status: 421, message: 'This server only answers to its own address.' }
    }
    const origin = req.headers.origin
    if (origin !== undefined && !allowedOrigins().has(origin)) {
      return { status: 403, message: 'Cross-origin requests are refused.' }
    }
    if (!tokenMatches(presentedToken(req))) {
      return {
        status: 401,
        message: 'Missing or wrong access token: open the URL that `fieldstation start` printed.',
      }
    }
    return null
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    // The printed URL carries the token once; trade it for an HttpOnly cookie and drop it from the address bar.
    const offered = url.searchParams.get('token')
    if (
      req.method === 'GET' &&
      url.pathname === '/' &&
      offered !== null &&
      allowedHosts().has(req.headers.host ?? '')
    ) {
      if (!tokenMatches(offered)) return sendError(res, 401, 'unauthorized', 'Wrong access token.')
      res.writeHead(303, {
        ...SECURITY_HEADERS,
        Location: '/',
        'Set-Cookie': `${cookieName()}=${token}; HttpOnly; SameSite=Strict; Path=/`,
      })
      return res.end()
    }
    const refused = refusal(req)
    if (refused) return sendError(res, refused.status, 'unauthorized', refused.message)

    if (url.pathname === '/rpc') {
      if (req.method !== 'POST') return sendError(res, 405, 'invalid-request', 'Use POST for /rpc.')
      if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
        return sendError(res, 415, 'invalid-request', '/rpc takes application/json.')
      }
      void handleRpc(req, res)
      return
    }
    if (url.pathname === '/import') {
      if (req.method !== 'POST')
        return sendError(res, 405, 'invalid-request', 'Use POST for /import.')
      void handleImport(req, res, url)
      return
    }
    if (url.pathname.startsWith('/files/')) {
      const file = storedFileResponse(options.files, url.pathname.slice('/files/'.length))
      if (file.status === 404)
        return sendError(res, 404, 'not-found', 'No such file in the app’s store.')
      res.writeHead(200, {
        ...SECURITY_HEADERS,
        'Content-Type': file.contentType,
        'Cache-Control': 'private, max-age=31536000, immutable',
      })
      return res.end(file.body)
    }
    serveStatic(req, res, () => sendError(res, 404, 'not-found', 'Not found.'))
  })

  async function handleRpc(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let body: unknown
    try {
      body = JSON.parse(await readBody(req))
    } catch (error) {
      const message =
        error instanceof BodyTooLargeError ? error.message : 'The request body is not valid JSON.'
      return sendError(res, 400, 'invalid-request', message)
    }
    const request = rpcRequestSchema.safeParse(body)
    if (!request.success) {
      return sendError(
        res,
        400,
        'invalid-request',
        'Expected {"method": string, "params"?: object}.',
      )
    }
    const result: RpcResult<unknown> = await dispatcher.dispatch(
      request.data.method,
      request.data.params,
    )
    sendJson(res, 200, result)
  }

  /**
   * Browser mode cannot hand the core a path on disk, so a dropped file's bytes are streamed here
   * (one file per request, its name and target in the query), staged under its own name, and
   * imported exactly as the Electron app imports a path.
   */
  async function handleImport(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const filename = basename(url.searchParams.get('filename') ?? '')
    if (filename === '' || filename.startsWith('.'))
      return sendError(res, 400, 'invalid-request', 'Name the file with ?filename=.')
    const staging = await mkdtemp(join(options.stagingDir, 'import-'))
    const staged = join(staging, filename)
    let answer: { status: number; body: unknown }
    try {
      await pipeline(req, createWriteStream(staged))
      const result = await dispatcher.dispatch('uploads.importPaths', {
        paths: [staged],
        target: {
          kind: url.searchParams.get('kind'),
          connectionId: url.searchParams.get('connectionId'),
          id: url.searchParams.get('id'),
        },
        ...(url.searchParams.has('description')
          ? { description: url.searchParams.get('description') }
          : {}),
      })
      answer = { status: 200, body: result }
    } catch (error) {
      const full = (error as NodeJS.ErrnoException).code === 'ENOSPC'
      const message = full
        ? 'The disk is full: the file could not be received. Free some space and try again.'
        : `The file could not be received: ${error instanceof Error ? error.message : String(error)}`
      answer = { status: full ? 507 : 500, body: { ok: false, error: { code: 'failed', message } } }
    } finally {
      // The import copied the file into the store; the staged copy goes before anyone is told.
      await rm(staging, { recursive: true, force: true })
    }
    sendJson(res, answer.status, answer.body)
  }

  const sockets = new WebSocketServer({ noServer: true })
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const refused =
      url.pathname === '/events' ? refusal(req) : { status: 404, message: 'Not found.' }
    if (refused) {
      socket.end(
        `HTTP/1.1 ${refused.status} Refused\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`,
      )
      return
    }
    sockets.handleUpgrade(req, socket, head, (ws) => attachEvents(ws))
  })

  function attachEvents(ws: WebSocket): void {
    const unsubscribe = events.subscribe((event, payload) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ event, payload }))
    })
    ws.on('close', unsubscribe)
    ws.on('error', (error) => log.warn({ err: error }, 'event socket error'))
  }

  // Whatever a crash left half-received is of no use; a file another host on the same data
  // folder is receiving right now is younger than that, so only idle leftovers go.
  await mkdir(options.stagingDir, { recursive: true })
  await removeIdleStaging(options.stagingDir)
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve())
  })
  port = (server.address() as AddressInfo).port
  const url = `http://127.0.0.1:${port}/?token=${token}`
  log.info({ port }, 'browser host listening')

  return {
    port,
    token,
    url,
    async close() {
      for (const client of sockets.clients) client.terminate()
      sockets.close()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

const STAGING_IDLE_MS = 10 * 60_000

/** The last time anything in a staging folder was written (a file being received keeps it fresh). */
async function lastWritten(path: string): Promise<number> {
  const own = (await stat(path).catch(() => null))?.mtimeMs ?? 0
  const entries = await readdir(path).catch(() => [])
  const inner = await Promise.all(
    entries.map(async (entry) => (await stat(join(path, entry)).catch(() => null))?.mtimeMs ?? 0),
  )
  return Math.max(own, ...inner)
}

async function removeIdleStaging(stagingDir: string): Promise<void> {
  const cutoff = Date.now() - STAGING_IDLE_MS
  for (const entry of await readdir(stagingDir)) {
    const path = join(stagingDir, entry)
    if ((await lastWritten(path)) < cutoff) await rm(path, { recursive: true, force: true })
  }
}

function applySecurityHeaders(res: ServerResponse): void {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value)
}

interface Refusal {
  status: number
  message: string
}

function sendError(res: ServerResponse, status: number, code: RpcErrorCode, message: string): void {
  sendJson(res, status, { ok: false, error: { code, message } })
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'application/json; charset=utf-8' })
  res.end(JSON.stringify(body))
}

class BodyTooLargeError extends Error {}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > MAX_BODY_BYTES)
      throw new BodyTooLargeError(`Request bodies are limited to ${MAX_BODY_BYTES} bytes.`)
    chunks.push(chunk)
  }
  return Buffer.concat(chunks).toString('utf8')
}

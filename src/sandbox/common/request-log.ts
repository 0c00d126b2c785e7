import type { IncomingHttpHeaders } from 'node:http'
import type { FaultKind } from './faults'

/** One request as the simulator saw it; tests read these to check what a client actually sent. */
export interface RequestLogEntry {
  seq: number
  /** ISO time by the simulator's clock. */
  at: string
  method: string
  path: string
  query: Record<string, string | string[]>
  /** null when no response was sent (a dropped connection). */
  status: number | null
  /** Writes only: parsed JSON, `{bytes, contentType}` for binary bodies (or a system's summary). */
  body?: unknown
  /** The Content-Range header as sent (a resumable upload's chunk or status query). */
  contentRange?: string
  /** Whether credentials came along (each system says which: a header, a parameter…). */
  authorized: boolean
  fault?: FaultKind
  /** Message of an unexpected handler error (answered 500). */
  error?: string
}

export interface RequestStart {
  method: string
  path: string
  query: Record<string, string | string[]>
  authorized: boolean
  at: string
}

export class RequestLog {
  readonly entries: RequestLogEntry[] = []
  private seq = 0

  constructor(private readonly limit: () => number) {}

  start(request: RequestStart): RequestLogEntry {
    const entry: RequestLogEntry = {
      seq: ++this.seq,
      at: request.at,
      method: request.method,
      path: request.path,
      query: request.query,
      status: null,
      authorized: request.authorized,
    }
    this.entries.push(entry)
    const overflow = this.entries.length - this.limit()
    if (overflow > 0) this.entries.splice(0, overflow)
    return entry
  }

  clear(): void {
    this.entries.length = 0
  }
}

/** Repeated names become arrays, as the log shows them. */
export function queryRecord(
  pairs: Iterable<[string, string[]]>,
): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {}
  for (const [key, values] of pairs) {
    query[key] = values.length === 1 ? (values[0] as string) : values
  }
  return query
}

/**
 * What the log keeps of a request body: nothing for reads, parsed JSON (or the text when it does
 * not parse), the system's reading of a form-encoded body if it has one, else `{bytes, contentType}`.
 */
export function describeBody(
  method: string,
  headers: IncomingHttpHeaders,
  size: number,
  /** The body itself, asked for only when it is read (a binary body's size is enough). */
  body: () => Buffer,
  describeForm?: (text: string) => unknown,
): unknown {
  if (method === 'GET' || method === 'HEAD' || method === 'DELETE' || method === 'OPTIONS') {
    return undefined
  }
  const contentType = String(headers['content-type'] ?? '')
  if (size > 0 && /json/i.test(contentType)) {
    const text = body().toString('utf8')
    try {
      return JSON.parse(text) as unknown
    } catch {
      return text
    }
  }
  if (describeForm !== undefined && /^application\/x-www-form-urlencoded/i.test(contentType)) {
    return describeForm(body().toString('utf8'))
  }
  return { bytes: size, contentType: contentType || null }
}

import type { IncomingHttpHeaders } from 'node:http'
import { parsePythonQuery } from '../api/pagination'
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
  /** Writes only: parsed JSON, `{bytes, contentType}` for binary bodies. */
  body?: unknown
  /** Whether an Authorization header came along (storage requests must not carry one). */
  authorized: boolean
  fault?: FaultKind
  /** Message of an unexpected handler error (answered 500). */
  error?: string
}

export class RequestLog {
  readonly entries: RequestLogEntry[] = []
  private seq = 0

  constructor(private readonly limit: () => number) {}

  start(method: string, path: string, rawQuery: string, headers: IncomingHttpHeaders, at: string) {
    const query: Record<string, string | string[]> = {}
    for (const [key, values] of parsePythonQuery(rawQuery)) {
      query[key] = values.length === 1 ? (values[0] as string) : values
    }
    const entry: RequestLogEntry = {
      seq: ++this.seq,
      at,
      method,
      path,
      query,
      status: null,
      authorized: headers.authorization !== undefined,
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

/** What the log keeps of a request body. */
export function describeBody(method: string, headers: IncomingHttpHeaders, body: Buffer): unknown {
  if (method === 'GET' || method === 'HEAD' || method === 'DELETE' || method === 'OPTIONS') {
    return undefined
  }
  const contentType = String(headers['content-type'] ?? '')
  if (body.length > 0 && /json/i.test(contentType)) {
    try {
      return JSON.parse(body.toString('utf8')) as unknown
    } catch {
      return body.toString('utf8')
    }
  }
  return { bytes: body.length, contentType: contentType || null }
}

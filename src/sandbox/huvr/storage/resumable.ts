import { randomBytes } from 'node:crypto'

/**
 * GCS-style resumable upload sessions [I GCS docs; the official HUVR client never uses them]: a
 * session URI takes chunks tagged `Content-Range: bytes a-b/total` and answers 308 with
 * `Range: bytes=0-N` (what is persisted) until the last byte arrives. Non-final chunks are kept
 * only up to a multiple of the granularity, so a client must resume from the server's Range, not
 * from what it sent.
 */
export interface Session {
  id: string
  object: string
  contentType: string
  /** When it was opened (simulator clock, ms): sessions expire. */
  openedAt: number
  /** Bytes persisted so far, in the pieces they came in (joined once, when complete). */
  parts: Buffer[]
  persisted: number
  total: number | null
  complete: boolean
}

export type ChunkOutcome =
  | { kind: 'incomplete'; persisted: number }
  | { kind: 'complete'; bytes: Buffer }
  | { kind: 'invalid'; message: string }

export class ResumableSessions {
  private readonly sessions = new Map<string, Session>()

  open(object: string, contentType: string, now: number): Session {
    const session: Session = {
      id: randomBytes(24).toString('base64url'),
      object,
      contentType,
      openedAt: now,
      parts: [],
      persisted: 0,
      total: null,
      complete: false,
    }
    this.sessions.set(session.id, session)
    return session
  }

  get(id: string): Session | undefined {
    return this.sessions.get(id)
  }

  cancel(id: string): boolean {
    return this.sessions.delete(id)
  }

  /** Applies one PUT to a session. `range` is the Content-Range header (absent: whole body). */
  receive(
    session: Session,
    range: string | undefined,
    body: Buffer,
    granularity: number,
  ): ChunkOutcome {
    if (session.complete) return this.outcome(session)
    const parsed = parseContentRange(range, body.length)
    if (parsed === undefined) return { kind: 'invalid', message: `Invalid Content-Range: ${range}` }
    if (parsed.total !== null) {
      if (session.total !== null && session.total !== parsed.total) {
        return { kind: 'invalid', message: 'The total object size changed between chunks.' }
      }
      session.total = parsed.total
    }
    if (parsed.kind === 'status') return this.outcome(session)
    if (parsed.end - parsed.start + 1 !== body.length) {
      return { kind: 'invalid', message: 'Content-Range does not match the body length.' }
    }
    const persisted = session.persisted
    // A chunk starting past what we hold is not accepted; the 308 tells the client where to resume.
    if (parsed.start > persisted) return this.outcome(session)
    let fresh = body.subarray(Math.min(body.length, persisted - parsed.start))
    const length = persisted + fresh.length
    const final = session.total !== null && length >= session.total
    if (!final)
      fresh = fresh.subarray(0, Math.floor(length / granularity) * granularity - persisted)
    if (fresh.length > 0) {
      session.parts.push(fresh)
      session.persisted += fresh.length
    }
    return this.outcome(session)
  }

  private outcome(session: Session): ChunkOutcome {
    if (session.total !== null && session.persisted >= session.total) {
      if (!session.complete) {
        session.complete = true
        session.parts = [Buffer.concat(session.parts).subarray(0, session.total)]
        session.persisted = session.total
      }
      return { kind: 'complete', bytes: session.parts[0] ?? Buffer.alloc(0) }
    }
    return { kind: 'incomplete', persisted: session.persisted }
  }
}

type ParsedRange =
  | { kind: 'status'; total: number | null }
  | { kind: 'chunk'; start: number; end: number; total: number | null }

function parseContentRange(
  header: string | undefined,
  bodyLength: number,
): ParsedRange | undefined {
  if (header === undefined) {
    return bodyLength === 0
      ? { kind: 'status', total: null }
      : { kind: 'chunk', start: 0, end: bodyLength - 1, total: bodyLength }
  }
  const status = /^bytes \*\/(\d+|\*)$/.exec(header.trim())
  if (status !== null) {
    return { kind: 'status', total: status[1] === '*' ? null : Number(status[1]) }
  }
  const chunk = /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec(header.trim())
  if (chunk === null) return undefined
  const start = Number(chunk[1])
  const end = Number(chunk[2])
  if (end < start) return undefined
  return { kind: 'chunk', start, end, total: chunk[3] === '*' ? null : Number(chunk[3]) }
}

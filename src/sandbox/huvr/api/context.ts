import type { IncomingHttpHeaders } from 'node:http'
import type { HuvrRuntime } from '../runtime'
import type { UserRecord } from '../state/records'
import { ApiError, notFound } from './errors'
import { parsePythonQuery } from './pagination'

/** Everything a handler needs about one API request. */
export class ApiContext {
  user: UserRecord | null = null
  readonly query: Map<string, string[]>
  private parsedBody: { value: unknown } | undefined

  constructor(
    readonly runtime: HuvrRuntime,
    readonly method: string,
    /** The path as received, still escaped. */
    readonly path: string,
    readonly rawQuery: string,
    readonly headers: IncomingHttpHeaders,
    readonly rawBody: Buffer,
    /** `http://host:port` as the client addressed us (Django's build_absolute_uri uses Host). */
    readonly origin: string,
    readonly remoteAddress: string,
    readonly params: Record<string, string | undefined>,
  ) {
    this.query = parsePythonQuery(rawQuery)
  }

  get state() {
    return this.runtime.state
  }

  get settings() {
    return this.runtime.settings
  }

  now(): number {
    return this.runtime.clock()
  }

  /** The signed-in user (routes that reach handlers are authenticated unless public). */
  get me(): UserRecord {
    if (this.user === null) throw new Error('handler on a public route asked for the user')
    return this.user
  }

  /** Integer path id; anything else is a 404, as Django's lookup fails on it. */
  id(): number {
    const raw = this.params['id'] ?? ''
    if (!/^\d+$/.test(raw)) throw notFound(this.settings.notFoundDetail)
    return Number.parseInt(raw, 10)
  }

  /**
   * The parsed body, like DRF's request.data: parsed on first use (so a bad body never hides a 401),
   * JSON or form-encoded, `{}` when empty.
   */
  body(): unknown {
    this.parsedBody ??= { value: this.parseBody() }
    return this.parsedBody.value
  }

  private parseBody(): unknown {
    if (this.rawBody.length === 0) return {}
    const contentType = String(this.headers['content-type'] ?? '')
    const mediaType = contentType.split(';')[0]?.trim().toLowerCase() ?? ''
    const text = this.rawBody.toString('utf8')
    if (mediaType === 'application/json' || mediaType.endsWith('+json')) {
      try {
        return JSON.parse(text) as unknown
      } catch (error) {
        throw new ApiError(400, {
          detail: `JSON parse error - ${error instanceof Error ? error.message : 'invalid JSON'}`,
        })
      }
    }
    if (mediaType === 'application/x-www-form-urlencoded') {
      return Object.fromEntries(new URLSearchParams(text).entries())
    }
    throw new ApiError(415, { detail: `Unsupported media type "${contentType}" in request.` })
  }
}

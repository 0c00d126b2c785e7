import type { Readable } from 'node:stream'
import type { z } from 'zod'
import type { Logger } from '../../log/logger'
import type { Clock } from '../../platform/ports'
import { ConnectorError } from '../errors'
import {
  describeUrl,
  parseJson,
  preview,
  ResilientHttp,
  type RawResponse,
  type TransportTuning,
} from '../resilient-http'
import { pageSchema, tokenResponseSchema, userSchema, type Page } from './schemas'

export interface HuvrCredentials {
  /** The workspace URL, e.g. https://acme.huvrdata.app */
  baseUrl: string
  /** The service account's email. */
  clientId: string
  clientSecret: string
}

export interface HuvrClientOptions extends HuvrCredentials, TransportTuning {
  log: Logger
  clock: Clock
}

interface SendOptions {
  query?: Record<string, string | number | undefined>
  body?: unknown
  /** Send once: a create whose answer is lost is looked up before it is sent again. */
  noRetry?: boolean
}

const TOKEN_PATH = '/api/auth/obtain-access-token/'

/**
 * A HUVR Data API v3 client that survives a flaky field connection: it signs in once for many
 * concurrent requests and again once on a 401, retries and waits out throttling through its
 * transport, never sends the token off the workspace, and checks every answer before anyone
 * uses it.
 */
export class HuvrClient {
  readonly baseUrl: string
  readonly #origin: string
  readonly #options: HuvrClientOptions
  readonly #http: ResilientHttp
  #token: { value: string; expiresAt: number } | null = null
  #signingIn: Promise<string> | null = null

  constructor(options: HuvrClientOptions) {
    this.#options = options
    this.baseUrl = options.baseUrl.replace(/\/+$/, '')
    this.#origin = new URL(this.baseUrl).origin
    this.#http = new ResilientHttp({ ...options, system: 'HUVR' })
  }

  /** The signed-in service account: proves the URL and credentials work. */
  async me(): Promise<z.infer<typeof userSchema>> {
    return this.get('/api/users/me/', userSchema)
  }

  async get<S extends z.ZodType>(
    pathOrUrl: string,
    schema: S,
    query?: SendOptions['query'],
  ): Promise<z.output<S>> {
    return this.send('GET', pathOrUrl, schema, query === undefined ? {} : { query })
  }

  /** One page of a DRF list; follow `next` for the rest. */
  async page(pathOrUrl: string, query?: SendOptions['query']): Promise<Page> {
    return this.get(pathOrUrl, pageSchema, query)
  }

  /** Bytes from a URL HUVR handed out (thumbnails are signed storage URLs: no Authorization goes there). */
  async download(url: string): Promise<Buffer> {
    const response = await this.#http.exchange('GET', url)
    if (response.status < 200 || response.status >= 300) {
      throw new ConnectorError(
        'bad-response',
        `HUVR storage answered HTTP ${response.status} for ${describeUrl(url)}.`,
        { status: response.status },
      )
    }
    return response.body
  }

  async send<S extends z.ZodType>(
    method: string,
    pathOrUrl: string,
    schema: S,
    options: SendOptions = {},
  ): Promise<z.output<S>> {
    const url = this.#resolve(pathOrUrl, options.query)
    const body = options.body === undefined ? undefined : JSON.stringify(options.body)
    let reauthenticated = false
    for (;;) {
      const token = await this.#ensureToken()
      const response = await this.#http.exchange(method, url, {
        headers: jsonHeaders(token, body !== undefined),
        ...(body === undefined ? {} : { body }),
        ...(options.noRetry === true ? { noRetry: true } : {}),
      })
      if (response.status === 401 && !reauthenticated) {
        // The token expired or was revoked: sign in again once (shared by every waiting request).
        reauthenticated = true
        if (this.#token?.value === token) this.#token = null
        continue
      }
      return this.#interpret(method, url, response, schema)
    }
  }

  /**
   * A request to storage: a signed URL HUVR handed out (with exactly its headers) or a resumable
   * session there; never with Authorization. Answers whatever storage said: 2xx done, 308 a
   * resumable session's progress, 400/403 an expired or refused URL (ask HUVR for a fresh one).
   * Network and 5xx failures are retried, each time with a new stream from `openBody`, unless
   * `reportFailures` hands them back (a resumable upload asks the session how much it kept).
   */
  async toStorage(
    method: 'PUT' | 'POST',
    url: string,
    options: {
      headers: Record<string, string>
      /** Sent as Content-Length: storage wants it for streamed bodies. */
      size: number
      openBody?: () => Readable
      reportFailures?: boolean
    },
  ): Promise<RawResponse> {
    return this.#http.exchange(method, url, {
      headers: { ...options.headers, 'content-length': String(options.size) },
      ...(options.openBody === undefined ? {} : { body: options.openBody }),
      ...(options.reportFailures === true ? { reportFailures: true } : {}),
    })
  }

  async close(): Promise<void> {
    await this.#http.close()
  }

  #resolve(pathOrUrl: string, query: SendOptions['query']): string {
    const url = new URL(pathOrUrl.startsWith('/') ? `${this.baseUrl}${pathOrUrl}` : pathOrUrl)
    // Never send the token anywhere but the workspace, whatever a `next` link says.
    if (url.origin !== this.#origin) {
      throw new ConnectorError(
        'bad-response',
        `HUVR pointed to ${url.origin}, which is not ${this.#origin}; refusing to follow.`,
      )
    }
    for (const [key, value] of Object.entries(query ?? {})) {
      if (value !== undefined) url.searchParams.set(key, String(value))
    }
    return url.toString()
  }

  #interpret<S extends z.ZodType>(
    method: string,
    url: string,
    response: RawResponse,
    schema: S,
  ): z.output<S> {
    const where = `${method} ${describeUrl(url)}`
    const json = parseJson(response.body)
    if (response.status === 204) return schema.parse(null)
    if (response.status >= 200 && response.status < 300) {
      if (json === undefined) {
        throw new ConnectorError(
          'bad-response',
          `HUVR answered ${where} with something that is not JSON (${preview(response.body)}).`,
          { status: response.status },
        )
      }
      const parsed = schema.safeParse(json)
      if (!parsed.success) {
        const issue = parsed.error.issues[0]
        const field = issue?.path.join('.') || '(answer)'
        throw new ConnectorError(
          'bad-response',
          `HUVR's answer to ${where} is not what we expect: ${field}: ${issue?.message}.`,
          { status: response.status },
        )
      }
      return parsed.data
    }
    const detail = describeErrorBody(json) ?? preview(response.body)
    switch (response.status) {
      case 401:
        throw new ConnectorError(
          'auth',
          `HUVR did not accept our sign-in for ${where}: ${detail}`,
          {
            status: 401,
          },
        )
      case 403:
        throw new ConnectorError(
          'forbidden',
          `This HUVR account may not do that (${where}): ${detail}`,
          {
            status: 403,
          },
        )
      case 404:
        throw new ConnectorError('not-found', `HUVR has no ${describeUrl(url)}.`, { status: 404 })
      case 400:
        throw new ConnectorError('validation', `HUVR refused the data (${where}): ${detail}`, {
          status: 400,
          ...fieldErrorsDetail(json),
        })
      default:
        throw new ConnectorError(
          'bad-response',
          `HUVR answered ${where} with HTTP ${response.status}: ${detail}`,
          { status: response.status },
        )
    }
  }

  async #ensureToken(): Promise<string> {
    const now = this.#options.clock.now()
    if (this.#token && now < this.#token.expiresAt) return this.#token.value
    this.#signingIn ??= this.#signIn().finally(() => {
      this.#signingIn = null
    })
    return this.#signingIn
  }

  async #signIn(): Promise<string> {
    const url = this.#resolve(TOKEN_PATH, undefined)
    const response = await this.#http.exchange('POST', url, {
      headers: jsonHeaders(null, true),
      body: JSON.stringify({
        client_id: this.#options.clientId,
        client_secret: this.#options.clientSecret,
      }),
    })
    if (response.status === 400 || response.status === 401 || response.status === 403) {
      // Never retried: another attempt with the same secret cannot succeed.
      const detail = describeErrorBody(parseJson(response.body)) ?? `HTTP ${response.status}`
      throw new ConnectorError(
        'auth',
        `HUVR refused the client id or secret for ${this.#origin} (${detail}). Check the account's credentials.`,
        { status: response.status },
      )
    }
    const token = this.#interpret('POST', url, response, tokenResponseSchema)
    const lifetimeMs = Number(token.expires_in ?? 3600) * 1000
    // Renew a little early, but never so early that a short-lived token is renewed on every call.
    const margin = Math.min(30_000, lifetimeMs / 10)
    this.#token = {
      value: token.access_token,
      expiresAt: this.#options.clock.now() + lifetimeMs - margin,
    }
    this.#options.log.info({ origin: this.#origin }, 'signed in to huvr')
    return token.access_token
  }
}

function jsonHeaders(token: string | null, hasBody: boolean): Record<string, string> {
  return {
    accept: 'application/json',
    ...(token === null ? {} : { authorization: `Token ${token}` }),
    ...(hasBody ? { 'content-type': 'application/json' } : {}),
  }
}

/** DRF's `{"detail": …}` or `{"field": ["message"]}` as one line. */
function describeErrorBody(json: unknown): string | null {
  if (json === null || typeof json !== 'object') return null
  const record = json as Record<string, unknown>
  if (typeof record.detail === 'string') return record.detail
  const parts = Object.entries(fieldErrorsOf(json) ?? {}).map(
    ([field, messages]) => `${field}: ${messages.join(' ')}`,
  )
  return parts.length > 0 ? parts.join('; ') : null
}

function fieldErrorsDetail(json: unknown): { fieldErrors?: Record<string, string[]> } {
  const fieldErrors = fieldErrorsOf(json)
  return fieldErrors === undefined ? {} : { fieldErrors }
}

function fieldErrorsOf(json: unknown): Record<string, string[]> | undefined {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) return undefined
  const entries = Object.entries(json as Record<string, unknown>).filter(
    (entry): entry is [string, string[]] =>
      Array.isArray(entry[1]) && entry[1].every((m) => typeof m === 'string'),
  )
  return entries.length > 0 ? Object.fromEntries(entries) : undefined
}

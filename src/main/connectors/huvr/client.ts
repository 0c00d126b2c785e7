import { setTimeout as sleepFor } from 'node:timers/promises'
import { Agent, request, type Dispatcher } from 'undici'
import type { z } from 'zod'
import { APP_VERSION } from '../../core/version'
import type { Logger } from '../../log/logger'
import type { Clock } from '../../platform/ports'
import { backoffDelay, DEFAULT_BACKOFF, parseRetryAfter, type BackoffPolicy } from '../backoff'
import { ConnectorError } from '../errors'
import { pageSchema, tokenResponseSchema, userSchema, type Page } from './schemas'

export interface HuvrCredentials {
  /** The workspace URL, e.g. https://acme.huvrdata.app */
  baseUrl: string
  /** The service account's email. */
  clientId: string
  clientSecret: string
}

export interface HuvrClientOptions extends HuvrCredentials {
  log: Logger
  clock: Clock
  /** Attempts per request before a network or server error is reported. */
  maxAttempts?: number
  /** 429 answers waited out per request before giving up. */
  maxThrottleWaits?: number
  backoff?: BackoffPolicy
  connectTimeoutMs?: number
  /** The longest silence allowed while waiting for headers or between body chunks. */
  idleTimeoutMs?: number
  sleep?: (ms: number) => Promise<void>
}

interface SendOptions {
  query?: Record<string, string | number | undefined>
  body?: unknown
  /** false for the token request itself. */
  authenticated?: boolean
}

const TOKEN_PATH = '/api/auth/obtain-access-token/'

/**
 * A HUVR Data API v3 client that survives a flaky field connection: it signs in once for many
 * concurrent requests and again once on a 401, retries network and 5xx failures with jittered
 * backoff, waits out 429s by pausing every request of this connection for Retry-After, and
 * checks every answer before anyone uses it.
 */
export class HuvrClient {
  readonly baseUrl: string
  readonly #origin: string
  readonly #options: HuvrClientOptions
  readonly #agent: Agent
  readonly #sleep: (ms: number) => Promise<void>
  #token: { value: string; expiresAt: number } | null = null
  #signingIn: Promise<string> | null = null
  #pausedUntil = 0

  constructor(options: HuvrClientOptions) {
    this.#options = options
    this.baseUrl = options.baseUrl.replace(/\/+$/, '')
    this.#origin = new URL(this.baseUrl).origin
    this.#sleep = options.sleep ?? ((ms) => sleepFor(ms))
    this.#agent = new Agent({
      connect: { timeout: options.connectTimeoutMs ?? 10_000 },
      headersTimeout: options.idleTimeoutMs ?? 30_000,
      bodyTimeout: options.idleTimeoutMs ?? 30_000,
      keepAliveTimeout: 4_000,
    })
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
    return this.#withRetries(
      'GET',
      url,
      async () => {
        const response = await request(url, {
          method: 'GET',
          dispatcher: this.#agent,
          headers: { 'user-agent': `Fieldstation/${APP_VERSION}` },
        })
        const body = Buffer.from(await response.body.arrayBuffer())
        return { status: response.statusCode, headers: response.headers, body }
      },
      (result) => result.body,
    )
  }

  async send<S extends z.ZodType>(
    method: string,
    pathOrUrl: string,
    schema: S,
    options: SendOptions = {},
  ): Promise<z.output<S>> {
    const url = this.#resolve(pathOrUrl, options.query)
    const authenticated = options.authenticated ?? true
    let reauthenticated = false
    for (;;) {
      const token = authenticated ? await this.#ensureToken() : null
      const result = await this.#withRetries(method, url, () =>
        this.#request(method, url, token, options.body),
      )
      if (result.status === 401 && authenticated && !reauthenticated) {
        // The token expired or was revoked: sign in again once (shared by every waiting request).
        reauthenticated = true
        if (this.#token?.value === token) this.#token = null
        continue
      }
      return this.#interpret(method, url, result, schema)
    }
  }

  async close(): Promise<void> {
    await this.#agent.close()
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

  async #request(
    method: string,
    url: string,
    token: string | null,
    body: unknown,
  ): Promise<RawResponse> {
    const headers: Record<string, string> = {
      accept: 'application/json',
      'user-agent': `Fieldstation/${APP_VERSION}`,
    }
    if (token) headers.authorization = `Token ${token}`
    if (body !== undefined) headers['content-type'] = 'application/json'
    const response = await request(url, {
      method: method as Dispatcher.HttpMethod,
      headers,
      dispatcher: this.#agent,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })
    // Read the whole body inside the retry loop: a connection reset mid-body is a network error.
    const text = await response.body.text()
    return { status: response.statusCode, headers: response.headers, body: text }
  }

  /**
   * Runs one HTTP exchange with retries for what is worth retrying: network failures and 5xx
   * with jittered backoff, and 429 by pausing this connection for as long as the server says.
   * Anything else (2xx, 4xx) goes back to the caller to interpret.
   */
  async #withRetries<
    R extends { status: number; headers: Record<string, string | string[] | undefined> },
    T = R,
  >(
    method: string,
    url: string,
    attempt: () => Promise<R>,
    map: (result: R) => T = (result) => result as unknown as T,
  ): Promise<T> {
    const maxAttempts = this.#options.maxAttempts ?? 6
    const maxThrottleWaits = this.#options.maxThrottleWaits ?? 10
    const where = `${method} ${describeUrl(url)}`
    let failures = 0
    let throttled = 0
    for (;;) {
      await this.#waitWhilePaused()
      let result: R
      try {
        result = await attempt()
      } catch (error) {
        if (error instanceof ConnectorError) throw error
        failures++
        const reason = error instanceof Error ? error.message : String(error)
        if (failures >= maxAttempts) {
          throw new ConnectorError(
            'network',
            `Could not reach HUVR at ${this.#origin} (${where}): ${reason}. Check the connection and try again.`,
            {},
            { cause: error },
          )
        }
        this.#options.log.warn({ where, reason, failures }, 'huvr request failed, retrying')
        await this.#sleep(backoffDelay(failures - 1, this.#options.backoff ?? DEFAULT_BACKOFF))
        continue
      }
      if (result.status === 429) {
        throttled++
        const wait =
          parseRetryAfter(result.headers['retry-after'], this.#options.clock.now()) ??
          backoffDelay(throttled, this.#options.backoff ?? DEFAULT_BACKOFF)
        if (throttled > maxThrottleWaits) {
          throw new ConnectorError(
            'throttled',
            `HUVR kept asking us to slow down (${where}); try again in a few minutes.`,
            { status: 429 },
          )
        }
        this.#pauseFor(wait)
        continue
      }
      if (result.status >= 500) {
        failures++
        if (failures >= maxAttempts) {
          throw new ConnectorError(
            'server',
            `HUVR had a server error (HTTP ${result.status}) on ${where}, ${failures} times in a row. Try again later.`,
            { status: result.status },
          )
        }
        await this.#sleep(backoffDelay(failures - 1, this.#options.backoff ?? DEFAULT_BACKOFF))
        continue
      }
      return map(result)
    }
  }

  #interpret<S extends z.ZodType>(
    method: string,
    url: string,
    result: RawResponse,
    schema: S,
  ): z.output<S> {
    const where = `${method} ${describeUrl(url)}`
    const json = parseJson(result.body)
    if (result.status === 204) return schema.parse(null)
    if (result.status >= 200 && result.status < 300) {
      if (json === undefined) {
        throw new ConnectorError(
          'bad-response',
          `HUVR answered ${where} with something that is not JSON (${preview(result.body)}).`,
          { status: result.status },
        )
      }
      const parsed = schema.safeParse(json)
      if (!parsed.success) {
        const issue = parsed.error.issues[0]
        const field = issue?.path.join('.') || '(answer)'
        throw new ConnectorError(
          'bad-response',
          `HUVR's answer to ${where} is not what we expect: ${field}: ${issue?.message}.`,
          { status: result.status },
        )
      }
      return parsed.data
    }
    const detail = describeErrorBody(json) ?? preview(result.body)
    switch (result.status) {
      case 401:
        throw new ConnectorError(
          'auth',
          `HUVR did not accept our sign-in for ${where}: ${detail}`,
          { status: 401 },
        )
      case 403:
        throw new ConnectorError(
          'forbidden',
          `This HUVR account may not do that (${where}): ${detail}`,
          { status: 403 },
        )
      case 404:
        throw new ConnectorError('not-found', `HUVR has no ${describeUrl(url)}.`, { status: 404 })
      case 400:
        throw new ConnectorError('validation', `HUVR refused the data (${where}): ${detail}`, {
          status: 400,
          fieldErrors: fieldErrorsOf(json),
        })
      default:
        throw new ConnectorError(
          'bad-response',
          `HUVR answered ${where} with HTTP ${result.status}: ${detail}`,
          { status: result.status },
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
    const result = await this.#withRetries('POST', url, () =>
      this.#request('POST', url, null, {
        client_id: this.#options.clientId,
        client_secret: this.#options.clientSecret,
      }),
    )
    if (result.status === 400 || result.status === 401 || result.status === 403) {
      // Never retried: another attempt with the same secret cannot succeed.
      throw new ConnectorError(
        'auth',
        `HUVR refused the client id or secret for ${this.#origin} (${describeErrorBody(parseJson(result.body)) ?? `HTTP ${result.status}`}). Check the account's credentials.`,
        { status: result.status },
      )
    }
    const token = this.#interpret('POST', url, result, tokenResponseSchema)
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

  #pauseFor(ms: number): void {
    this.#pausedUntil = Math.max(this.#pausedUntil, this.#options.clock.now() + ms)
  }

  async #waitWhilePaused(): Promise<void> {
    const wait = this.#pausedUntil - this.#options.clock.now()
    if (wait > 0) await this.#sleep(wait)
  }
}

interface RawResponse {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}

function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined
  try {
    return JSON.parse(text) as unknown
  } catch {
    return undefined
  }
}

function preview(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  if (flat === '') return 'an empty body'
  return flat.length > 80 ? `"${flat.slice(0, 80)}…"` : `"${flat}"`
}

/** DRF's `{"detail": …}` or `{"field": ["message"]}` as one line. */
function describeErrorBody(json: unknown): string | null {
  if (json === null || typeof json !== 'object') return null
  const record = json as Record<string, unknown>
  if (typeof record.detail === 'string') return record.detail
  const fields = fieldErrorsOf(json)
  const parts = Object.entries(fields ?? {}).map(
    ([field, messages]) => `${field}: ${messages.join(' ')}`,
  )
  return parts.length > 0 ? parts.join('; ') : null
}

function fieldErrorsOf(json: unknown): Record<string, string[]> | undefined {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) return undefined
  const entries = Object.entries(json as Record<string, unknown>).filter(
    (entry): entry is [string, string[]] =>
      Array.isArray(entry[1]) && entry[1].every((m) => typeof m === 'string'),
  )
  return entries.length > 0 ? Object.fromEntries(entries) : undefined
}

/** A URL for messages and logs: path and query, no host credentials. */
function describeUrl(url: string): string {
  const parsed = new URL(url)
  return `${parsed.pathname}${parsed.search}`
}

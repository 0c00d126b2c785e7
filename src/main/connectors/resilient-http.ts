import type { Readable } from 'node:stream'
import { setTimeout as sleepFor } from 'node:timers/promises'
import { Agent, request, type Dispatcher, type FormData } from 'undici'
import { APP_VERSION } from '../core/version'
import type { Logger } from '../log/logger'
import type { Clock } from '../platform/ports'
import { backoffDelay, DEFAULT_BACKOFF, parseRetryAfter, type BackoffPolicy } from './backoff'
import { ConnectorError } from './errors'

export interface ResilientHttpOptions {
  /** The system's name in messages: "Could not reach HUVR at …". */
  system: string
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

/** The options a connector passes through to its transport (tests shorten the backoff). */
export type TransportTuning = Omit<ResilientHttpOptions, 'system' | 'log' | 'clock'>

/** A body, or a function that opens a fresh stream of it for each attempt (a file being uploaded). */
export type RequestBody = string | Buffer | FormData | (() => Readable)

export interface RawResponse {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: Buffer
}

/**
 * One connection's HTTP transport for a flaky field link: connect and idle timeouts on every
 * request, retries of network failures and 5xx with jittered backoff, and 429s waited out by
 * pausing every request of the connection for as long as Retry-After says. Anything else
 * (2xx, 3xx, 4xx) goes back to the connector to interpret.
 */
export class ResilientHttp {
  readonly #options: ResilientHttpOptions
  readonly #agent: Agent
  readonly #sleep: (ms: number) => Promise<void>
  #pausedUntil = 0

  constructor(options: ResilientHttpOptions) {
    this.#options = options
    this.#sleep = options.sleep ?? ((ms) => sleepFor(ms))
    this.#agent = new Agent({
      connect: { timeout: options.connectTimeoutMs ?? 10_000 },
      headersTimeout: options.idleTimeoutMs ?? 30_000,
      bodyTimeout: options.idleTimeoutMs ?? 30_000,
      keepAliveTimeout: 4_000,
    })
  }

  async exchange(
    method: string,
    url: string,
    options: {
      headers?: Record<string, string>
      body?: RequestBody
      /** Single attempt: for requests whose repetition could do harm (a sign-in counts failures). */
      noRetry?: boolean
      /**
       * Network failures and 5xx answers go straight back to the caller (429s are still waited
       * out): for a resumable upload, whose next step after a failure is to ask the server how
       * much it kept, not to send the same bytes again.
       */
      reportFailures?: boolean
    } = {},
  ): Promise<RawResponse> {
    const { system, log, clock } = this.#options
    const maxAttempts = options.noRetry ? 1 : (this.#options.maxAttempts ?? 6)
    const maxThrottleWaits = options.noRetry ? 0 : (this.#options.maxThrottleWaits ?? 10)
    const backoff = this.#options.backoff ?? DEFAULT_BACKOFF
    const where = `${method} ${describeUrl(url)}`
    let failures = 0
    let throttled = 0
    for (;;) {
      await this.#waitWhilePaused()
      let response: RawResponse
      try {
        response = await this.#once(method, url, options)
      } catch (error) {
        failures++
        const reason = error instanceof Error ? error.message : String(error)
        if (failures >= maxAttempts || options.reportFailures) {
          throw new ConnectorError(
            'network',
            `Could not reach ${system} at ${new URL(url).origin} (${where}): ${reason}. Check the connection and try again.`,
            {},
            { cause: error },
          )
        }
        log.warn({ where, reason, failures }, `${system} request failed, retrying`)
        await this.#sleep(backoffDelay(failures - 1, backoff))
        continue
      }
      if (response.status === 429) {
        throttled++
        if (throttled > maxThrottleWaits) {
          throw new ConnectorError(
            'throttled',
            `${system} kept asking us to slow down (${where}); try again in a few minutes.`,
            { status: 429 },
          )
        }
        const retryAfter = parseRetryAfter(response.headers['retry-after'], clock.now())
        this.#pauseFor(retryAfter ?? backoffDelay(throttled, backoff))
        continue
      }
      if (response.status >= 500 && !options.reportFailures) {
        failures++
        if (failures >= maxAttempts) {
          throw new ConnectorError(
            'server',
            `${system} had a server error (HTTP ${response.status}) on ${where}, ${failures} times in a row. Try again later.`,
            { status: response.status },
          )
        }
        await this.#sleep(backoffDelay(failures - 1, backoff))
        continue
      }
      return response
    }
  }

  async close(): Promise<void> {
    await this.#agent.close()
  }

  async #once(
    method: string,
    url: string,
    options: { headers?: Record<string, string>; body?: RequestBody },
  ): Promise<RawResponse> {
    const response = await request(url, {
      method: method as Dispatcher.HttpMethod,
      headers: { 'user-agent': `Fieldstation/${APP_VERSION}`, ...options.headers },
      dispatcher: this.#agent,
      ...(options.body === undefined
        ? {}
        : { body: typeof options.body === 'function' ? options.body() : options.body }),
    })
    // Read the whole body inside the retry loop: a connection reset mid-body is a network error.
    const body = Buffer.from(await response.body.arrayBuffer())
    const declared = Number(response.headers['content-length'])
    if (Number.isFinite(declared) && declared !== body.length) {
      throw new Error(`the answer was cut off (${body.length} of ${declared} bytes)`)
    }
    return { status: response.statusCode, headers: response.headers, body }
  }

  #pauseFor(ms: number): void {
    this.#pausedUntil = Math.max(this.#pausedUntil, this.#options.clock.now() + ms)
  }

  async #waitWhilePaused(): Promise<void> {
    const wait = this.#pausedUntil - this.#options.clock.now()
    if (wait > 0) await this.#sleep(wait)
  }
}

/** Query parameters of signed URLs that are credentials: never in a message or a log. */
const SECRET_PARAMETER = /signature|credential|token|key|policy/i

/** A URL for messages and logs: path and query, with the signing parameters blanked. */
export function describeUrl(url: string): string {
  const parsed = new URL(url)
  for (const name of [...parsed.searchParams.keys()]) {
    if (SECRET_PARAMETER.test(name)) parsed.searchParams.set(name, '…')
  }
  return `${parsed.pathname}${parsed.search}`
}

export function parseJson(body: Buffer): unknown {
  const text = body.toString('utf8')
  if (text.trim() === '') return undefined
  try {
    return JSON.parse(text) as unknown
  } catch {
    return undefined
  }
}

/** The start of a body for an error message, whitespace folded. */
export function preview(body: Buffer): string {
  const flat = body.toString('utf8').replace(/\s+/g, ' ').trim()
  if (flat === '') return 'an empty body'
  return flat.length > 80 ? `"${flat.slice(0, 80)}…"` : `"${flat}"`
}

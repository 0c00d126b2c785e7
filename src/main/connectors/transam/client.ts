import type { z } from 'zod'
import type { TransamSignInResult } from '../../../shared/rpc/transam-contract'
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
import { FormData } from 'undici'
import {
  documentDataSchema,
  jsendSchema,
  signInDataSchema,
  signInErrorsSchema,
  type TransamDocument,
} from './schemas'

export interface TransamClientOptions extends TransportTuning {
  baseUrl: string
  email: string
  /** The token from the last successful sign-in, or null when the user must sign in. */
  token: string | null
  log: Logger
  clock: Clock
}

const LOCK_MINUTES = /(\d+)\s+minute/

/**
 * A TransAM API v1 client that can never lock an account by itself: it signs in only when
 * `signIn` is called (one request per call, no retry of a refused password), and a 401 on any
 * other request is reported as "needs sign-in" instead of being retried.
 */
export class TransamClient {
  readonly baseUrl: string
  readonly #options: TransamClientOptions
  readonly #http: ResilientHttp
  #token: string | null

  constructor(options: TransamClientOptions) {
    this.#options = options
    this.baseUrl = options.baseUrl.replace(/\/+$/, '')
    this.#token = options.token
    this.#http = new ResilientHttp({ ...options, system: 'TransAM' })
  }

  get token(): string | null {
    return this.#token
  }

  /** One sign-in attempt. TransAM's own messages (warning, lockout) come back as they are. */
  async signIn(password: string): Promise<TransamSignInResult> {
    const url = `${this.baseUrl}/api/v1/sign_in`
    let response: RawResponse
    try {
      response = await this.#http.exchange('POST', url, {
        headers: { accept: 'application/json', 'content-type': 'application/json' },
        body: JSON.stringify({ email: this.#options.email, password }),
        noRetry: true,
      })
    } catch (error) {
      const reason =
        error instanceof ConnectorError && error.kind === 'network' ? 'unreachable' : 'unexpected'
      return failure(
        reason,
        `${error instanceof Error ? error.message : String(error)} The sign-in was not repeated.`,
      )
    }
    const json = parseJson(response.body)
    if (response.status === 200) {
      const envelope = jsendSchema.safeParse(json)
      const data = signInDataSchema.safeParse(envelope.success ? envelope.data.data : undefined)
      if (!data.success)
        return failure(
          'unexpected',
          `TransAM's sign-in answer is not what we expect (${preview(response.body)}).`,
        )
      this.#token = data.data.session.authentication_token
      return {
        ok: true,
        message: `Signed in to ${new URL(this.baseUrl).host} as ${this.#options.email}.`,
      }
    }
    const envelope = jsendSchema.safeParse(json)
    const errors = signInErrorsSchema.safeParse(envelope.success ? envelope.data.data : undefined)
    if (!errors.success) {
      return failure(
        'unexpected',
        `TransAM refused the sign-in with HTTP ${response.status} (${preview(response.body)}).`,
      )
    }
    const { email, password: wrongPassword, last_attempt: lastAttempt, locked } = errors.data.errors
    if (locked !== undefined) {
      const minutes = Number(LOCK_MINUTES.exec(locked)?.[1] ?? 5)
      return {
        ...failure('locked', locked),
        lockedUntil: this.#options.clock.now() + Math.max(1, minutes) * 60_000,
      }
    }
    if (email !== undefined) return failure('unknown-email', email)
    return {
      ...failure('wrong-password', wrongPassword ?? 'TransAM refused the password.'),
      warning: lastAttempt ?? null,
    }
  }

  /** Ends the session on the server, which rotates the token so every copy of it stops working. */
  async signOut(): Promise<void> {
    if (this.#token === null) return
    await this.get('/api/v1/sign_out', null, 'DELETE')
    this.#token = null
  }

  /** A JSend success's `data`, checked against `schema` (or ignored when null). */
  async get<S extends z.ZodType>(
    path: string,
    schema: S | null,
    method = 'GET',
  ): Promise<z.output<S>> {
    return this.send(method, path, schema)
  }

  /** A request with an optional JSON body (updates are idempotent, so the transport may retry). */
  async send<S extends z.ZodType>(
    method: string,
    path: string,
    schema: S | null,
    body?: Record<string, unknown>,
  ): Promise<z.output<S>> {
    if (this.#token === null) throw needsSignIn()
    const url = `${this.baseUrl}${path}`
    const response = await this.#http.exchange(method, url, {
      headers: {
        accept: 'application/json',
        'x-user-email': this.#options.email,
        'x-user-token': this.#token,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })
    return this.#interpret(method, url, response, schema)
  }

  /**
   * Uploads one document under an asset (multipart, top-level fields as TransAM expects). Sent
   * once: a POST whose answer is lost may still have created the document, so the caller looks
   * before sending again instead of letting the transport retry.
   */
  async uploadDocument(
    assetKey: string,
    file: { bytes: Buffer; filename: string; description: string | null },
  ): Promise<TransamDocument> {
    if (this.#token === null) throw needsSignIn()
    const form = new FormData()
    form.append('document', new Blob([file.bytes]), file.filename)
    form.append('original_filename', file.filename)
    if (file.description) form.append('description', file.description)
    const url = `${this.baseUrl}/api/v1/assets/${assetKey}/documents`
    const response = await this.#http.exchange('POST', url, {
      headers: {
        accept: 'application/json',
        'x-user-email': this.#options.email,
        'x-user-token': this.#token,
      },
      body: form,
      noRetry: true,
    })
    return this.#interpret('POST', url, response, documentDataSchema).document
  }

  /** The bytes of a document from its (signed, time-limited) URL, whole or not at all. */
  async download(url: string): Promise<Buffer> {
    const response = await this.#http.exchange('GET', url)
    if (response.status < 200 || response.status >= 300) {
      throw new ConnectorError(
        response.status === 403 || response.status === 400 ? 'forbidden' : 'bad-response',
        `TransAM's file store answered HTTP ${response.status} for ${describeUrl(url)}.`,
        { status: response.status },
      )
    }
    return response.body
  }

  async close(): Promise<void> {
    await this.#http.close()
  }

  #interpret<S extends z.ZodType>(
    method: string,
    url: string,
    response: RawResponse,
    schema: S | null,
  ): z.output<S> {
    const where = `${method} ${describeUrl(url)}`
    const json = parseJson(response.body)
    if (response.status === 401) {
      this.#token = null
      throw needsSignIn()
    }
    const envelope = jsendSchema.safeParse(json)
    if (!envelope.success) {
      throw new ConnectorError(
        'bad-response',
        `TransAM answered ${where} with HTTP ${response.status} and something that is not a JSend envelope (${preview(response.body)}).`,
        { status: response.status },
      )
    }
    const { status, data, message } = envelope.data
    if (status !== 'success') {
      const detail = message ?? describeFailData(data) ?? `HTTP ${response.status}`
      if (response.status === 404)
        throw new ConnectorError('not-found', `TransAM: ${detail}`, { status: 404 })
      if (status === 'error')
        throw new ConnectorError('server', `TransAM had an error on ${where}: ${detail}`, {
          status: response.status,
        })
      throw new ConnectorError('validation', `TransAM refused ${where}: ${detail}`, {
        status: response.status,
      })
    }
    if (schema === null) return undefined as z.output<S>
    const parsed = schema.safeParse(data)
    if (!parsed.success) {
      const issue = parsed.error.issues[0]
      throw new ConnectorError(
        'bad-response',
        `TransAM's answer to ${where} is not what we expect: ${issue?.path.join('.') || '(data)'}: ${issue?.message}.`,
        { status: response.status },
      )
    }
    return parsed.data
  }
}

function needsSignIn(): ConnectorError {
  return new ConnectorError(
    'auth',
    'TransAM needs you to sign in again (the saved sign-in was refused or ended).',
    { status: 401 },
  )
}

function failure(
  reason: Exclude<TransamSignInResult, { ok: true }>['reason'],
  message: string,
): Exclude<TransamSignInResult, { ok: true }> {
  return { ok: false, reason, message, warning: null, lockedUntil: null }
}

function describeFailData(data: unknown): string | null {
  if (data === null || typeof data !== 'object') return null
  const values = Object.values(data as Record<string, unknown>).filter(
    (v): v is string => typeof v === 'string',
  )
  return values.length > 0 ? values.join(' ') : null
}

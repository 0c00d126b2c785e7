import type { IncomingHttpHeaders } from 'node:http'
import type { TransamRuntime } from '../runtime'
import type { UserRecord } from '../state/records'
import { parseMultipart } from './multipart'
import { isParamHash, type ParamHash, type ParamValue, parseNestedQuery } from './params'

/** A JSON body Rails could not parse (ActionDispatch::Http::Parameters::ParseError). */
export class JsonParseError extends Error {}

const JSON_TYPES = ['application/json', 'text/x-json', 'application/jsonrequest']
/** Rails ignores an Accept that mixes the any-type wildcard with other types (browsers, axios). */
const BROWSER_LIKE_ACCEPTS = /,\s*\*\/\*|\*\/\*\s*,/
const EXTENSION_TYPES: Record<string, string> = {
  json: 'application/json',
  html: 'text/html',
  xml: 'application/xml',
  js: 'text/javascript',
  csv: 'text/csv',
  txt: 'text/plain',
}

/** Everything an action needs about one request. */
export class RequestContext {
  user: UserRecord | null = null
  /** The query's parameters (parsed by loadParams, as Rails does on first use). */
  query: ParamHash = {}
  /** query + body + path parameters, merged as Rails does (query wins over body, path over both). */
  params: ParamHash = {}
  /** The body's own parameters. */
  bodyParams: ParamHash = {}

  constructor(
    readonly runtime: TransamRuntime,
    readonly method: string,
    /** Path without the trailing slash and `.format` suffix. */
    readonly path: string,
    /** The `.json` suffix of the path, if any. */
    readonly extension: string | null,
    readonly rawQuery: string,
    readonly headers: IncomingHttpHeaders,
    readonly rawBody: Buffer,
    readonly origin: string,
    readonly pathParams: Record<string, string>,
  ) {}

  get state() {
    return this.runtime.state
  }

  get settings() {
    return this.runtime.settings
  }

  now(): number {
    return this.runtime.clock()
  }

  header(name: string): string | undefined {
    const value = this.headers[name]
    return Array.isArray(value) ? value.join(', ') : value
  }

  /** The signed-in user (only on authenticated routes). */
  get me(): UserRecord {
    if (this.user === null) throw new Error('action on a public route asked for the user')
    return this.user
  }

  param(name: string): ParamValue | undefined {
    return this.params[name]
  }

  get mediaType(): string {
    return (this.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? ''
  }

  /** Parses the body into params (JSON, form or multipart). Throws on malformed JSON. */
  async loadParams(wrapKey: string | null): Promise<void> {
    this.query = parseNestedQuery(this.rawQuery)
    this.bodyParams = await this.parseBody()
    this.params = { ...this.bodyParams, ...this.query }
    if (
      wrapKey !== null &&
      this.settings.wrapParameters &&
      this.isJson &&
      !(wrapKey in this.params)
    ) {
      // ParamsWrapper: JSON attributes are copied under the controller's model key.
      const wrapped: ParamHash = {}
      for (const [key, value] of Object.entries(this.bodyParams)) {
        if (key !== 'format' && key !== '_json') wrapped[key] = value
      }
      this.params[wrapKey] = wrapped
    }
    Object.assign(this.params, this.pathParams)
  }

  private get isJson(): boolean {
    return JSON_TYPES.includes(this.mediaType)
  }

  private async parseBody(): Promise<ParamHash> {
    if (this.rawBody.length === 0) return {}
    if (this.isJson) {
      const text = this.rawBody.toString('utf8')
      if (text.trim() === '') return {}
      let data: unknown
      try {
        data = JSON.parse(text)
      } catch (error) {
        const at = /position (\d+)/.exec(error instanceof Error ? error.message : '')
        const position = at === null ? 0 : Number(at[1])
        throw new JsonParseError(`783: unexpected token at '${text.slice(position)}'`)
      }
      return isParamHash(data) ? (data as ParamHash) : { _json: data as ParamValue }
    }
    if (this.mediaType === 'application/x-www-form-urlencoded') {
      return parseNestedQuery(this.rawBody.toString('utf8'))
    }
    if (this.mediaType === 'multipart/form-data') return parseMultipart(this.headers, this.rawBody)
    return {}
  }

  /**
   * Rails' request.formats: the path suffix, then `?format=`, then a usable Accept header, else
   * JavaScript for XHR and HTML otherwise. `json` says whether a JSON template would be chosen.
   */
  negotiation(): { json: boolean; formats: string[] } {
    const format =
      this.extension ?? (typeof this.params['format'] === 'string' ? this.params['format'] : null)
    if (format !== null) {
      const type = EXTENSION_TYPES[format.toLowerCase()] ?? `application/x-${format}`
      return { json: format.toLowerCase() === 'json', formats: [type] }
    }
    const accept = this.header('accept')?.trim() ?? ''
    const xhr = this.header('x-requested-with') === 'XMLHttpRequest'
    const contentType = this.header('content-type') ?? ''
    const valid =
      (xhr && (accept !== '' || contentType !== '')) ||
      (accept !== '' && !BROWSER_LIKE_ACCEPTS.test(accept))
    if (valid && accept !== '') {
      const types = parseAccept(accept)
      return {
        json: types.some((type) => type === '*/*' || JSON_TYPES.includes(type)),
        formats: types,
      }
    }
    if (xhr) return { json: false, formats: ['text/javascript'] }
    return { json: false, formats: ['text/html'] }
  }
}

/** Accept media types, highest q first (stable for ties). */
function parseAccept(accept: string): string[] {
  return accept
    .split(',')
    .map((part, index) => {
      const [type = '', ...parameters] = part.split(';').map((piece) => piece.trim())
      const q = parameters.find((parameter) => parameter.startsWith('q='))
      return { type: type.toLowerCase(), q: q === undefined ? 1 : Number(q.slice(2)) || 0, index }
    })
    .filter((entry) => entry.type !== '' && entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index)
    .map((entry) => entry.type)
}

import FindMyWay from 'find-my-way'
import type { RoutedRequest } from '../../common/server'
import { conditionalGet, railsJson, railsNotFound, type Reply } from '../http/reply'
import type { TransamRuntime } from '../runtime'
import { authenticate } from './auth'
import { JsonParseError, RequestContext } from './context'
import { errorEnvelope, RailsException, unknownFormat } from './errors'

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

/** What an action renders through its `.json.jbuilder` template and the `jsend` layout. */
export interface TemplateResult {
  template: true
  data: Record<string, unknown>
  headers?: Record<string, string>
}

export type ActionResult = TemplateResult | Reply

export interface Action {
  /** `Api::V1::DocumentsController#index`, for UnknownFormat messages. */
  name: string
  /** Reachable without a token (only sign_in). */
  public?: boolean
  /** The ParamsWrapper key of the controller (`asset` for assets). */
  wrapKey?: string
  handle(ctx: RequestContext): ActionResult | Promise<ActionResult>
}

export function template(data: Record<string, unknown>, headers?: Record<string, string>) {
  return { template: true as const, data, headers }
}

function isTemplate(result: ActionResult): result is TemplateResult {
  return (result as TemplateResult).template === true
}

/**
 * Routes `/api/…` the way Rails does: a trailing slash is ignored, a `.json` suffix sets the
 * format, an unknown path or method is the public 404 page. Then, as in TransAM's API controller:
 * parameters are parsed (malformed JSON → 400 fail), the token is checked (401), the action runs,
 * a template action without JSON negotiation fails after it ran (500 UnknownFormat), and any
 * exception becomes a 500 JSend error.
 */
export class ApiRouter {
  private readonly router = FindMyWay({ ignoreTrailingSlash: true, caseSensitive: true })

  add(method: Method, path: string, action: Action): void {
    this.router.on(method, path, () => undefined, action)
  }

  async dispatch(runtime: TransamRuntime, request: RoutedRequest): Promise<Reply> {
    let path = request.path.replace(/\/+$/, '')
    let extension: string | null = null
    const suffix = /\.([A-Za-z0-9]+)$/.exec(path.slice(path.lastIndexOf('/') + 1))
    if (suffix !== null) {
      extension = suffix[1] as string
      path = path.slice(0, -suffix[0].length)
    }
    const routed = request.method === 'HEAD' ? 'GET' : request.method
    const found = this.router.find(routed as Method, path)
    if (found === null) return railsNotFound()
    const action = found.store as Action
    const params: Record<string, string> = {}
    for (const [name, value] of Object.entries(found.params)) {
      if (value !== undefined) params[name] = value
    }
    const ctx = new RequestContext(
      runtime,
      request.method,
      path,
      extension,
      request.rawQuery,
      request.headers,
      request.body,
      request.origin,
      params,
    )
    const reply = await this.run(action, ctx)
    return routed === 'GET' ? conditionalGet(reply, ctx.header('if-none-match')) : reply
  }

  private async run(action: Action, ctx: RequestContext): Promise<Reply> {
    try {
      try {
        await ctx.loadParams(action.wrapKey ?? null)
      } catch (error) {
        if (!(error instanceof JsonParseError)) throw error
        if (ctx.settings.malformedJson === 'error-500') {
          throw new RailsException('ActionDispatch::Http::Parameters::ParseError', error.message)
        }
        return railsJson(400, {
          data: { request: 'There was a problem in the JSON you submitted.', error: error.message },
          status: 'fail',
        })
      }
      if (action.public !== true) {
        const refused = authenticate(ctx)
        if (refused !== null) return refused
      }
      const result = await action.handle(ctx)
      if (!isTemplate(result)) return result
      const negotiated = ctx.negotiation()
      if (ctx.settings.requireJsonFormat && !negotiated.json) {
        throw unknownFormat(action.name, negotiated.formats)
      }
      return railsJson(200, { status: 'success', data: dropNulls(result.data) }, result.headers)
    } catch (error) {
      if (error instanceof RailsException) {
        return railsJson(500, errorEnvelope(error, ctx.settings.errorBacktrace))
      }
      throw error
    }
  }
}

/** The jsend layout leaves out null values [C]. */
export function dropNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(dropNulls)
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, entry]) => entry !== null && entry !== undefined)
        .map(([key, entry]) => [key, dropNulls(entry)]),
    )
  }
  return value
}

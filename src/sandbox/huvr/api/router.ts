import FindMyWay from 'find-my-way'
import type { RoutedRequest } from '../../common/server'
import { djangoNotFound, emptyReply, jsonReply, type Reply } from '../http/reply'
import type { HuvrRuntime } from '../runtime'
import { ApiContext } from './context'
import { ApiError, methodNotAllowed, notAuthenticated, permissionDenied, throttled } from './errors'

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

export interface Endpoint {
  /** Role permission the call needs (e.g. `asset_create`); see the `deniedPermissions` setting. */
  permission?: string
  /** A method a setting can switch off: while this says false it is not served (405, not in Allow). */
  enabled?: (ctx: ApiContext) => boolean
  handle(ctx: ApiContext): Reply | Promise<Reply>
}

export type RouteSpec = Partial<Record<Method, Endpoint>> & {
  /** Reachable without a token (only obtain-access-token). */
  public?: boolean
}

/** DRF lists allowed methods in this order (http_method_names), with HEAD after a GET. */
const METHOD_ORDER: readonly Method[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']
const ROUTED_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const

export interface ApiRequest extends RoutedRequest {
  /** Who the throttle counts before sign-in. */
  remoteAddress: string
}

/**
 * Routes `/api/…` the way Django + DRF would: an unknown URL is Django's HTML 404; a missing
 * trailing slash is a 404 or a 301 (setting); then, in DRF's order, authentication, permissions and
 * throttling run before the method is even looked up, so a wrong method still needs a valid token.
 */
export class ApiRouter {
  private readonly router = FindMyWay({ ignoreTrailingSlash: false, caseSensitive: true })

  add(path: string, spec: RouteSpec): void {
    this.router.on([...ROUTED_METHODS], path, () => undefined, spec)
  }

  async dispatch(runtime: HuvrRuntime, request: ApiRequest): Promise<Reply> {
    const found = this.router.find('GET', request.path)
    if (found === null) return this.unmatched(runtime, request)
    const spec = found.store as RouteSpec
    const ctx = new ApiContext(
      runtime,
      request.method,
      request.path,
      request.rawQuery,
      request.headers,
      request.body,
      request.origin,
      request.remoteAddress,
      found.params,
    )
    try {
      return await this.handle(spec, ctx)
    } catch (error) {
      if (error instanceof ApiError) return error.toReply()
      throw error
    }
  }

  private unmatched(runtime: HuvrRuntime, request: ApiRequest): Reply {
    const slashed = `${request.path}/`
    if (!request.path.endsWith('/') && this.router.find('GET', slashed) !== null) {
      const redirect =
        runtime.settings.missingTrailingSlash === 'redirect-get' &&
        (request.method === 'GET' || request.method === 'HEAD')
      if (redirect) {
        const query = request.rawQuery === '' ? '' : `?${request.rawQuery}`
        return emptyReply(301, { location: `${slashed}${query}` })
      }
    }
    return djangoNotFound(request.path)
  }

  private async handle(spec: RouteSpec, ctx: ApiContext): Promise<Reply> {
    const allow = allowHeader(spec, ctx)
    if (spec.public !== true) authenticate(ctx)
    const method = (ctx.method === 'HEAD' ? 'GET' : ctx.method) as Method
    const endpoint =
      METHOD_ORDER.includes(method) && served(spec, method, ctx) ? spec[method] : undefined
    if (endpoint?.permission !== undefined) {
      if (ctx.settings.deniedPermissions.includes(endpoint.permission)) throw permissionDenied()
    }
    checkThrottle(ctx)
    if (ctx.method === 'OPTIONS') {
      return jsonReply(
        200,
        {
          name: ctx.path,
          description: '',
          renders: ['application/json'],
          parses: ['application/json', 'application/x-www-form-urlencoded', 'multipart/form-data'],
        },
        { allow },
      )
    }
    if (endpoint === undefined) throw methodNotAllowed(ctx.method, allow)
    const reply = await endpoint.handle(ctx)
    return { ...reply, headers: { allow, ...reply.headers } }
  }
}

function served(spec: RouteSpec, method: Method, ctx: ApiContext): boolean {
  const endpoint = spec[method]
  return endpoint !== undefined && (endpoint.enabled?.(ctx) ?? true)
}

function allowHeader(spec: RouteSpec, ctx: ApiContext): string {
  const methods: string[] = METHOD_ORDER.filter((method) => served(spec, method, ctx))
  if (served(spec, 'GET', ctx)) methods.push('HEAD')
  methods.push('OPTIONS')
  return methods.join(', ')
}

/** DRF TokenAuthentication, message for message; an expired token is our own wording [U]. */
function authenticate(ctx: ApiContext): void {
  const header = String(ctx.headers.authorization ?? '')
  const parts = header.split(/\s+/).filter((part) => part !== '')
  if (parts.length === 0 || parts[0]?.toLowerCase() !== 'token') throw notAuthenticated()
  if (parts.length === 1) throw notAuthenticated('Invalid token header. No credentials provided.')
  if (parts.length > 2) {
    throw notAuthenticated('Invalid token header. Token string should not contain spaces.')
  }
  const found = ctx.runtime.tokens.lookup(parts[1] as string, ctx.now())
  if (found.status === 'unknown') throw notAuthenticated('Invalid token.')
  if (found.status === 'expired') throw notAuthenticated('Token has expired.')
  const user = ctx.state.tables.users.get(found.userId)
  if (user === undefined || !user.is_active) throw notAuthenticated('User inactive or deleted.')
  ctx.user = user
}

function checkThrottle(ctx: ApiContext): void {
  const rate = ctx.settings.throttle
  if (rate === null) return
  const key = ctx.user === null ? `anon:${ctx.remoteAddress}` : `user:${ctx.user.id}`
  const wait = ctx.runtime.throttle.check(key, ctx.now(), rate.requests, rate.windowSeconds)
  if (wait !== null) throw throttled(wait)
}

import { sameSecret } from '../../common/signing'
import { bytesReply, railsHeaders, railsJson, redirectReply, type Reply } from '../http/reply'
import { UNAUTHENTICATED_BODY } from './errors'
import type { RequestContext } from './context'
import { accessLocked } from './lockable'

/**
 * simple_token_authentication as TransAM configures it [C STA, api_controller.rb]: the email and
 * token come from the `user_email` / `user_token` params when present, else from the
 * `X-User-Email` / `X-User-Token` headers; the email is downcased, the token compared in constant
 * time. No session, no cookie: both are needed on every request. Returns the refusal, or null
 * with `ctx.user` set.
 */
export function authenticate(ctx: RequestContext): Reply | null {
  const email = credential(ctx, 'user_email', 'x-user-email')
  const token = credential(ctx, 'user_token', 'x-user-token')
  if (email === null || token === null) return railsJson(401, UNAUTHENTICATED_BODY)
  const user = ctx.state.userByEmail(email.toLowerCase())
  if (user === undefined || !sameSecret(token, user.authentication_token)) {
    return railsJson(401, UNAUTHENTICATED_BODY)
  }
  // Devise signs the user in for this request; Warden's hooks then run.
  if (accessLocked(user, ctx.now(), ctx.settings))
    return deviseFailure(ctx, 'Your account is locked.')
  // The lockable hook resets the failure counter on every authenticated request [C DEVISE].
  if (user.failed_attempts !== 0) user.failed_attempts = 0
  ctx.user = user
  return null
}

function credential(ctx: RequestContext, param: string, header: string): string | null {
  const fromParam = ctx.param(param)
  if ((typeof fromParam === 'string' && fromParam.trim() !== '') || typeof fromParam === 'number') {
    return String(fromParam)
  }
  const fromHeader = ctx.header(header)?.trim()
  return fromHeader === undefined || fromHeader === '' ? null : fromHeader
}

/**
 * Devise's failure app (not JSend) [I DEVISE failure_app]: a JSON request gets 401
 * `{"error": message}`; an XHR gets 401 with the bare message; anything else (a navigational
 * format) is redirected to the sign-in page.
 */
function deviseFailure(ctx: RequestContext, message: string): Reply {
  if (ctx.negotiation().json) return railsJson(401, { error: message })
  if (ctx.header('x-requested-with') === 'XMLHttpRequest') {
    return bytesReply(401, Buffer.from(message), 'text/javascript; charset=utf-8', railsHeaders())
  }
  return redirectReply(`${ctx.origin}/users/sign_in`)
}

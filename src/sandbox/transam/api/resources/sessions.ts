import { railsJson } from '../../http/reply'
import { friendlyToken } from '../../state/tokens'
import type { TransamState } from '../../state/state'
import type { RequestContext } from '../context'
import { noMethodError } from '../errors'
import {
  accessLocked,
  minutesUntilUnlock,
  onLastAttempt,
  validForAuthentication,
} from '../lockable'
import { rubyReceiver } from '../params'
import { type ApiRouter, template } from '../router'
import { userName } from '../shapes'

/** sessions_controller sets these on both actions [C]. */
const CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'POST, GET, OPTIONS',
  'access-control-allow-headers': '*',
  'access-control-max-age': '1728000',
}

/**
 * `POST /api/v1/sign_in` and `DELETE /api/v1/sign_out` [C sessions_controller.rb]. Sign-in returns
 * the user's existing token (it only fills a blank one); sign-out replaces it, so the old token
 * stops working everywhere.
 */
export function registerSessionRoutes(router: ApiRouter): void {
  router.add('POST', '/api/v1/sign_in', {
    name: 'Api::V1::SessionsController#create',
    public: true,
    handle: signIn,
  })
  router.add('DELETE', '/api/v1/sign_out', {
    name: 'Api::V1::SessionsController#destroy',
    handle(ctx) {
      const user = ctx.me
      user.authentication_token = uniqueToken(ctx.state)
      return template({ message: `User ${user.email} successfully signed out.` }, CORS)
    },
  })
}

function signIn(ctx: RequestContext) {
  const email = ctx.param('email')
  if (typeof email !== 'string') {
    // `params[:email].downcase` on a missing (or non-string) email.
    throw noMethodError(
      'downcase',
      rubyReceiver(email ?? null),
      "app/controllers/api/v1/sessions_controller.rb:17:in `create'",
    )
  }
  const user = ctx.state.userByEmail(email.toLowerCase())
  if (user === undefined) {
    return railsJson(
      400,
      { data: { errors: { email: `Could not find user with email ${email}` } }, status: 'fail' },
      CORS,
    )
  }
  const settings = ctx.settings
  const now = ctx.now()
  const password = ctx.param('password')
  const given =
    typeof password === 'string' || typeof password === 'number' ? String(password) : null
  const passwordOk = given !== null && given !== '' && given === user.password
  if (validForAuthentication(user, passwordOk, now, settings)) {
    if (user.authentication_token === '') user.authentication_token = uniqueToken(ctx.state)
    const org = ctx.state.organizations.get(user.organization_id)
    return template(
      {
        message: 'User Signed In Successfully',
        session: {
          name: userName(user),
          email: user.email,
          authentication_token: user.authentication_token,
          failed_attempts: user.failed_attempts,
          organization: org === undefined ? null : { name: org.name },
          privileges: user.privileges.map((privilege) => ({ ...privilege })),
        },
      },
      CORS,
    )
  }
  const errors: Record<string, string> = {}
  if (onLastAttempt(user, settings)) {
    errors['last_attempt'] =
      `You have one more attempt before account is locked for ${Math.floor(settings.unlockInSeconds / 60)} minutes.`
  }
  const locked = accessLocked(user, now, settings)
  if (locked) {
    errors['locked'] =
      `User account is temporarily locked. Try again in ${minutesUntilUnlock(user, now, settings)} minutes.`
  } else if (!passwordOk) {
    errors['password'] = `Incorrect password for ${user.email}.`
  }
  return railsJson(401, { data: { errors }, status: 'fail' }, CORS)
}

/** A fresh friendly token no other user has (the column is unique). */
export function uniqueToken(state: TransamState): string {
  for (;;) {
    const token = friendlyToken()
    if (![...state.users.values()].some((user) => user.authentication_token === token)) return token
  }
}

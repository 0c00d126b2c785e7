import type { ApiContext } from '../context'
import { ok } from '../endpoints'
import { ApiError } from '../errors'
import type { ApiRouter } from '../router'
import { userProfile } from '../shapes/people'
import { validateBody } from '../validation'

/**
 * Service-account sign-in [C H-spec ObtainAccessToken*]: 200 (not 201) with `expires_in` as a
 * string and the user's profile. Wrong credentials: `{"detail": …}` with a status from settings [U].
 */
export function registerAuthRoutes(router: ApiRouter): void {
  router.add('/api/auth/obtain-access-token/', {
    public: true,
    POST: { handle: obtainAccessToken },
  })
}

function obtainAccessToken(ctx: ApiContext) {
  const values = validateBody(
    {
      client_id: { kind: 'email', required: true },
      client_secret: { kind: 'string', required: true },
    },
    ctx.body(),
    { partial: false, state: ctx.state },
  )
  const { credentials } = ctx.runtime
  const user = ctx.state.tables.users.get(ctx.state.serviceAccountId)
  const matches =
    values['client_id'] === credentials.client_id &&
    values['client_secret'] === credentials.client_secret
  if (!matches || user === undefined || !user.is_active) {
    throw new ApiError(ctx.settings.badCredentialsStatus, {
      detail: 'Unable to log in with provided credentials.',
    })
  }
  const now = ctx.now()
  ctx.state.edit('users', user.id, { last_login: new Date(now).toISOString() }, { touch: false })
  const lifetime = ctx.settings.tokenLifetimeSeconds
  ctx.user = user
  return ok({
    access_token: ctx.runtime.tokens.issue(user.id, user.email, now, lifetime),
    expires_in: String(Math.round(lifetime)),
    token_type: ctx.settings.tokenType,
    user: userProfile(ctx, user),
  })
}

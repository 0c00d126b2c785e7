import { railsJson } from '../../http/reply'
import { rubyToI } from '../params'
import { type ApiRouter, template } from '../router'
import { organizationBrief, userName, userProfile } from '../shapes'

/** Ruby string interpolation of a param: nil is empty. */
export function interpolate(value: unknown): string {
  if (value === null || value === undefined) return ''
  return typeof value === 'object' ? JSON.stringify(value) : String(value)
}

/**
 * `GET /api/v1/users/profile?email=` looks up any active user by the exact email (no downcasing);
 * `GET /api/v1/users?organization_id=` lists an organization's users, with no viewability check
 * [C users_controller.rb].
 */
export function registerUserRoutes(router: ApiRouter): void {
  router.add('GET', '/api/v1/users/profile', {
    name: 'Api::V1::UsersController#profile',
    handle(ctx) {
      const email = ctx.param('email')
      const user =
        typeof email === 'string'
          ? [...ctx.state.users.values()].find(
              (candidate) => candidate.active && candidate.email === email,
            )
          : undefined
      if (user === undefined) {
        return railsJson(404, {
          data: { email: `User ${interpolate(email)} not found.` },
          status: 'fail',
        })
      }
      return template({ user: userProfile(ctx.state, user) })
    },
  })
  router.add('GET', '/api/v1/users', {
    name: 'Api::V1::UsersController#index',
    handle(ctx) {
      const raw = ctx.param('organization_id')
      const org = ctx.state.organizations.get(rubyToI(raw))
      if (org === undefined) {
        return railsJson(404, {
          data: { organization: `Organization ${interpolate(raw)} not found.` },
          status: 'fail',
        })
      }
      const users = [...ctx.state.users.values()]
        .filter((user) => user.active && user.organization_id === org.id)
        .sort(
          (a, b) =>
            a.last_name.localeCompare(b.last_name) || a.first_name.localeCompare(b.first_name),
        )
        .map((user) => ({ id: user.id, name: userName(user), email: user.email }))
      return template({ organization: organizationBrief(org), users })
    },
  })
}

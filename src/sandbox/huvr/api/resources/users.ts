import type { UserRecord } from '../../state/records'
import { findOr404, listEndpoint, ok } from '../endpoints'
import { booleanExact, foreignKey, textExact, timestampFilter } from '../filters'
import type { Listing } from '../listing'
import type { ApiRouter } from '../router'
import { user, userProfile } from '../shapes/people'

/** `/api/users/` (read-only here) and `/api/users/me/` (the signed-in service account). */

export const userListing: Listing<UserRecord> = {
  resource: 'users',
  rows: (state) => state.tables.users.all(),
  filters: () => ({
    name: textExact((record) => record.name),
    email: textExact((record) => record.email),
    is_active: booleanExact((record) => record.is_active),
    company: foreignKey('companies', (record) => record.company),
    roles: (value) => (record) => record.roles.includes(value),
    last_login: timestampFilter('exact', (record) => record.last_login),
    date_joined: timestampFilter('exact', (record) => record.date_joined),
  }),
  searchable: {
    name: (record) => record.name,
    email: (record) => record.email,
    first_name: (record) => record.first_name,
    last_name: (record) => record.last_name,
  },
  orderable: {
    id: (record) => record.id,
    name: (record) => record.name,
    email: (record) => record.email,
    date_joined: (record) => record.date_joined,
    last_login: (record) => record.last_login,
  },
}

export function registerUserRoutes(router: ApiRouter): void {
  router.add('/api/users/', { GET: listEndpoint(userListing, user) })
  router.add('/api/users/me/', { GET: { handle: (ctx) => ok(userProfile(ctx, ctx.me)) } })
  router.add('/api/users/:id/', {
    GET: { handle: (ctx) => ok(user(ctx, findOr404(ctx, 'users'))) },
  })
}

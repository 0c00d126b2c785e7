import type { CompanyRecord, CrewRecord, UserRecord } from '../../state/records'
import type { ApiContext } from '../context'
import { ALL_PERMISSIONS } from '../permissions'

/** Companies, users and crews in the nested forms the H-spec names (Company, UserLite, …). */

export function company(ctx: ApiContext, id: number | null) {
  const record = id === null ? undefined : ctx.state.tables.companies.get(id)
  return record === undefined ? null : companyOf(record)
}

export function companyOf(record: CompanyRecord) {
  return {
    id: record.id,
    name: record.name,
    description: record.description,
    is_active: record.is_active,
    labels: record.labels,
    parent: record.parent,
    role: record.role,
    created_on: record.created_on,
    updated_on: record.updated_on,
  }
}

export function companySlim(ctx: ApiContext, id: number | null) {
  const record = id === null ? undefined : ctx.state.tables.companies.get(id)
  return record === undefined ? null : { id: record.id, name: record.name, role: record.role }
}

export function userLite(ctx: ApiContext, id: number | null) {
  const record = id === null ? undefined : ctx.state.tables.users.get(id)
  return record === undefined ? null : userCrew(record)
}

/** UserLite and UserCrew carry the same fields. */
function userCrew(record: UserRecord) {
  return {
    id: record.id,
    email: record.email,
    first_name: record.first_name,
    last_name: record.last_name,
    is_active: record.is_active,
    name: record.name,
  }
}

export function displayName(record: UserRecord): string {
  return record.name ?? (`${record.first_name} ${record.last_name}`.trim() || record.username)
}

export function user(ctx: ApiContext, record: UserRecord) {
  return {
    id: record.id,
    username: record.username,
    email: record.email,
    first_name: record.first_name,
    last_name: record.last_name,
    name: record.name,
    display_name: displayName(record),
    is_active: record.is_active,
    date_joined: record.date_joined,
    last_login: record.last_login,
    company: record.company.flatMap((id) => company(ctx, id) ?? []),
    roles: record.roles,
  }
}

/** UserProfile (`/api/users/me/` and the token answer): User plus crews and permissions. */
export function userProfile(ctx: ApiContext, record: UserRecord) {
  const crews = ctx.state.tables.crews.all().filter((crew) => crew.users.includes(record.id))
  return {
    ...user(ctx, record),
    crews: crews.map((crew) => crewDetail(ctx, crew)),
    permissions: ALL_PERMISSIONS.filter(
      (permission) => !ctx.settings.deniedPermissions.includes(permission),
    ),
  }
}

export function crewSlim(ctx: ApiContext, id: number) {
  const record = ctx.state.tables.crews.get(id)
  return record === undefined
    ? null
    : { id: record.id, name: record.name, display_name: record.name }
}

export function crewDetail(ctx: ApiContext, record: CrewRecord) {
  return {
    id: record.id,
    name: record.name,
    display_name: record.name,
    company: company(ctx, record.company),
    is_active: record.is_active,
    users: record.users.flatMap((id) => {
      const member = ctx.state.tables.users.get(id)
      return member === undefined ? [] : [userCrew(member)]
    }),
    created_on: record.created_on,
    updated_on: record.updated_on,
  }
}

/** The flat crew form ProjectDetail embeds. */
export function crewFlat(record: CrewRecord) {
  return {
    id: record.id,
    name: record.name,
    description: record.description,
    company: record.company,
    is_active: record.is_active,
    users: record.users,
    deactivated_on: null,
    created_on: record.created_on,
    updated_on: record.updated_on,
  }
}

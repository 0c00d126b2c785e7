import { railsJson } from '../../http/reply'
import { rubyToI } from '../params'
import { type ApiRouter, template } from '../router'
import { organizationBrief, organizationJson } from '../shapes'

/**
 * `GET /api/v1/organizations`: the caller's viewable organizations except planning partners, as a
 * bare array under `data` [C]; `GET /api/v1/organizations/:id`: `{organization: {id, name,
 * short_name}}`, 404 when not viewable [C].
 */
export function registerOrganizationRoutes(router: ApiRouter): void {
  router.add('GET', '/api/v1/organizations', {
    name: 'Api::V1::OrganizationsController#index',
    handle(ctx) {
      const orgs = ctx.state
        .viewableOrganizations(ctx.me)
        .filter((org) => org.organization_type !== 'PlanningPartner')
        .map(organizationJson)
      return railsJson(200, { data: orgs, status: 'success' })
    },
  })
  router.add('GET', '/api/v1/organizations/:id', {
    name: 'Api::V1::OrganizationsController#show',
    handle(ctx) {
      const raw = ctx.pathParams['id'] ?? ''
      const id = rubyToI(raw)
      const org = ctx.me.viewable_organization_ids.includes(id)
        ? ctx.state.organizations.get(id)
        : undefined
      if (org === undefined) {
        return railsJson(404, { data: { id: `Organization ${raw} not found.` }, status: 'fail' })
      }
      return template({ organization: organizationBrief(org) })
    },
  })
}

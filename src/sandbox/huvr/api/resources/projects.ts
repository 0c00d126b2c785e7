import {
  PROJECT_STATUSES,
  type ProjectRecord,
  type ProjectScope,
  type ProjectStatus,
} from '../../state/records'
import type { ApiContext } from '../context'
import { created, findOr404, listEndpoint, noContent, ok, updatedOnFilters } from '../endpoints'
import {
  anyIn,
  assetSubtree,
  choiceExact,
  choiceIn,
  dateExact,
  foreignKey,
  integerExact,
  integerIn,
  textContains,
  textExact,
  timestampFilter,
} from '../filters'
import type { Listing } from '../listing'
import type { ApiRouter } from '../router'
import { projectDetail, projectListItem, projectWrite } from '../shapes/projects'
import { type FieldSpecs, validateBody } from '../validation'

/** `/api/projects/` (work orders) and their status history. */

const FIELDS: FieldSpecs = {
  name: { kind: 'string', maxLength: 200, required: true },
  type: { kind: 'pk', table: 'projectTypes', required: true },
  asset: { kind: 'pk', table: 'assets', required: true },
  parent: { kind: 'pk', table: 'projects', nullable: true },
  crews: { kind: 'pk-list', table: 'crews' },
  management_company: { kind: 'pk', table: 'companies', nullable: true },
  description: { kind: 'string', nullable: true, allowBlank: true },
  start: { kind: 'date', nullable: true },
  end: { kind: 'date', nullable: true },
  priority: { kind: 'string', maxLength: 50, allowBlank: true },
  status: { kind: 'choice', choices: PROJECT_STATUSES },
  historical_project: { kind: 'boolean' },
  work_done_on: { kind: 'datetime', nullable: true },
  scope: { kind: 'json', nullable: true },
  created_by: { kind: 'pk', table: 'users', nullable: true },
}

const assetOf = (project: ProjectRecord) => project.asset

export const projectListing: Listing<ProjectRecord> = {
  resource: 'projects',
  rows: (state) => state.tables.projects.all(),
  filters: (settings) => ({
    name: textExact((project) => project.name),
    asset: foreignKey('assets', assetOf),
    type: foreignKey('projectTypes', (project) => project.type),
    type__in: integerIn((project) => project.type),
    type__name: textExact((project, env) => env.state.tables.projectTypes.get(project.type)?.name),
    status: choiceExact(PROJECT_STATUSES, (project) => project.status),
    status__in: choiceIn((project) => project.status),
    priority: textExact((project) => project.priority),
    parent: foreignKey('projects', (project) => project.parent),
    crews__in: anyIn((project) => project.crews),
    crews__name: textExact((project, env) =>
      project.crews.map((id) => env.state.tables.crews.get(id)?.name).find(Boolean),
    ),
    management_company__in: integerIn((project) => project.management_company),
    asset_condition: integerExact((project) => project.asset_condition),
    asset_condition__in: integerIn((project) => project.asset_condition),
    asset__type__in: integerIn(
      (project, env) => env.state.tables.assets.get(project.asset)?.type ?? null,
    ),
    asset_parent__in: integerIn(
      (project, env) => env.state.tables.assets.get(project.asset)?.parent ?? null,
    ),
    asset__asset_path_cache__path: textExact(
      (project, env) => env.state.tables.assets.get(project.asset)?.asset_path,
    ),
    // [U] The README's example value is an asset path; we match it as a substring.
    asset_search: textContains(
      (project, env) => env.state.tables.assets.get(project.asset)?.asset_path,
    ),
    descendants: assetSubtree(assetOf),
    start: dateExact((project) => project.start),
    end: dateExact((project) => project.end),
    work_done_on: timestampFilter('exact', (project) => project.work_done_on),
    created_on: timestampFilter('exact', (project) => project.created_on),
    ...updatedOnFilters<ProjectRecord>(settings),
  }),
  searchable: {
    name: (project) => project.name,
    description: (project) => project.description,
    asset_path: (project, state) => state.tables.assets.get(project.asset)?.asset_path,
  },
  orderable: {
    id: (project) => project.id,
    name: (project) => project.name,
    status: (project) => project.status,
    priority: (project) => project.priority,
    start: (project) => project.start,
    end: (project) => project.end,
    work_done_on: (project) => project.work_done_on,
    created_on: (project) => project.created_on,
    updated_on: (project) => project.updated_on,
  },
}

export function registerProjectRoutes(router: ApiRouter): void {
  router.add('/api/projects/', {
    GET: listEndpoint(projectListing, projectListItem),
    POST: { permission: 'project_create', handle: createProject },
  })
  router.add('/api/projects/:id/', {
    GET: { handle: (ctx) => ok(projectDetail(ctx, findOr404(ctx, 'projects'))) },
    PUT: {
      permission: 'project_edit',
      handle: (ctx) => ok(projectDetail(ctx, updateProject(ctx, false))),
    },
    PATCH: {
      permission: 'project_edit',
      handle: (ctx) => ok(projectWrite(updateProject(ctx, true))),
    },
    DELETE: {
      permission: 'project_delete',
      handle(ctx) {
        ctx.state.remove('projects', findOr404(ctx, 'projects').id)
        return noContent()
      },
    },
  })
  const changeStatus = { permission: 'project_status_edit', handle: setStatus }
  router.add('/api/projects/:id/status/', {
    // A bare array, not a page [C H-spec].
    GET: {
      handle(ctx) {
        const project = findOr404(ctx, 'projects')
        return ok(project.status_history.map((change) => ({ project: project.id, ...change })))
      },
    },
    POST: changeStatus,
    PUT: changeStatus,
  })
}

function normalizeScope(raw: unknown, now: string): ProjectScope | null {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return null
  const scope = raw as Partial<ProjectScope>
  return {
    description: typeof scope.description === 'string' ? scope.description : '',
    selected_findings: Array.isArray(scope.selected_findings)
      ? scope.selected_findings.filter((id): id is number => Number.isInteger(id))
      : [],
    selected_cmls: scope.selected_cmls ?? {},
    selected_locations: scope.selected_locations ?? {},
    selected_sub_assets: scope.selected_sub_assets ?? {},
    selected_area: Array.isArray(scope.selected_area) ? scope.selected_area : null,
    created_on: now,
    updated_on: now,
  }
}

function createProject(ctx: ApiContext) {
  const values = validateBody(FIELDS, ctx.body(), { partial: false, state: ctx.state })
  const now = ctx.state.now()
  const status = (values['status'] as ProjectStatus | undefined) ?? 'INITIALIZED'
  const { scope, ...rest } = values
  const record: ProjectRecord = {
    id: ctx.state.tables.projects.allocateId(),
    name: '',
    type: 0,
    asset: 0,
    parent: null,
    crews: [],
    management_company: null,
    description: null,
    start: null,
    end: null,
    priority: '',
    status,
    historical_project: false,
    work_done_on: null,
    asset_condition: null,
    scope: normalizeScope(scope, now),
    created_by: ctx.me.id,
    watchers: [],
    status_history: [{ status, note: null, modified_by: ctx.me.id, created_on: now }],
    created_on: now,
    updated_on: now,
    ...(rest as Partial<ProjectRecord>),
  }
  if (!record.historical_project) record.work_done_on = null
  return created(projectDetail(ctx, ctx.state.insert('projects', record)))
}

function updateProject(ctx: ApiContext, partial: boolean): ProjectRecord {
  const project = findOr404(ctx, 'projects')
  const values = validateBody(FIELDS, ctx.body(), { partial, state: ctx.state })
  const { scope, ...rest } = values
  const changes = rest as Partial<ProjectRecord>
  if ('scope' in values) changes.scope = normalizeScope(scope, ctx.state.now())
  // work_done_on is set by the server from uploads unless the project is historical [C H-spec].
  const historical = changes.historical_project ?? project.historical_project
  if (!historical) delete changes.work_done_on
  if (changes.status !== undefined && changes.status !== project.status) {
    changes.status_history = [
      ...project.status_history,
      { status: changes.status, note: null, modified_by: ctx.me.id, created_on: ctx.state.now() },
    ]
  }
  return ctx.state.edit('projects', project.id, changes)
}

function setStatus(ctx: ApiContext) {
  const project = findOr404(ctx, 'projects')
  const values = validateBody(
    {
      status: { kind: 'choice', choices: PROJECT_STATUSES, required: true },
      note: { kind: 'string', nullable: true, allowBlank: true },
    },
    ctx.body(),
    { partial: false, state: ctx.state },
  )
  const status = values['status'] as ProjectStatus
  const note = (values['note'] as string | null | undefined) ?? null
  ctx.state.edit('projects', project.id, {
    status,
    status_history: [
      ...project.status_history,
      { status, note, modified_by: ctx.me.id, created_on: ctx.state.now() },
    ],
  })
  return ok(projectDetail(ctx, project))
}

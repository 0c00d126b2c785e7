import type { ProjectRecord, ProjectScope, ProjectTypeRecord } from '../../state/records'
import type { ApiContext } from '../context'
import { assetDetailById, assetSlimById, assetTypeOf } from './assets'
import { checklistInstance, templateSlimById } from './checklists'
import { defectDetail, defectProfileById } from './defects'
import { company, companySlim, crewFlat, crewSlim, userLite } from './people'

/** ProjectList (list items), ProjectDetail (retrieve, create, PUT), ProjectCreate (PATCH). */

export function projectLite(ctx: ApiContext, id: number | null) {
  const record = id === null ? undefined : ctx.state.tables.projects.get(id)
  return record === undefined ? null : { id: record.id, name: record.name, status: record.status }
}

export function projectSlim(ctx: ApiContext, id: number | null) {
  const record = id === null ? undefined : ctx.state.tables.projects.get(id)
  return record === undefined ? null : { id: record.id, name: record.name }
}

export function projectTypeSlim(ctx: ApiContext, id: number) {
  const record = ctx.state.tables.projectTypes.get(id)
  return record === undefined
    ? null
    : {
        id: record.id,
        name: record.name,
        is_active: record.is_active,
        asset_types: record.asset_types,
        affects_asset_condition: record.affects_asset_condition,
        monitoring_mode: record.monitoring_mode,
      }
}

export function projectTypeDetail(ctx: ApiContext, record: ProjectTypeRecord) {
  return {
    id: record.id,
    name: record.name,
    is_active: record.is_active,
    asset_types: record.asset_types.flatMap((id) => {
      const type = ctx.state.tables.assetTypes.get(id)
      return type === undefined ? [] : [assetTypeOf(type)]
    }),
    affects_asset_condition: record.affects_asset_condition,
    monitoring_mode: record.monitoring_mode,
    checklist_template: templateSlimById(ctx, record.checklist_template),
    defect_profile: defectProfileById(ctx, record.defect_profile),
    layer_profile: null,
    planned_duration: record.planned_duration,
    project_children_mode: 'DISABLED',
    project_description_template: '',
    project_name_template: '',
    project_scope_settings: {},
    report_types: [],
    track_tasks: record.track_tasks,
    created_on: record.created_on,
    updated_on: record.updated_on,
  }
}

export function projectListItem(ctx: ApiContext, project: ProjectRecord) {
  return {
    id: project.id,
    name: project.name,
    asset: assetSlimById(ctx, project.asset),
    asset_id: project.asset,
    type: projectTypeSlim(ctx, project.type),
    crews: project.crews.flatMap((id) => crewSlim(ctx, id) ?? []),
    management_company: companySlim(ctx, project.management_company),
    parent: projectSlim(ctx, project.parent),
    description: project.description,
    status: project.status,
    priority: project.priority,
    start: project.start,
    end: project.end,
    work_done_on: project.work_done_on,
    asset_condition: project.asset_condition,
    historical_project: project.historical_project,
    created_on: project.created_on,
    updated_on: project.updated_on,
  }
}

function scopeDetail(ctx: ApiContext, scope: ProjectScope | null) {
  if (scope === null) return null
  return {
    ...scope,
    selected_findings: scope.selected_findings.flatMap((id) => {
      const defect = ctx.state.tables.defects.get(id)
      return defect === undefined ? [] : [defectDetail(ctx, defect)]
    }),
  }
}

export function projectDetail(ctx: ApiContext, project: ProjectRecord) {
  const type = ctx.state.tables.projectTypes.get(project.type)
  const lineage = ctx.state.lineage(project.asset)
  const asset = lineage.at(-1)
  const checklistIds = ctx.runtime.indexes.checklistsByProject().get(project.id) ?? []
  return {
    id: project.id,
    name: project.name,
    asset: assetDetailById(ctx, project.asset),
    type: type === undefined ? null : projectTypeDetail(ctx, type),
    crews: project.crews.flatMap((id) => {
      const crew = ctx.state.tables.crews.get(id)
      return crew === undefined ? [] : [crewFlat(crew)]
    }),
    management_company: company(ctx, project.management_company),
    parent: projectSlim(ctx, project.parent),
    description: project.description,
    status: project.status,
    priority: project.priority,
    start: project.start,
    end: project.end,
    work_done_on: project.work_done_on,
    asset_condition: project.asset_condition,
    historical_project: project.historical_project,
    asset_condition_history: [],
    checklist_instances: checklistIds.flatMap((id) => {
      const checklist = ctx.state.tables.checklists.get(id)
      return checklist === undefined ? [] : [checklistInstance(ctx, checklist)]
    }),
    status_history: project.status_history.map((change) => ({
      status: change.status,
      note: change.note,
      modified_by: userLite(ctx, change.modified_by),
      created_on: change.created_on,
    })),
    watchers: project.watchers.flatMap((id) => userLite(ctx, id) ?? []),
    watching: ctx.user !== null && project.watchers.includes(ctx.user.id),
    media_count: ctx.runtime.indexes.mediaCountByProject().get(project.id) ?? 0,
    reports: [],
    report_types: [],
    visual_inspection_status: null,
    path_cache:
      asset === undefined
        ? null
        : {
            id: project.id,
            level: lineage.length,
            path: asset.asset_path,
            path_object: lineage.map((step) => ({ id: step.id, name: step.name })),
            project: project.id,
          },
    scope: scopeDetail(ctx, project.scope),
    created_on: project.created_on,
    updated_on: project.updated_on,
  }
}

/** ProjectCreate: the flat write serializer PATCH answers with. */
export function projectWrite(project: ProjectRecord) {
  return {
    id: project.id,
    name: project.name,
    type: project.type,
    asset: project.asset,
    parent: project.parent,
    crews: project.crews,
    management_company: project.management_company,
    description: project.description,
    start: project.start,
    end: project.end,
    priority: project.priority,
    status: project.status,
    historical_project: project.historical_project,
    work_done_on: project.work_done_on,
    scope: project.scope,
    created_by: project.created_by,
  }
}

/** The flat project a Measurement embeds. */
export function projectFlat(ctx: ApiContext, id: number | null) {
  const project = id === null ? undefined : ctx.state.tables.projects.get(id)
  if (project === undefined) return null
  return {
    ...projectWrite(project),
    asset_condition: project.asset_condition,
    display: {},
    event: null,
    progress: 0,
    watchers: project.watchers,
    created_on: project.created_on,
    updated_on: project.updated_on,
  }
}

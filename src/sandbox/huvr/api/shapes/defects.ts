import type { DefectProfileRecord, DefectRecord } from '../../state/records'
import type { ApiContext } from '../context'
import { assetDetailById, assetSlimById } from './assets'
import { defectOverlays } from './overlays'
import { userLite } from './people'

/** Defect (retrieve, PUT), DefectList (list items), DefectCreate (create, PATCH). */

export function defectProfile(record: DefectProfileRecord) {
  return {
    id: record.id,
    name: record.name,
    description: record.description,
    version: record.version,
    state: record.state,
    schema_version: 1,
    categories: [],
    guide: null,
    ignore_h2_updated: false,
    labels_mode: record.labels_mode,
    label_options: record.label_options,
    severity_mode: record.severity_mode,
    severity_options: record.severity_options,
    severity_help: null,
    severity_validators: {},
    type_mode: record.type_mode,
    type_options: record.type_options,
    type_help: null,
    type_validators: {},
    sub_type_mode: record.sub_type_mode,
    sub_type_options: record.sub_type_options,
    sub_type_help: null,
    sub_type_validators: {},
    watermark: null,
    created_on: record.created_on,
    updated_on: record.updated_on,
  }
}

export function defectProfileById(ctx: ApiContext, id: number | null) {
  const record = id === null ? undefined : ctx.state.tables.defectProfiles.get(id)
  return record === undefined ? null : defectProfile(record)
}

/** Findings of a published project are locked [C H-spec is_locked description]. */
export function isLocked(ctx: ApiContext, defect: DefectRecord): boolean {
  const project =
    defect.project === null ? undefined : ctx.state.tables.projects.get(defect.project)
  return project?.status === 'PUBLISHED'
}

/** The fields every defect shape shares, with the system-set *_display values. */
function defectCommon(ctx: ApiContext, defect: DefectRecord) {
  const profile = ctx.state.tables.defectProfiles.get(defect.profile)
  const label = <T>(options: { value: T; label: string }[] | undefined, value: T | null) =>
    value === null
      ? null
      : (options?.find((option) => option.value === value)?.label ?? String(value))
  return {
    id: defect.id,
    project: defect.project,
    checklist: defect.checklist,
    checklist_line: defect.checklist_line,
    type: defect.type,
    type_display: label(profile?.type_options, defect.type),
    sub_type: defect.sub_type,
    sub_type_display: label(profile?.sub_type_options, defect.sub_type),
    severity: defect.severity,
    severity_display: label(profile?.severity_options, defect.severity),
    priority: defect.priority,
    state: defect.state,
    description: defect.description,
    labels: defect.labels,
    geo_point: defect.geo_point,
    heading: defect.heading,
    pitch: defect.pitch,
    local_coordinates: defect.local_coordinates,
    location_code: defect.location_code,
    location_code_display: defect.location_code,
    location_zone: defect.location_zone,
    location_zone_display: defect.location_zone,
    component: defect.component,
    component_display: defect.component,
    access: defect.access,
    access_display: defect.access,
    length: defect.length,
    width: defect.width,
    area: defect.area,
    captured_on: defect.captured_on,
    repair_by: defect.repair_by,
    next_inspection_date: defect.next_inspection_date,
    newer_defect: defect.newer_defect,
    external_id: defect.external_id,
    is_locked: isLocked(ctx, defect),
    created_by: defect.created_by,
    created_on: defect.created_on,
    updated_on: defect.updated_on,
  }
}

function projectName(ctx: ApiContext, defect: DefectRecord): string | null {
  return defect.project === null
    ? null
    : (ctx.state.tables.projects.get(defect.project)?.name ?? null)
}

export function defectDetail(ctx: ApiContext, defect: DefectRecord) {
  return {
    ...defectCommon(ctx, defect),
    asset: assetDetailById(ctx, defect.asset),
    profile: defectProfileById(ctx, defect.profile),
    layer: null,
    overlays: defectOverlays(ctx, defect.id),
    history: defect.history.map((entry) => ({
      state: entry.state,
      note: entry.note,
      modified_by: userLite(ctx, entry.modified_by),
      created_on: entry.created_on,
    })),
    project_name: projectName(ctx, defect),
  }
}

export function defectListItem(ctx: ApiContext, defect: DefectRecord) {
  return {
    ...defectCommon(ctx, defect),
    asset: assetSlimById(ctx, defect.asset),
    profile: defect.profile,
    layer: defect.layer,
    overlays: defectOverlays(ctx, defect.id),
    project_name: projectName(ctx, defect),
  }
}

/** DefectCreate: flat, with both `asset`/`asset_id` and `profile`/`profile_id` as ids. */
export function defectWrite(ctx: ApiContext, defect: DefectRecord) {
  return {
    ...defectCommon(ctx, defect),
    asset: defect.asset,
    asset_id: defect.asset,
    profile: defect.profile,
    profile_id: defect.profile,
    layer: defect.layer,
    modified_by: defect.modified_by,
  }
}

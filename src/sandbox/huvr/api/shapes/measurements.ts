import type { CmlRecord, MeasurementRecord } from '../../state/records'
import type { ApiContext } from '../context'
import { assetDetailById, assetSlimById } from './assets'
import { checklistSlim } from './checklists'
import { displayName, user, userLite } from './people'
import { projectFlat, projectLite } from './projects'

/** CMLs (monitoring locations) and the UT thickness measurements taken on them. */

function cmlCommon(cml: CmlRecord) {
  return {
    id: cml.id,
    name: cml.name,
    type: cml.type,
    description: cml.description,
    component: cml.component,
    component_display: cml.component,
    location_code: cml.location_code,
    location_code_display: cml.location_code,
    location_zone: cml.location_zone,
    location_zone_display: cml.location_zone,
    access: cml.access,
    access_display: cml.access,
    app_key: cml.app_key,
    external_id: cml.external_id,
    geo_point: cml.geo_point,
    heading: cml.heading,
    pitch: cml.pitch,
    local_coordinates: cml.local_coordinates,
    is_active: cml.is_active,
    labels: cml.labels,
    created_on: cml.created_on,
    updated_on: cml.updated_on,
  }
}

export function cmlSlim(ctx: ApiContext, cml: CmlRecord) {
  return { ...cmlCommon(cml), asset: assetSlimById(ctx, cml.asset) }
}

export function cmlDetail(ctx: ApiContext, cml: CmlRecord) {
  return {
    ...cmlCommon(cml),
    asset: assetDetailById(ctx, cml.asset),
    layer: null,
    installed_on: cml.installed_on,
    deactivated_on: cml.deactivated_on,
    measurements_summary: measurementsSummary(ctx, cml),
  }
}

/**
 * First, second-latest and latest active reading [U: the meaning of `near` is not documented; we
 * take the reading before the last].
 */
function measurementsSummary(ctx: ApiContext, cml: CmlRecord) {
  const ids = ctx.runtime.indexes.measurementsByCml().get(cml.id) ?? []
  const readings = ids
    .flatMap((id) => ctx.state.tables.measurements.get(id) ?? [])
    .filter((measurement) => measurement.state !== 'IGNORE')
    .sort((a, b) => (a.collected_on ?? '').localeCompare(b.collected_on ?? '') || a.id - b.id)
  const inline = (measurement: MeasurementRecord | undefined) =>
    measurement === undefined ? null : inlineMeasurement(ctx, measurement)
  return {
    base: inline(readings[0]),
    near: inline(readings.at(-2)),
    last: inline(readings.at(-1)),
    next_inspection_date: cml.next_inspection_date,
    next_inspection_reason: null,
  }
}

function displayNameOf(ctx: ApiContext, measurement: MeasurementRecord): string {
  const collector =
    measurement.collected_by === null
      ? undefined
      : ctx.state.tables.users.get(measurement.collected_by)
  return collector === undefined ? (measurement.collected_by_display ?? '') : displayName(collector)
}

/** MeasurementCreate: the flat write serializer PATCH answers with. */
export function measurementWrite(measurement: MeasurementRecord) {
  return {
    id: measurement.id,
    cml: measurement.cml,
    value: measurement.value,
    units: measurement.units,
    type: measurement.type,
    state: measurement.state,
    readings: measurement.readings,
    collected_by: measurement.collected_by,
    collected_by_display: measurement.collected_by_display,
    collected_on: measurement.collected_on,
    comment: measurement.comment,
    nominal: measurement.nominal,
    offset: measurement.offset,
    project: measurement.project,
    source_checklist: measurement.source_checklist,
    source_checklist_line: measurement.source_checklist_line,
    temperature: measurement.temperature,
    uncorrected_value: measurement.uncorrected_value,
    calculations: measurement.calculations,
    extras: measurement.extras,
    external_id: measurement.external_id,
    app_key: measurement.app_key,
    created_on: measurement.created_on,
    updated_on: measurement.updated_on,
  }
}

function inlineMeasurement(ctx: ApiContext, measurement: MeasurementRecord) {
  return {
    ...measurementWrite(measurement),
    collected_by_display_name: displayNameOf(ctx, measurement),
  }
}

export function measurementDetail(ctx: ApiContext, measurement: MeasurementRecord) {
  const cml = ctx.state.tables.cmls.get(measurement.cml)
  const collector =
    measurement.collected_by === null
      ? undefined
      : ctx.state.tables.users.get(measurement.collected_by)
  return {
    ...measurementWrite(measurement),
    cml: cml === undefined ? null : cmlDetail(ctx, cml),
    collected_by: collector === undefined ? null : user(ctx, collector),
    collected_by_display_name: displayNameOf(ctx, measurement),
    project: projectFlat(ctx, measurement.project),
    source_checklist: checklistSlim(ctx, measurement.source_checklist),
  }
}

export function measurementListItem(ctx: ApiContext, measurement: MeasurementRecord) {
  const cml = ctx.state.tables.cmls.get(measurement.cml)
  return {
    ...measurementWrite(measurement),
    cml: cml === undefined ? null : cmlSlim(ctx, cml),
    collected_by: userLite(ctx, measurement.collected_by),
    project: projectLite(ctx, measurement.project),
    source_checklist: checklistSlim(ctx, measurement.source_checklist),
  }
}

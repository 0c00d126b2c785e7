import {
  CML_TYPES,
  type CmlRecord,
  MEASUREMENT_STATES,
  MEASUREMENT_TYPES,
  MEASUREMENT_UNITS,
  type MeasurementRecord,
} from '../../state/records'
import type { ApiContext } from '../context'
import { created, findOr404, listEndpoint, noContent, ok } from '../endpoints'
import { choiceExact, foreignKey, textExact } from '../filters'
import type { Listing } from '../listing'
import type { ApiRouter } from '../router'
import {
  cmlDetail,
  cmlSlim,
  measurementDetail,
  measurementListItem,
  measurementWrite,
} from '../shapes/measurements'
import { type FieldSpecs, validateBody } from '../validation'

/** `/api/measurements/` (UT thickness readings) and `/api/cmls/` (where they are taken). */

const text = (maxLength?: number) =>
  ({ kind: 'string', maxLength, nullable: true, allowBlank: true }) as const

const MEASUREMENT_FIELDS: FieldSpecs = {
  cml: { kind: 'pk', table: 'cmls', required: true },
  value: { kind: 'number', nullable: true },
  units: { kind: 'choice', choices: MEASUREMENT_UNITS },
  type: { kind: 'choice', choices: MEASUREMENT_TYPES },
  state: { kind: 'choice', choices: MEASUREMENT_STATES },
  readings: { kind: 'json' },
  collected_by: { kind: 'pk', table: 'users', nullable: true },
  collected_by_display: text(),
  collected_on: { kind: 'datetime', nullable: true },
  comment: text(),
  nominal: { kind: 'boolean' },
  offset: { kind: 'string', maxLength: 255, allowBlank: true },
  project: { kind: 'pk', table: 'projects', nullable: true },
  source_checklist: { kind: 'pk', table: 'checklists', nullable: true },
  source_checklist_line: { kind: 'string', maxLength: 255, allowBlank: true },
  temperature: { kind: 'number', nullable: true },
  uncorrected_value: { kind: 'number', nullable: true },
  calculations: { kind: 'json' },
  extras: { kind: 'json' },
  external_id: text(255),
  app_key: text(50),
}

const CML_FIELDS: FieldSpecs = {
  asset: { kind: 'pk', table: 'assets', required: true },
  name: { kind: 'string', maxLength: 255, allowBlank: true },
  type: { kind: 'choice', choices: CML_TYPES },
  description: text(),
  component: text(200),
  location_code: text(255),
  location_zone: text(255),
  access: text(255),
  geo_point: { kind: 'point', nullable: true },
  heading: { kind: 'number', nullable: true },
  pitch: { kind: 'number', nullable: true },
  local_coordinates: { kind: 'point', nullable: true },
  layer: { kind: 'integer', nullable: true },
  installed_on: { kind: 'datetime', nullable: true },
  is_active: { kind: 'boolean' },
  labels: { kind: 'json' },
  external_id: text(255),
  app_key: text(50),
}

export const measurementListing: Listing<MeasurementRecord> = {
  resource: 'measurements',
  rows: (state) => state.tables.measurements.all(),
  filters: () => ({
    cml: foreignKey('cmls', (measurement) => measurement.cml),
    cml__name: textExact((measurement, env) => env.state.tables.cmls.get(measurement.cml)?.name),
    type: choiceExact(MEASUREMENT_TYPES, (measurement) => measurement.type),
    state: choiceExact(MEASUREMENT_STATES, (measurement) => measurement.state),
    project: foreignKey('projects', (measurement) => measurement.project),
    measurement_offset: textExact((measurement) => measurement.offset),
  }),
  searchable: {
    cml__name: (measurement, state) => state.tables.cmls.get(measurement.cml)?.name,
    comment: (measurement) => measurement.comment,
    collected_by_display: (measurement) => measurement.collected_by_display,
  },
  orderable: {
    id: (measurement) => measurement.id,
    value: (measurement) => measurement.value,
    collected_on: (measurement) => measurement.collected_on,
    created_on: (measurement) => measurement.created_on,
    updated_on: (measurement) => measurement.updated_on,
  },
}

export const cmlListing: Listing<CmlRecord> = {
  resource: 'cmls',
  rows: (state) => state.tables.cmls.all(),
  filters: () => ({
    asset: foreignKey('assets', (cml) => cml.asset),
    name: textExact((cml) => cml.name),
    type: choiceExact(CML_TYPES, (cml) => cml.type),
  }),
  searchable: { name: (cml) => cml.name, component: (cml) => cml.component },
  orderable: {
    id: (cml) => cml.id,
    name: (cml) => cml.name,
    created_on: (cml) => cml.created_on,
    updated_on: (cml) => cml.updated_on,
  },
}

export function registerMeasurementRoutes(router: ApiRouter): void {
  router.add('/api/measurements/', {
    GET: listEndpoint(measurementListing, measurementListItem),
    POST: { permission: 'measurement_create', handle: createMeasurement },
  })
  router.add('/api/measurements/:id/', {
    GET: { handle: (ctx) => ok(measurementDetail(ctx, findOr404(ctx, 'measurements'))) },
    PUT: {
      permission: 'measurement_edit',
      handle: (ctx) => ok(measurementDetail(ctx, updateMeasurement(ctx, false))),
    },
    PATCH: {
      permission: 'measurement_edit',
      handle: (ctx) => ok(measurementWrite(updateMeasurement(ctx, true))),
    },
    DELETE: {
      permission: 'measurement_delete',
      handle(ctx) {
        ctx.state.remove('measurements', findOr404(ctx, 'measurements').id)
        return noContent()
      },
    },
  })
  router.add('/api/cmls/', {
    GET: listEndpoint(cmlListing, cmlSlim),
    POST: { permission: 'cml_create', handle: createCml },
  })
  router.add('/api/cmls/:id/', {
    GET: { handle: (ctx) => ok(cmlDetail(ctx, findOr404(ctx, 'cmls'))) },
  })
}

function createMeasurement(ctx: ApiContext) {
  const values = validateBody(MEASUREMENT_FIELDS, ctx.body(), { partial: false, state: ctx.state })
  const now = ctx.state.now()
  const record: MeasurementRecord = {
    id: ctx.state.tables.measurements.allocateId(),
    cml: values['cml'] as number,
    value: null,
    units: 'NOT_SET',
    type: 'UT_PIPE',
    state: 'PENDING',
    readings: {},
    collected_by: null,
    collected_by_display: null,
    collected_on: null,
    comment: null,
    nominal: false,
    offset: '',
    project: null,
    source_checklist: null,
    source_checklist_line: '',
    temperature: null,
    uncorrected_value: null,
    calculations: {},
    extras: {},
    external_id: null,
    app_key: null,
    ...(values as Partial<MeasurementRecord>),
    created_on: now,
    updated_on: now,
  }
  return created(measurementDetail(ctx, ctx.state.insert('measurements', record)))
}

function updateMeasurement(ctx: ApiContext, partial: boolean): MeasurementRecord {
  const measurement = findOr404(ctx, 'measurements')
  const values = validateBody(MEASUREMENT_FIELDS, ctx.body(), { partial, state: ctx.state })
  return ctx.state.edit('measurements', measurement.id, values as Partial<MeasurementRecord>)
}

function createCml(ctx: ApiContext) {
  const values = validateBody(CML_FIELDS, ctx.body(), { partial: false, state: ctx.state })
  const now = ctx.state.now()
  const record: CmlRecord = {
    id: ctx.state.tables.cmls.allocateId(),
    asset: values['asset'] as number,
    name: '',
    type: 'OTHER',
    description: null,
    component: null,
    location_code: null,
    location_zone: null,
    access: null,
    geo_point: null,
    heading: null,
    pitch: null,
    local_coordinates: null,
    layer: null,
    installed_on: null,
    is_active: true,
    deactivated_on: null,
    labels: [],
    external_id: null,
    app_key: null,
    next_inspection_date: null,
    ...(values as Partial<CmlRecord>),
    created_on: now,
    updated_on: now,
  }
  return created(cmlDetail(ctx, ctx.state.insert('cmls', record)))
}

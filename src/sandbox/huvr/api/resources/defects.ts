import { DEFECT_STATES, type DefectRecord, type DefectState } from '../../state/records'
import type { ApiContext } from '../context'
import { created, findOr404, listEndpoint, noContent, ok } from '../endpoints'
import { validationError } from '../errors'
import {
  assetSubtree,
  choiceExact,
  dateExact,
  foreignKey,
  integerExact,
  integerIn,
  textExact,
  timestampFilter,
} from '../filters'
import type { Listing } from '../listing'
import type { ApiRouter } from '../router'
import { defectDetail, defectListItem, defectWrite, isLocked } from '../shapes/defects'
import { type FieldSpecs, validateBody } from '../validation'

/**
 * `/api/defects/` (findings). Create and PATCH answer with the flat DefectCreate, PUT and retrieve
 * with the nested Defect [C H-spec]. A finding of a published project is locked.
 */

const text = (maxLength?: number) =>
  ({ kind: 'string', maxLength, nullable: true, allowBlank: true }) as const
const size = { kind: 'integer', min: 0, max: 2147483647, nullable: true } as const

const FIELDS: FieldSpecs = {
  // Nothing is required in the spec; asset and profile are in practice [I].
  asset_id: { kind: 'pk', table: 'assets', required: true },
  profile_id: { kind: 'pk', table: 'defectProfiles', required: true },
  project: { kind: 'pk', table: 'projects', nullable: true },
  checklist: { kind: 'pk', table: 'checklists', nullable: true },
  checklist_line: text(),
  type: text(255),
  sub_type: text(255),
  severity: { kind: 'integer', min: -32768, max: 32767, nullable: true },
  priority: { kind: 'string', maxLength: 50, allowBlank: true },
  state: { kind: 'choice', choices: DEFECT_STATES },
  description: text(),
  labels: { kind: 'json' },
  geo_point: { kind: 'point', nullable: true },
  heading: { kind: 'number', nullable: true },
  pitch: { kind: 'number', nullable: true },
  local_coordinates: { kind: 'point', nullable: true },
  location_code: text(255),
  location_zone: text(255),
  component: text(200),
  access: text(255),
  layer: { kind: 'integer', nullable: true },
  length: size,
  width: size,
  area: size,
  captured_on: { kind: 'datetime', nullable: true },
  repair_by: { kind: 'date', nullable: true },
  next_inspection_date: { kind: 'date', nullable: true },
  newer_defect: { kind: 'pk', table: 'defects', nullable: true },
  external_id: text(),
  created_by: { kind: 'pk', table: 'users', nullable: true },
  note: { kind: 'string' },
}

export const defectListing: Listing<DefectRecord> = {
  resource: 'defects',
  rows: (state) => state.tables.defects.all(),
  filters: () => ({
    state: choiceExact(DEFECT_STATES, (defect) => defect.state),
    asset: foreignKey('assets', (defect) => defect.asset),
    severity: integerExact((defect) => defect.severity),
    severity__in: integerIn((defect) => defect.severity),
    type: textExact((defect) => defect.type),
    project: foreignKey('projects', (defect) => defect.project),
    project__name: textExact((defect, env) =>
      defect.project === null ? null : env.state.tables.projects.get(defect.project)?.name,
    ),
    profile: foreignKey('defectProfiles', (defect) => defect.profile),
    profile__in: integerIn((defect) => defect.profile),
    priority: textExact((defect) => defect.priority),
    component: textExact((defect) => defect.component),
    location_code: textExact((defect) => defect.location_code),
    location_zone: textExact((defect) => defect.location_zone),
    asset_type__in: integerIn(
      (defect, env) => env.state.tables.assets.get(defect.asset)?.type ?? null,
    ),
    repair_by: dateExact((defect) => defect.repair_by),
    next_inspection_date: dateExact((defect) => defect.next_inspection_date),
    created_on: timestampFilter('exact', (defect) => defect.created_on),
    descendants: assetSubtree((defect) => defect.asset),
  }),
  searchable: {
    type: (defect) => defect.type,
    description: (defect) => defect.description,
    component: (defect) => defect.component,
    location_code: (defect) => defect.location_code,
  },
  orderable: {
    id: (defect) => defect.id,
    severity: (defect) => defect.severity,
    state: (defect) => defect.state,
    priority: (defect) => defect.priority,
    repair_by: (defect) => defect.repair_by,
    captured_on: (defect) => defect.captured_on,
    created_on: (defect) => defect.created_on,
    updated_on: (defect) => defect.updated_on,
  },
}

export function registerDefectRoutes(router: ApiRouter): void {
  router.add('/api/defects/', {
    GET: listEndpoint(defectListing, defectListItem),
    POST: { permission: 'defect_create', handle: createDefect },
  })
  router.add('/api/defects/:id/', {
    GET: { handle: (ctx) => ok(defectDetail(ctx, findOr404(ctx, 'defects'))) },
    PUT: {
      permission: 'defect_edit',
      handle: (ctx) => ok(defectDetail(ctx, updateDefect(ctx, false))),
    },
    PATCH: {
      permission: 'defect_edit',
      handle: (ctx) => ok(defectWrite(ctx, updateDefect(ctx, true))),
    },
    DELETE: {
      permission: 'defect_delete',
      handle(ctx) {
        ctx.state.remove('defects', findOr404(ctx, 'defects').id)
        return noContent()
      },
    },
  })
}

/** Maps the write names (asset_id, profile_id, note) onto the stored record. */
function toChanges(values: Record<string, unknown>): Partial<DefectRecord> {
  const { asset_id: asset, profile_id: profile, ...rest } = values
  delete rest['note'] // goes into the history entry, not onto the record
  const changes = rest as Partial<DefectRecord>
  if (asset !== undefined) changes.asset = asset as number
  if (profile !== undefined) changes.profile = profile as number
  return changes
}

function createDefect(ctx: ApiContext) {
  const record = defectFromBody(ctx, ctx.body())
  record.id = ctx.state.tables.defects.allocateId()
  return created(defectWrite(ctx, ctx.state.insert('defects', record)))
}

/**
 * Validates a DefectCreate body (400 with DRF's field errors otherwise) and builds the new record,
 * not yet stored: `id` is 0 until the caller allocates one. An overlay write with a nested
 * `defect` object creates its finding through this too.
 */
export function defectFromBody(ctx: ApiContext, body: unknown): DefectRecord {
  const values = validateBody(FIELDS, body, { partial: false, state: ctx.state })
  const now = ctx.state.now()
  const state = (values['state'] as DefectState | undefined) ?? 'PENDING'
  const note = (values['note'] as string | undefined) ?? null
  return {
    id: 0,
    asset: 0,
    profile: 0,
    project: null,
    checklist: null,
    checklist_line: null,
    type: null,
    sub_type: null,
    severity: null,
    priority: '',
    state,
    description: null,
    labels: [],
    geo_point: null,
    heading: null,
    pitch: null,
    local_coordinates: null,
    location_code: null,
    location_zone: null,
    component: null,
    access: null,
    layer: null,
    length: null,
    width: null,
    area: null,
    captured_on: null,
    repair_by: null,
    next_inspection_date: null,
    newer_defect: null,
    external_id: null,
    created_by: ctx.me.id,
    modified_by: ctx.me.id,
    history: [{ state, note, modified_by: ctx.me.id, created_on: now }],
    created_on: now,
    updated_on: now,
    ...toChanges(values),
  }
}

/** A finding of a published project cannot change: 400 `non_field_errors` [C rule, U body]. */
export function refuseIfLocked(ctx: ApiContext, defect: DefectRecord): void {
  if (isLocked(ctx, defect)) {
    throw validationError({
      non_field_errors: [
        'Source project has been published, Finding details cannot not be altered',
      ],
    })
  }
}

function updateDefect(ctx: ApiContext, partial: boolean): DefectRecord {
  const defect = findOr404(ctx, 'defects')
  refuseIfLocked(ctx, defect)
  const values = validateBody(FIELDS, ctx.body(), { partial, state: ctx.state })
  const changes = toChanges(values)
  changes.modified_by = ctx.me.id
  const note = (values['note'] as string | undefined) ?? null
  if ((changes.state !== undefined && changes.state !== defect.state) || note !== null) {
    changes.history = [
      ...defect.history,
      {
        state: changes.state ?? defect.state,
        note,
        modified_by: ctx.me.id,
        created_on: ctx.state.now(),
      },
    ]
  }
  return ctx.state.edit('defects', defect.id, changes)
}

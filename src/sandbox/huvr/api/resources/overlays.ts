import type { DefectRecord, MediaRecord, OverlayRecord } from '../../state/records'
import type { ApiContext } from '../context'
import { created, findOr404, ok } from '../endpoints'
import { ApiError, notFound, pythonTypeName, validationError } from '../errors'
import type { ApiRouter } from '../router'
import { mediaDetail } from '../shapes/media'
import { mediaOverlays, overlayInline } from '../shapes/overlays'
import { type FieldSpecs, validateBody } from '../validation'
import { defectFromBody, refuseIfLocked } from './defects'

/**
 * `/api/inspection-media/{id}/overlays/`: how a photo is linked to a finding. The spec declares
 * POST and PATCH only, both "add or edit a overlay on a media object", both answering 200 with the
 * InspectionMedia [C H-spec]. So either method edits the overlay whose `id` the body names and
 * otherwise adds one [I]. The `overlay…` settings cover what the spec leaves open [U].
 */

const json = { kind: 'json', nullable: true } as const

const EDIT_FIELDS: FieldSpecs = {
  defect: { kind: 'pk', table: 'defects' },
  geometry: json,
  geometry_extra: json,
  note: { kind: 'string', nullable: true, allowBlank: true },
}

const CREATE_FIELDS: FieldSpecs = {
  ...EDIT_FIELDS,
  defect: { kind: 'pk', table: 'defects', required: true },
  created_by: { kind: 'pk', table: 'users', nullable: true },
  // Required in InspectionMediaOverlayCreate; the URL already names the media, so a value is only
  // checked, never used [U].
  media: { kind: 'pk', table: 'media' },
}

export function registerOverlayRoutes(router: ApiRouter): void {
  router.add('/api/inspection-media/:id/overlays/', {
    GET: {
      // Not in the spec [U]: off by default, so GET is a 405 as DRF gives for an undeclared method.
      enabled: (ctx) => ctx.settings.overlayListRoute,
      handle: (ctx) => ok(mediaOverlays(ctx, findOr404(ctx, 'media').id)),
    },
    // The spec names no role permission for overlays; they change a finding's evidence [I].
    POST: { permission: 'defect_edit', handle: writeOverlay },
    PATCH: { permission: 'defect_edit', handle: writeOverlay },
  })
}

function writeOverlay(ctx: ApiContext) {
  const media = findOr404(ctx, 'media')
  const body = ctx.body()
  if (!isDictionary(body)) {
    throw validationError({
      non_field_errors: [`Invalid data. Expected a dictionary, but got ${pythonTypeName(body)}.`],
    })
  }
  const existing =
    body['id'] === undefined || body['id'] === null ? undefined : overlayOf(ctx, media, body['id'])
  const overlay =
    existing === undefined ? addOverlay(ctx, media, body) : editOverlay(ctx, existing, body)
  if (ctx.settings.overlayWriteAnswer === 'overlay') {
    const shape = overlayInline(ctx, overlay)
    return existing === undefined ? created(shape) : ok(shape)
  }
  return ok(mediaDetail(ctx, media))
}

/** The overlay `id` names, which must be on this media record (404 otherwise [U]). */
function overlayOf(ctx: ApiContext, media: MediaRecord, raw: unknown): OverlayRecord {
  const { id } = validateBody(
    { id: { kind: 'integer' } },
    { id: raw },
    {
      partial: false,
      state: ctx.state,
    },
  )
  const overlay = ctx.state.tables.overlays.get(id as number)
  if (overlay === undefined || overlay.media !== media.id) {
    throw notFound(ctx.settings.notFoundDetail)
  }
  return overlay
}

function addOverlay(
  ctx: ApiContext,
  media: MediaRecord,
  body: Record<string, unknown>,
): OverlayRecord {
  const { values, newDefect } = readBody(ctx, body, CREATE_FIELDS, false)
  if (newDefect === undefined) refuseIfLocked(ctx, existingDefect(ctx, values['defect']))
  const defect =
    newDefect === undefined ? (values['defect'] as number) : storeDefect(ctx, newDefect)
  const now = ctx.state.now()
  return ctx.state.insert('overlays', {
    id: ctx.state.tables.overlays.allocateId(),
    media: media.id,
    defect,
    geometry: values['geometry'] ?? null,
    geometry_extra: values['geometry_extra'] ?? null,
    note: (values['note'] as string | null | undefined) ?? null,
    created_by: 'created_by' in values ? (values['created_by'] as number | null) : ctx.me.id,
    created_on: now,
    updated_on: now,
  })
}

/** An overlay of a locked finding, or one being moved onto a locked finding, cannot change [I]. */
function editOverlay(
  ctx: ApiContext,
  overlay: OverlayRecord,
  body: Record<string, unknown>,
): OverlayRecord {
  const { values, newDefect } = readBody(ctx, body, EDIT_FIELDS, true)
  const current = ctx.state.tables.defects.get(overlay.defect)
  if (current !== undefined) refuseIfLocked(ctx, current)
  if ('defect' in values) refuseIfLocked(ctx, existingDefect(ctx, values['defect']))
  const changes: Partial<OverlayRecord> = {}
  if ('geometry' in values) changes.geometry = values['geometry']
  if ('geometry_extra' in values) changes.geometry_extra = values['geometry_extra']
  if ('note' in values) changes.note = values['note'] as string | null
  if ('defect' in values) changes.defect = values['defect'] as number
  if (newDefect !== undefined) changes.defect = storeDefect(ctx, newDefect)
  return ctx.state.edit('overlays', overlay.id, changes)
}

function existingDefect(ctx: ApiContext, id: unknown): DefectRecord {
  const defect = ctx.state.tables.defects.get(id as number)
  if (defect === undefined) throw new Error(`validated defect ${String(id)} is gone`)
  return defect
}

function storeDefect(ctx: ApiContext, record: DefectRecord): number {
  record.id = ctx.state.tables.defects.allocateId()
  return ctx.state.insert('defects', record).id
}

/**
 * Validates an overlay body, DRF style: every field's errors in one 400. `defect` is an existing
 * finding's id, or (the spec types it as a nested DefectCreate [C H-spec]) an object describing a
 * new finding, whose errors nest under `defect`. With `overlayDefectInput: 'object'` only the
 * object is accepted, as a plain nested serializer would.
 */
function readBody(
  ctx: ApiContext,
  body: Record<string, unknown>,
  specs: FieldSpecs,
  partial: boolean,
): { values: Record<string, unknown>; newDefect?: DefectRecord } {
  const raw = body['defect']
  const nested = isDictionary(raw)
  const objectOnly = ctx.settings.overlayDefectInput === 'object'
  const { defect: _defect, ...others } = specs
  const errors: Record<string, unknown> = {}
  let values: Record<string, unknown> = {}
  let newDefect: DefectRecord | undefined
  try {
    values = validateBody(nested || objectOnly ? others : specs, body, {
      partial,
      state: ctx.state,
    })
  } catch (error) {
    if (!(error instanceof ApiError)) throw error
    Object.assign(errors, error.payload)
  }
  if (nested) {
    try {
      newDefect = defectFromBody(ctx, raw)
    } catch (error) {
      if (!(error instanceof ApiError)) throw error
      errors['defect'] = error.payload
    }
  } else if (objectOnly) {
    if (raw === undefined && !partial) errors['defect'] = ['This field is required.']
    else if (raw === null) errors['defect'] = ['This field may not be null.']
    else if (raw !== undefined) {
      errors['defect'] = {
        non_field_errors: [`Invalid data. Expected a dictionary, but got ${pythonTypeName(raw)}.`],
      }
    }
  }
  if (Object.keys(errors).length > 0) throw validationError(errors)
  return { values, newDefect }
}

function isDictionary(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

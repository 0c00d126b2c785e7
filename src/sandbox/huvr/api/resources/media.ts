import { randomBytes } from 'node:crypto'
import { documentCategoryFor, mediaTypeFor } from '../../media/mime'
import {
  MEDIA_STATES,
  type MediaRecord,
  type OverlayRecord,
  unsetMediaFields,
} from '../../state/records'
import type { ApiContext } from '../context'
import { created, findOr404, listEndpoint, noContent, ok } from '../endpoints'
import { validationError } from '../errors'
import {
  booleanExact,
  choiceExact,
  type FilterBuilder,
  foreignKey,
  integerBound,
  integerExact,
  textExact,
  timestampFilter,
} from '../filters'
import type { Listing } from '../listing'
import type { ApiRouter } from '../router'
import { mediaDetail, mediaListItem, mediaWrite } from '../shapes/media'
import { type FieldSpecs, validateBody } from '../validation'

/**
 * `/api/inspection-media/`, part one of the two-part upload [C H-media, H-client media.py]: the
 * create answers 201 with `upload: {url, headers}`; the bytes then go to the storage route and the
 * record turns UPLOADED by itself a moment later. `client_id` is unique per workspace.
 */

const text = (maxLength?: number) =>
  ({ kind: 'string', maxLength, nullable: true, allowBlank: true }) as const

const FIELDS: FieldSpecs = {
  filename: { kind: 'string', required: true },
  name: { kind: 'string', maxLength: 255, allowBlank: true },
  description: text(),
  media_type: { kind: 'string', maxLength: 255 },
  document_category: { kind: 'string', maxLength: 50 },
  size: { kind: 'integer', min: 0, nullable: true },
  captured_on: { kind: 'datetime', nullable: true },
  file_meta: { kind: 'json' },
  attached_to: { kind: 'json' },
  geo_point: { kind: 'point', nullable: true },
  heading: { kind: 'number', nullable: true },
  pitch: { kind: 'number', nullable: true },
  local_coordinates: { kind: 'point', nullable: true },
  local_id: text(255),
  client_id: { kind: 'string', maxLength: 255, nullable: true },
  location_code: text(255),
  location_zone: text(255),
  component: text(200),
  access: text(255),
  layer: { kind: 'integer', nullable: true },
  source_media: { kind: 'pk', table: 'media', nullable: true },
  priority: { kind: 'integer', min: -32768, max: 32767 },
  project: { kind: 'pk', table: 'projects', nullable: true },
  checklist: { kind: 'pk', table: 'checklists', nullable: true },
  created_by: { kind: 'pk', table: 'users', nullable: true },
}

const UPDATE_FIELDS: FieldSpecs = {
  ...FIELDS,
  generate_thumbnail: { kind: 'boolean' },
}

const overlayOfDefect = foreignKey<OverlayRecord>('defects', (overlay) => overlay.defect)

/**
 * `?defect=<id>`: media with an overlay of that finding [C name H-spec; I meaning]. A missing id is
 * django-filter's 400 (or no match, per `invalidForeignKeyFilter`), as for the other foreign keys.
 */
const drawsDefect: FilterBuilder<MediaRecord> = (value, env) => {
  const ofDefect = overlayOfDefect(value, env)
  const media = new Set(
    env.state.tables.overlays
      .all()
      .filter(ofDefect)
      .map((overlay) => overlay.media),
  )
  return (record) => media.has(record.id)
}

export const mediaListing: Listing<MediaRecord> = {
  resource: 'inspection-media',
  rows: (state) => state.tables.media.all(),
  filters: (settings) => ({
    name: textExact((media) => media.name),
    state: choiceExact(MEDIA_STATES, (media) => media.state),
    project: foreignKey('projects', (media) => media.project),
    checklist: foreignKey('checklists', (media) => media.checklist),
    document_category: textExact((media) => media.document_category),
    priority: integerExact((media) => media.priority),
    size: integerExact((media) => media.size),
    size_min: integerBound((media) => media.size, 'min'),
    size_max: integerBound((media) => media.size, 'max'),
    component_display: textExact((media) => media.component),
    location_code_display: textExact((media) => media.location_code),
    location_zone_display: textExact((media) => media.location_zone),
    hidden: booleanExact((media) => media.priority < 0),
    created_by_me: booleanExact((media, env) => media.created_by === env.user?.id),
    created_on: timestampFilter('exact', (media) => media.created_on),
    captured_on: timestampFilter('exact', (media) => media.captured_on),
    defect: drawsDefect,
    // [U] Not in the 2023 spec; lets a client find the record a lost create left behind.
    ...(settings.mediaClientIdFilter
      ? { client_id: textExact<MediaRecord>((media) => media.client_id) }
      : {}),
  }),
  searchable: {
    name: (media) => media.name,
    description: (media) => media.description,
    local_id: (media) => media.local_id,
  },
  orderable: {
    id: (media) => media.id,
    name: (media) => media.name,
    size: (media) => media.size,
    state: (media) => media.state,
    priority: (media) => media.priority,
    captured_on: (media) => media.captured_on,
    created_on: (media) => media.created_on,
    updated_on: (media) => media.updated_on,
  },
}

export function registerMediaRoutes(router: ApiRouter): void {
  router.add('/api/inspection-media/', {
    GET: listEndpoint(mediaListing, mediaListItem),
    POST: { permission: 'media_create', handle: createMedia },
  })
  router.add('/api/inspection-media/:id/', {
    GET: { handle: (ctx) => ok(mediaDetail(ctx, findOr404(ctx, 'media'))) },
    PUT: {
      permission: 'media_edit',
      handle: (ctx) => ok(mediaDetail(ctx, updateMedia(ctx, false))),
    },
    PATCH: {
      permission: 'media_edit',
      handle: (ctx) => ok(mediaWrite(ctx, updateMedia(ctx, true))),
    },
    DELETE: {
      permission: 'media_delete',
      handle(ctx) {
        const media = findOr404(ctx, 'media')
        ctx.state.remove('media', media.id)
        return noContent()
      },
    },
  })
}

function checkClientIdFree(ctx: ApiContext, clientId: unknown, self?: number): void {
  if (typeof clientId !== 'string') return
  const twin = ctx.state.tables.media.all().find((media) => media.client_id === clientId)
  if (twin !== undefined && twin.id !== self) {
    // Django's unique message for the field [I].
    throw validationError({ client_id: ['Inspection media with this client id already exists.'] })
  }
}

/**
 * Names are unique within a project or checklist: on a clash a number is appended, and after a few
 * tries it is an error [C H-media; U: the numbering format].
 */
function uniqueName(
  ctx: ApiContext,
  wanted: string,
  project: number | null,
  checklist: number | null,
  self?: number,
): string {
  if (project === null && checklist === null) return wanted
  const taken = new Set(
    ctx.state.tables.media
      .all()
      .filter(
        (media) =>
          media.id !== self &&
          ((project !== null && media.project === project) ||
            (checklist !== null && media.checklist === checklist)),
      )
      .map((media) => media.name),
  )
  if (!taken.has(wanted)) return wanted
  const dot = wanted.lastIndexOf('.')
  const [stem, extension] = dot > 0 ? [wanted.slice(0, dot), wanted.slice(dot)] : [wanted, '']
  for (let attempt = 1; attempt <= 5; attempt += 1) {
    const candidate = `${stem}-${attempt}${extension}`
    if (!taken.has(candidate)) return candidate
  }
  throw validationError({ name: ['Could not find a unique name for this media.'] })
}

function objectName(id: number, filename: string): string {
  const safe = filename.replace(/[^A-Za-z0-9._-]+/g, '_').slice(-120) || 'upload'
  return `media/${id}/${randomBytes(6).toString('hex')}/${safe}`
}

function createMedia(ctx: ApiContext) {
  const values = validateBody(FIELDS, ctx.body(), { partial: false, state: ctx.state })
  checkClientIdFree(ctx, values['client_id'])
  const filename = values['filename'] as string
  const mediaType = (values['media_type'] as string | undefined) ?? mediaTypeFor(filename)
  const project = (values['project'] as number | null | undefined) ?? null
  const checklist = (values['checklist'] as number | null | undefined) ?? null
  const requestedName = (values['name'] as string | undefined) || filename
  const now = ctx.state.now()
  const id = ctx.state.tables.media.allocateId()
  const record: MediaRecord = {
    id,
    filename,
    state: 'CREATED',
    size: null,
    media_type: mediaType,
    document_category: documentCategoryFor(mediaType),
    ...unsetMediaFields(),
    project,
    checklist,
    captured_on: null,
    geo_point: null,
    heading: null,
    created_by: ctx.me.id,
    ...(values as Partial<MediaRecord>),
    name: uniqueName(ctx, requestedName, project, checklist),
    created_on: now,
    updated_on: now,
    storage: { object: objectName(id, filename), thumbnail: null, preview: null },
  }
  return created(mediaDetail(ctx, ctx.state.insert('media', record)))
}

function updateMedia(ctx: ApiContext, partial: boolean): MediaRecord {
  const media = findOr404(ctx, 'media')
  const values = validateBody(UPDATE_FIELDS, ctx.body(), { partial, state: ctx.state })
  const { generate_thumbnail: regenerate, ...changes } = values
  if ('client_id' in changes) checkClientIdFree(ctx, changes['client_id'], media.id)
  const project = 'project' in changes ? (changes['project'] as number | null) : media.project
  const checklist =
    'checklist' in changes ? (changes['checklist'] as number | null) : media.checklist
  if ('name' in changes || 'project' in changes || 'checklist' in changes) {
    const wanted = (changes['name'] as string | undefined) || media.name
    changes['name'] = uniqueName(ctx, wanted, project, checklist, media.id)
  }
  // The file itself is immutable once uploaded; filename only renames the record's label.
  const updated = ctx.state.edit('media', media.id, changes as Partial<MediaRecord>)
  if (regenerate === true && updated.state !== 'CREATED') ctx.runtime.processor.schedule(updated.id)
  return updated
}

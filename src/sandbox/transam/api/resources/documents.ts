import { randomUUID } from 'node:crypto'
import { railsJson } from '../../http/reply'
import type { TransamSettings } from '../../settings'
import type { AssetRecord, DocumentRecord } from '../../state/records'
import type { RequestContext } from '../context'
import { isUploadedFile, type ParamValue, rubyInspectErrors, type UploadedFile } from '../params'
import { type ApiRouter, template } from '../router'
import { documentJson } from '../shapes'

const CONTROLLER = 'Api::V1::DocumentsController'
const BASE = '/api/v1/assets/:asset_id/documents'

/**
 * Documents, routed only under assets [C documents_controller.rb, document.rb]: index (newest
 * first, no pagination), multipart create with top-level `document`, `description` and
 * `original_filename` (200, not 201), show/update/destroy by the document's own object_key, not
 * scoped to the asset in the URL. Every success renders a template, so it needs JSON negotiation.
 */
export function registerDocumentRoutes(router: ApiRouter): void {
  router.add('GET', BASE, {
    name: `${CONTROLLER}#index`,
    handle(ctx) {
      const asset = documentable(ctx)
      if (asset === undefined) return parentMissing()
      const documents = ctx.state.documentsOf(asset.id).map((document) => render(ctx, document))
      return template({ documents })
    },
  })
  router.add('POST', BASE, {
    name: `${CONTROLLER}#create`,
    handle(ctx) {
      const asset = documentable(ctx)
      if (asset === undefined) return parentMissing()
      const file = uploadedDocument(ctx.param('document'))
      const description = descriptionParam(ctx.param('description'))
      const originalFilename =
        filenameParam(ctx.param('original_filename')) ?? file?.filename ?? null
      const errors = validate(ctx.settings, { description, originalFilename, file, fresh: true })
      if (errors.size > 0) {
        return railsJson(400, {
          message: `Unable to upload document due the following error: ${rubyInspectErrors(errors)}`,
          status: 'fail',
        })
      }
      const now = ctx.now()
      const objectKey = ctx.state.keys.next(now)
      const stored = store(ctx, objectKey, file as UploadedFile)
      const document = ctx.state.insertDocument({
        id: ctx.state.nextId('documents'),
        object_key: objectKey,
        asset_id: asset.id,
        description,
        original_filename: originalFilename as string,
        ...stored,
        created_by_id: ctx.me.id,
        created_at: now,
        updated_at: now,
      })
      return template({ document: render(ctx, document) })
    },
  })
  router.add('GET', `${BASE}/:id`, {
    name: `${CONTROLLER}#show`,
    handle(ctx) {
      const document = ctx.state.documentByKey(ctx.pathParams['id'] ?? '')
      if (document === undefined) return documentMissing(ctx)
      return template({ document: render(ctx, document) })
    },
  })
  for (const method of ['PATCH', 'PUT'] as const) {
    router.add(method, `${BASE}/:id`, {
      name: `${CONTROLLER}#update`,
      handle: update,
    })
  }
  router.add('DELETE', `${BASE}/:id`, {
    name: `${CONTROLLER}#destroy`,
    handle(ctx) {
      const key = ctx.pathParams['id'] ?? ''
      if (ctx.state.documentByKey(key) === undefined) return documentMissing(ctx)
      ctx.state.removeDocument(key)
      return template({})
    },
  })
}

function update(ctx: RequestContext) {
  const document = ctx.state.documentByKey(ctx.pathParams['id'] ?? '')
  if (document === undefined) return documentMissing(ctx)
  const file = uploadedDocument(ctx.param('document'))
  const description =
    'description' in ctx.params ? descriptionParam(ctx.param('description')) : document.description
  const givenName = filenameParam(ctx.param('original_filename'))
  const originalFilename =
    'original_filename' in ctx.params && givenName === null && file === undefined
      ? null
      : (givenName ?? file?.filename ?? document.original_filename)
  const errors = validate(ctx.settings, {
    description,
    originalFilename,
    file: file ?? { size: document.file_size, filename: document.original_filename },
    fresh: file !== undefined,
  })
  if (errors.size > 0) {
    return railsJson(400, {
      message: `Unable to update document due the following error: ${rubyInspectErrors(errors)}`,
      status: 'fail',
    })
  }
  const changes: Partial<DocumentRecord> = {
    description,
    original_filename: originalFilename as string,
  }
  if (file !== undefined) {
    ctx.state.objects.delete(document.storage_key)
    Object.assign(changes, store(ctx, document.object_key, file))
  }
  const updated = ctx.state.editDocument(document.object_key, changes)
  return template({ document: render(ctx, updated) })
}

/** find_resource: the asset named by `asset_id`, in any organization [C nested_resource_controller.rb]. */
function documentable(ctx: RequestContext): AssetRecord | undefined {
  return ctx.state.assetByKey(ctx.pathParams['asset_id'] ?? '')
}

function parentMissing() {
  return railsJson(404, { data: { id: 'Documentable object not found.' }, status: 'fail' })
}

function documentMissing(ctx: RequestContext) {
  return railsJson(404, {
    data: { id: `Document ${ctx.pathParams['id'] ?? ''} not found.` },
    status: 'fail',
  })
}

function render(ctx: RequestContext, document: DocumentRecord) {
  return documentJson(document, {
    signer: ctx.runtime.signer,
    origin: ctx.origin,
    settings: ctx.settings,
    now: ctx.now(),
  })
}

/** Only a real file part counts; a string (or a nested hash) leaves the uploader blank [I CW]. */
function uploadedDocument(value: ParamValue | undefined): UploadedFile | undefined {
  return isUploadedFile(value) ? value : undefined
}

/** A string column: numbers are cast, anything non-scalar is dropped by strong params. */
function descriptionParam(value: ParamValue | undefined): string | null {
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  return null
}

function filenameParam(value: ParamValue | undefined): string | null {
  const text = descriptionParam(value)
  return text === null || text.trim() === '' ? null : text
}

interface Draft {
  description: string | null
  originalFilename: string | null
  file: { filename: string; size?: number; bytes?: Buffer } | undefined
  /** A file just uploaded (CarrierWave checks the extension only when caching a new file). */
  fresh: boolean
}

/** Document validations in declaration order; keys and messages as Rails reports them [C, I wording]. */
function validate(settings: TransamSettings, draft: Draft): Map<string, string[]> {
  const errors = new Map<string, string[]>()
  const add = (field: string, message: string) => {
    errors.set(field, [...(errors.get(field) ?? []), message])
  }
  if (settings.documentDescriptionRequired && (draft.description ?? '').trim() === '') {
    add('description', "can't be blank")
  }
  if (draft.originalFilename === null) add('original_filename', "can't be blank")
  if (draft.file === undefined) {
    add('document', "can't be blank")
    return errors
  }
  const extension = extensionOf(draft.file.filename)
  if (settings.enforceExtensionAllowlist && draft.fresh) {
    const allowed = settings.extensionAllowlist.map((entry) => entry.toLowerCase())
    if (!allowed.includes(extension)) {
      add(
        'document',
        `You are not allowed to upload "${extension}" files, allowed types: ${allowed.join(', ')}`,
      )
      return errors
    }
  }
  const size = draft.file.bytes?.length ?? draft.file.size ?? 0
  const limit = Math.floor(settings.maxUploadFileSizeMb * 1024 * 1024)
  if (size > limit) add('document', `is too big (should be at most ${humanSize(limit)})`)
  return errors
}

export function extensionOf(filename: string): string {
  const dot = filename.lastIndexOf('.')
  return dot <= 0 ? '' : filename.slice(dot + 1).toLowerCase()
}

/** number_to_human_size: 4194304 → "4 MB", 1536 → "1.5 KB". */
export function humanSize(bytes: number): string {
  const units = ['Bytes', 'KB', 'MB', 'GB', 'TB']
  let value = bytes
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit += 1
  }
  if (unit === 0) return `${bytes} ${bytes === 1 ? 'Byte' : 'Bytes'}`
  const rounded = Number(value.toPrecision(3))
  return `${rounded} ${units[unit]}`
}

const CONTENT_TYPES: Record<string, string> = {
  pdf: 'application/pdf',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ppt: 'application/vnd.ms-powerpoint',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  txt: 'text/plain',
  csv: 'text/csv',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
}

export function contentTypeFor(filename: string, sent = 'application/octet-stream'): string {
  if (sent !== '' && sent !== 'application/octet-stream') return sent
  return CONTENT_TYPES[extensionOf(filename)] ?? 'application/octet-stream'
}

/**
 * Puts the bytes in the bucket under `document_uploads/<object_key>/<uuid>.<ext>` [C], the extension
 * and (when the part's type is generic) the content type taken from the uploaded file's name [I CW].
 */
function store(ctx: RequestContext, objectKey: string, file: UploadedFile) {
  const extension = extensionOf(file.filename)
  const storageKey = `document_uploads/${objectKey}/${randomUUID()}${extension === '' ? '' : `.${extension}`}`
  const contentType = contentTypeFor(file.filename, file.contentType)
  ctx.state.objects.set(storageKey, {
    contentType,
    lastModified: ctx.now(),
    bytes: Buffer.from(file.bytes),
  })
  return { storage_key: storageKey, content_type: contentType, file_size: file.bytes.length }
}

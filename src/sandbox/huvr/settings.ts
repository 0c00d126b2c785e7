import { z } from 'zod'
import { defaultFaults, type FaultSettings } from '../common/faults'
import { stripUndefined } from '../common/patch'
import type { ConfigPatch as CommonConfigPatch } from '../common/runtime'

export type { FaultSettings } from '../common/faults'

/**
 * Every behaviour of the simulator that the research could not confirm is a setting, so a client
 * can be tested against the plausible alternatives. Defaults follow the research's suggestion; the
 * README lists each one with its [C]/[I]/[U] marker.
 */

/** The list endpoints whose ordering and search fields can be overridden. */
export const LISTED_RESOURCES = [
  'assets',
  'projects',
  'inspection-media',
  'checklists',
  'defects',
  'measurements',
  'cmls',
  'users',
] as const
export type ListedResource = (typeof LISTED_RESOURCES)[number]

const fieldListsSchema = z.partialRecord(z.enum(LISTED_RESOURCES), z.array(z.string()))

const throttleSchema = z.object({
  requests: z.number().int().positive(),
  windowSeconds: z.number().positive(),
})

const updatedOnParamsSchema = z.object({
  exact: z.string().min(1),
  after: z.string().min(1),
  before: z.string().min(1),
})

export const settingsSchema = z.object({
  /** Access-token lifetime; `expires_in` reports it as a string. */
  tokenLifetimeSeconds: z.number().positive(),
  /** `token_type` in the obtain-access-token answer. */
  tokenType: z.string().min(1),
  /** Status for a wrong client_id/client_secret pair (body is always `{"detail": …}`). */
  badCredentialsStatus: z.union([z.literal(400), z.literal(401)]),
  /** `/api/…` without the trailing slash: 404 always, or a 301 to the slashed URL for GET/HEAD. */
  missingTrailingSlash: z.enum(['not-found', 'redirect-get']),
  /** `detail` of a 404 for an unknown id. */
  notFoundDetail: z.string().min(1),
  /** DRF limit/offset: page size when `limit` is absent or invalid, and the cap on `limit`. */
  defaultPageSize: z.number().int().positive(),
  maxPageSize: z.number().int().positive(),
  /** Names of the `updated_on` filters on assets and projects. */
  updatedOnParams: updatedOnParamsSchema,
  /** Per-resource override of the fields `ordering` accepts (unknown names are ignored). */
  orderingFields: fieldListsSchema,
  /** Per-resource override of the fields `search` looks in. */
  searchFields: fieldListsSchema,
  /** A foreign-key filter naming a missing id: 400 (django-filter default) or just no match. */
  invalidForeignKeyFilter: z.enum(['reject', 'ignore']),
  /** DRF-style rate throttle per user (or per address before sign-in); null = none. */
  throttle: throttleSchema.nullable(),
  /** Role permissions the service account lacks (e.g. `asset_delete`): those calls get 403. */
  deniedPermissions: z.array(z.string()),
  /** Lifetime of the signed upload URL returned in `upload.url`. */
  uploadUrlLifetimeSeconds: z.number().positive(),
  /** Lifetime of the signed `file`, `thumbnail` and `preview` download URLs. */
  downloadUrlLifetimeSeconds: z.number().positive(),
  /** Sign (and so require) an `x-goog-meta-media-id` header besides Content-Type. */
  uploadMetaHeader: z.boolean(),
  /** Include a live `upload` object on list results too, not only on create and retrieve. */
  uploadOnListResults: z.boolean(),
  /** Upload URLs start a GCS-style resumable session (POST) instead of taking one PUT. */
  resumableUploads: z.boolean(),
  /** Non-final resumable chunks are persisted only up to a multiple of this many bytes. */
  resumableChunkGranularity: z.number().int().positive(),
  /** A resumable session answers 410 Gone this long after it was opened. */
  resumableSessionLifetimeSeconds: z.number().positive(),
  /** Delay between the bytes arriving and the media becoming UPLOADED. */
  processingDelayMs: z.number().int().nonnegative(),
  /**
   * The server's own work on uploaded bytes (storage's MD5 for the ETag, ingest's thumbnail and
   * preview): as the bytes land, as GCS and HUVR do, or deferred until first needed, so that a
   * benchmark on one machine does not bill the server's CPU to the client it measures.
   */
  serverWork: z.enum(['on-upload', 'deferred']),
  thumbnailWidth: z.number().int().positive(),
  previewWidth: z.number().int().positive(),
  /** Accept `client_id` as an inspection-media list filter (lets a client find a twin). */
  mediaClientIdFilter: z.boolean(),
  /**
   * What `POST`/`PATCH /api/inspection-media/{id}/overlays/` answer: 200 with the whole media
   * record (the spec's declared response), or the overlay alone (201 on create, 200 on edit).
   */
  overlayWriteAnswer: z.enum(['media', 'overlay']),
  /**
   * `defect` in an overlay write: an existing finding's id or a nested DefectCreate object (a new
   * finding), or only the nested object, as a plain DRF nested serializer would take it.
   */
  overlayDefectInput: z.enum(['id-or-object', 'object']),
  /** Serve `GET /api/inspection-media/{id}/overlays/` (a bare array); the spec declares no GET. */
  overlayListRoute: z.boolean(),
  /** How many request-log entries are kept (oldest dropped first). */
  requestLogLimit: z.number().int().positive(),
  /** Added to every request (API and storage): the link's round trip. */
  linkLatencyMs: z.number().nonnegative(),
  /** Bits per second each connection carries, each way (null: no cap). */
  linkConnectionBitsPerSecond: z.number().positive().nullable(),
  /** Bits per second all connections carry together, each way (null: no cap). */
  linkTotalBitsPerSecond: z.number().positive().nullable(),
})
export type HuvrSettings = z.infer<typeof settingsSchema>

export const DEFAULT_SETTINGS: HuvrSettings = {
  tokenLifetimeSeconds: 3600,
  tokenType: 'Token',
  badCredentialsStatus: 401,
  missingTrailingSlash: 'not-found',
  notFoundDetail: 'Not found.',
  defaultPageSize: 100,
  maxPageSize: 1000,
  updatedOnParams: {
    exact: 'updated_on',
    after: 'updated_on_after',
    before: 'updated_on_before',
  },
  orderingFields: {},
  searchFields: {},
  invalidForeignKeyFilter: 'reject',
  throttle: null,
  deniedPermissions: [],
  uploadUrlLifetimeSeconds: 15 * 60,
  downloadUrlLifetimeSeconds: 60 * 60,
  uploadMetaHeader: true,
  uploadOnListResults: true,
  resumableUploads: false,
  resumableChunkGranularity: 256 * 1024,
  resumableSessionLifetimeSeconds: 7 * 24 * 60 * 60,
  processingDelayMs: 200,
  serverWork: 'on-upload',
  thumbnailWidth: 320,
  previewWidth: 1280,
  mediaClientIdFilter: true,
  overlayWriteAnswer: 'media',
  overlayDefectInput: 'id-or-object',
  overlayListRoute: false,
  requestLogLimit: 10_000,
  linkLatencyMs: 0,
  linkConnectionBitsPerSecond: null,
  linkTotalBitsPerSecond: null,
}

export const DEFAULT_FAULTS: FaultSettings = defaultFaults(['/api/', '/storage/'])

export const settingsPatchSchema = settingsSchema
  .extend({ updatedOnParams: updatedOnParamsSchema.partial() })
  .partial()
  .strict()

export type SettingsPatch = z.input<typeof settingsPatchSchema>
/** What `configure()` and the control route accept. */
export type ConfigPatch = CommonConfigPatch<SettingsPatch>

/** Applies a validated patch; nested `updatedOnParams` merges key by key. */
export function mergeSettings(current: HuvrSettings, patch: SettingsPatch = {}): HuvrSettings {
  const parsed = settingsPatchSchema.parse(patch)
  const { updatedOnParams, ...rest } = parsed
  const merged: HuvrSettings = {
    ...current,
    ...stripUndefined(rest),
    updatedOnParams: { ...current.updatedOnParams, ...stripUndefined(updatedOnParams ?? {}) },
  }
  return settingsSchema.parse(merged)
}

import { z } from 'zod'

/**
 * What we rely on in HUVR's answers, checked at the boundary. Objects are loose: fields we do
 * not know are kept (and stored), so a newer server never loses data in the cache.
 */
export const tokenResponseSchema = z.looseObject({
  access_token: z.string().min(1),
  // HUVR sends the lifetime as a string of seconds.
  expires_in: z.union([z.string(), z.number()]).optional(),
  token_type: z.string().optional(),
})

export const pageSchema = z.looseObject({
  count: z.number().int().nonnegative(),
  next: z.string().nullable(),
  previous: z.string().nullable().optional(),
  results: z.array(z.unknown()),
})
export type Page = z.infer<typeof pageSchema>

const ref = z.looseObject({ id: z.number().int(), name: z.string().nullish() })
const refOrId = z.union([ref, z.number().int()]).nullish()

export const assetSchema = z.looseObject({
  id: z.number().int(),
  name: z.string(),
  description: z.string().nullish(),
  type: refOrId,
  parent: z
    .union([
      z.looseObject({ id: z.number().int(), asset_path: z.string().nullish() }),
      z.number().int(),
    ])
    .nullish(),
  asset_path: z.string().nullish(),
  external_id: z.string().nullish(),
  serial_number: z.string().nullish(),
  is_active: z.boolean().nullish(),
  updated_on: z.string().nullish(),
})
export type HuvrAsset = z.infer<typeof assetSchema>

export const projectSchema = z.looseObject({
  id: z.number().int(),
  name: z.string(),
  asset: refOrId,
  asset_id: z.number().int().nullish(),
  type: refOrId,
  status: z.string().nullish(),
  priority: z.string().nullish(),
  start: z.string().nullish(),
  end: z.string().nullish(),
  updated_on: z.string().nullish(),
})
export type HuvrProject = z.infer<typeof projectSchema>

export const userSchema = z.looseObject({
  id: z.number().int(),
  name: z.string().nullish(),
  email: z.string().nullish(),
})

export const mediaSchema = z.looseObject({
  id: z.number().int(),
  name: z.string().nullish(),
  state: z.string().nullish(),
  media_type: z.string().nullish(),
  captured_on: z.string().nullish(),
  project: refOrId,
  thumbnail: z.string().nullish(),
  preview: z.string().nullish(),
})
export type HuvrMedia = z.infer<typeof mediaSchema>

export const checklistSchema = z.looseObject({
  id: z.number().int(),
  project: refOrId,
  template: z
    .union([z.looseObject({ name: z.string().nullish() }), z.number(), z.string()])
    .nullish(),
})

export const defectSchema = z.looseObject({
  id: z.number().int(),
  project: refOrId,
  severity: z.union([z.string(), z.number(), ref]).nullish(),
  state: z.string().nullish(),
})

export const measurementSchema = z.looseObject({
  id: z.number().int(),
  project: refOrId,
  cml: z.union([ref, z.number().int(), z.string()]).nullish(),
})

/** The id of a reference that HUVR sends either nested ({id, …}) or flat (an int). */
export function refId(value: z.infer<typeof refOrId>): number | null {
  if (value === null || value === undefined) return null
  return typeof value === 'number' ? value : value.id
}

export function refName(value: z.infer<typeof refOrId>): string | null {
  return value !== null && typeof value === 'object' ? (value.name ?? null) : null
}

/** Where the bytes of a new media record go: a signed storage URL and the exact headers it needs. */
export const uploadTargetSchema = z.looseObject({
  url: z.string().url(),
  headers: z.record(z.string(), z.string()).default({}),
})

/** A media record as the upload needs it (create answers, retrieve answers, list items). */
export const mediaRecordSchema = mediaSchema.extend({
  client_id: z.string().nullish(),
  upload: uploadTargetSchema.nullish(),
})
export type HuvrMediaRecord = z.infer<typeof mediaRecordSchema>

import { z } from 'zod'

/** Shapes of the HUVR cache as the renderer sees them. `id` is HUVR's; `connectionId` says which account. */
const recordRef = { connectionId: z.string(), id: z.number().int() }

export const assetRowSchema = z.object({
  ...recordRef,
  name: z.string(),
  typeName: z.string().nullable(),
  assetPath: z.string().nullable(),
  externalId: z.string().nullable(),
  parentId: z.number().int().nullable(),
  isActive: z.boolean().nullable(),
})
export type AssetRow = z.infer<typeof assetRowSchema>

export const projectRowSchema = z.object({
  ...recordRef,
  name: z.string(),
  assetId: z.number().int().nullable(),
  assetName: z.string().nullable(),
  typeName: z.string().nullable(),
  status: z.string().nullable(),
  priority: z.string().nullable(),
  startOn: z.string().nullable(),
  endOn: z.string().nullable(),
  availableOffline: z.boolean(),
})
export type ProjectRow = z.infer<typeof projectRowSchema>

export const mediaRowSchema = z.object({
  ...recordRef,
  name: z.string().nullable(),
  state: z.string().nullable(),
  mediaType: z.string().nullable(),
  capturedOn: z.string().nullable(),
  /** A file in the app's own store; the renderer turns it into an image URL with fileUrl(). */
  thumbnailSha256: z.string().nullable(),
})
export type MediaRow = z.infer<typeof mediaRowSchema>

/** The server's record, with every field it sent (unknown ones included). */
const serverRecord = z.record(z.string(), z.unknown())

const childRow = z.object({ ...recordRef, record: serverRecord })

export const assetDetailSchema = z.object({
  row: assetRowSchema,
  record: serverRecord,
  parent: assetRowSchema.nullable(),
  children: z.array(assetRowSchema),
  projects: z.array(projectRowSchema),
})
export type AssetDetail = z.infer<typeof assetDetailSchema>

export const projectDetailSchema = z.object({
  row: projectRowSchema,
  record: serverRecord,
  media: z.array(mediaRowSchema),
  checklists: z.array(childRow),
  defects: z.array(childRow),
  measurements: z.array(childRow),
})
export type ProjectDetail = z.infer<typeof projectDetailSchema>

const pageParams = {
  /** Free text: any part (three characters or more) of the name, description, path, external id or type. */
  query: z.string().max(200).default(''),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(500).default(100),
}

export const assetSearchParamsSchema = z
  .object({
    ...pageParams,
    type: z.string().optional(),
    /** Children of this asset (with connectionId); null for top-level assets only. */
    parentId: z.number().int().nullable().optional(),
    connectionId: z.string().optional(),
  })
  .strict()

export const projectSearchParamsSchema = z
  .object({
    ...pageParams,
    status: z.string().optional(),
    assetId: z.number().int().optional(),
    connectionId: z.string().optional(),
  })
  .strict()

export const pageOf = <T extends z.ZodType>(row: T) =>
  z.object({ total: z.number().int().nonnegative(), rows: z.array(row) })

export const recordRefSchema = z.object(recordRef).strict()

export const huvrAccountParamsSchema = z
  .object({
    name: z.string().trim().min(1).max(100),
    baseUrl: z.url({ protocol: /^https?$/ }),
    clientId: z.string().trim().min(1),
    clientSecret: z.string().min(1),
  })
  .strict()
export type HuvrAccountParams = z.infer<typeof huvrAccountParamsSchema>

export const connectionTestResultSchema = z.object({
  ok: z.boolean(),
  /** One sentence: who we are signed in as, or what is wrong and what to do. */
  message: z.string(),
})

export const sandboxPresetSchema = z.object({
  system: z.string(),
  baseUrl: z.string(),
  credentials: z.record(z.string(), z.string()),
})

export const kindSummarySchema = z.object({
  fetched: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  deleted: z.number().int(),
  errors: z.array(z.string()),
})

export const syncResultSchema = z.object({
  connectionId: z.string(),
  name: z.string(),
  ok: z.boolean(),
  startedAt: z.number().int(),
  finishedAt: z.number().int(),
  /** A connection-level failure (e.g. wrong credentials), when nothing could be pulled. */
  error: z.string().nullable(),
  kinds: z.record(z.string(), kindSummarySchema),
  /** What the push of local edits did before the pull; null when it did not run. */
  pushed: z
    .object({
      sent: z.number().int(),
      failed: z.number().int(),
      conflicts: z.number().int(),
      remaining: z.number().int(),
    })
    .nullable(),
})
export type SyncResult = z.infer<typeof syncResultSchema>

export const syncStatusSchema = z.object({
  running: z.array(z.string()),
  last: z.array(syncResultSchema),
})

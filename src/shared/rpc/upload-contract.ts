import { z } from 'zod'

/** The upload queue as the renderer sees it. */
export const UPLOAD_STATES = ['queued', 'running', 'paused', 'failed', 'done', 'cancelled'] as const

/** A HUVR project (by id) for inspection media, or a TransAM asset (by object_key) for documents. */
export const uploadTargetSchema = z
  .object({
    kind: z.enum(['huvr.project', 'transam.asset']),
    connectionId: z.string(),
    id: z.string(),
  })
  .strict()
export type UploadTarget = z.infer<typeof uploadTargetSchema>

export const uploadJobRowSchema = z.object({
  id: z.number().int(),
  connectionId: z.string(),
  target: z.object({ kind: z.string(), id: z.string() }),
  filename: z.string(),
  size: z.number().int(),
  /** How much of the file is in (live figures come with `upload.progress`). */
  bytesConfirmed: z.number().int().nonnegative(),
  state: z.enum(UPLOAD_STATES),
  /** create → send → confirm → complete */
  phase: z.string(),
  attempts: z.number().int(),
  /** Why it failed or is being retried, in words for the inspector. */
  lastError: z.string().nullable(),
  nextAttemptAt: z.number().int().nullable(),
  remoteId: z.string().nullable(),
  /** A small upright JPEG in the app's store (fileUrl), or null with placeholderReason. */
  thumbnailSha256: z.string().nullable(),
  placeholderReason: z.string().nullable(),
  mediaType: z.string().nullable(),
})
export type UploadJobRow = z.infer<typeof uploadJobRowSchema>

export const uploadListSchema = z.object({
  jobs: z.array(uploadJobRowSchema),
  totals: z.object({
    files: z.number().int(),
    done: z.number().int(),
    failed: z.number().int(),
    bytesTotal: z.number().int(),
    bytesDone: z.number().int(),
  }),
})

/** One file being sent, as `upload.progress` reports it. */
export const uploadJobProgressSchema = z.object({
  id: z.number().int(),
  bytes: z.number().int().nonnegative(),
  size: z.number().int().nonnegative(),
  /** Over the last few seconds; 0 until known. */
  bytesPerSecond: z.number().nonnegative(),
  /** null while the rate is unknown. */
  secondsLeft: z.number().nonnegative().nullable(),
})

export type UploadJobProgress = z.infer<typeof uploadJobProgressSchema>

/**
 * One account's uploads, pushed a few times a second while bytes flow and whenever a file's
 * step ends: files done of total, bytes (files being sent count as far as they got), rate and
 * time left for what is queued or running, and each file being sent.
 */
export const uploadProgressEventSchema = z.object({
  connectionId: z.string(),
  done: z.number().int().nonnegative(),
  total: z.number().int().nonnegative().nullable(),
  bytesDone: z.number().nonnegative(),
  bytesTotal: z.number().nonnegative(),
  bytesPerSecond: z.number().nonnegative(),
  secondsLeft: z.number().nonnegative().nullable(),
  jobs: z.array(uploadJobProgressSchema),
})
export type UploadProgressEvent = z.infer<typeof uploadProgressEventSchema>

export const importResultSchema = z.discriminatedUnion('ok', [
  z.object({
    path: z.string(),
    ok: z.literal(true),
    jobId: z.number().int(),
    alreadyQueued: z.boolean(),
    placeholderReason: z.string().nullable(),
  }),
  z.object({ path: z.string(), ok: z.literal(false), error: z.string() }),
])

export const importPathsParamsSchema = z
  .object({
    /** Files or folders on this computer (the Electron app and the CLI; browser mode posts the bytes to /import). */
    paths: z.array(z.string().min(1)).min(1).max(10_000),
    target: uploadTargetSchema,
    description: z.string().max(2000).optional(),
  })
  .strict()

export const jobIdParamsSchema = z.object({ jobId: z.number().int() }).strict()
export const optionalJobIdParamsSchema = z.object({ jobId: z.number().int().optional() }).strict()

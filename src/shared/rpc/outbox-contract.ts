import { z } from 'zod'

/**
 * Offline editing as the renderer sees it. Every edit lands in the local cache and a durable
 * outbox at once; the push sends it when the server is reachable. A record is named by its
 * connection, its kind and its id: the server's id as a string, or a negative number for a
 * record created here and not yet known to the server ("-3").
 */
export const EDITABLE_KINDS = [
  'huvr.asset',
  'huvr.project',
  'huvr.checklist',
  'huvr.defect',
  'huvr.measurement',
  /** A photo linked to a defect (HUVR calls it an overlay on the media). */
  'huvr.overlay',
  'transam.document',
] as const
export type EditableKind = (typeof EDITABLE_KINDS)[number]

/** What the inspector sees on a record: synced, waiting to be sent, refused, or held back. */
export const SYNC_STATES = ['synced', 'pending', 'failed', 'conflict'] as const
export type SyncState = (typeof SYNC_STATES)[number]

/** Editable fields are scalars; a checklist answer is one field per line ("section.line"). */
export const fieldValueSchema = z.union([z.string(), z.number(), z.boolean(), z.null()])
export type FieldValue = z.infer<typeof fieldValueSchema>
export const fieldValuesSchema = z.record(z.string().min(1).max(200), fieldValueSchema)
export type FieldValues = z.infer<typeof fieldValuesSchema>

export const recordKeySchema = z
  .object({
    connectionId: z.string().min(1),
    kind: z.enum(EDITABLE_KINDS),
    id: z.string().regex(/^(-?\d+|[0-9A-N]{12})$/, 'a record id'),
  })
  .strict()
export type RecordKey = z.infer<typeof recordKeySchema>

export const fieldConflictSchema = z.object({
  field: z.string(),
  /** The server's value when the inspector started editing. */
  base: fieldValueSchema,
  mine: fieldValueSchema,
  theirs: fieldValueSchema,
})
export type FieldConflict = z.infer<typeof fieldConflictSchema>

export const historyEntrySchema = z.object({
  /** Local order (a counter, not the wall clock). */
  seq: z.number().int(),
  /** Wall-clock time, for display only. */
  at: z.number().int(),
  action: z.enum([
    'created',
    'edited',
    'deleted',
    'sent',
    'failed',
    'conflict',
    'resolved',
    'discarded',
    'restored',
    'taken',
  ]),
  /** In words: what changed, or what the server said. */
  summary: z.string(),
  fields: fieldValuesSchema,
})
export type HistoryEntry = z.infer<typeof historyEntrySchema>

export const recordViewSchema = z.object({
  connectionId: z.string(),
  kind: z.enum(EDITABLE_KINDS),
  id: z.string(),
  /** A short name for lists and messages, e.g. "Defect 12 (Corrosion)". */
  title: z.string(),
  /** The editable fields as the inspector sees them: the server's copy plus local changes. */
  fields: fieldValuesSchema,
  /** The server's copy of the same fields, as last seen. */
  serverFields: fieldValuesSchema,
  /** The fields changed here and not yet accepted by the server. */
  pendingFields: z.array(z.string()),
  /** Deleted here; the deletion waits to be sent. */
  pendingDelete: z.boolean(),
  syncState: z.enum(SYNC_STATES),
  /** The outbox item behind pending/failed/conflict, for Retry, Discard and Resolve. */
  itemId: z.number().int().nullable(),
  conflicts: z.array(fieldConflictSchema),
  /** The record was deleted on the server while edited here: recreate it or discard the edits. */
  deletedOnServer: z.boolean(),
  /** The server's messages per field (a refused value), and the message as a whole. */
  fieldErrors: z.record(z.string(), z.array(z.string())),
  lastError: z.string().nullable(),
  /** The whole server record (unknown fields kept), e.g. a checklist's template sections. */
  record: z.record(z.string(), z.unknown()),
  history: z.array(historyEntrySchema),
})
export type RecordView = z.infer<typeof recordViewSchema>

export const recordUpdateParamsSchema = recordKeySchema
  .extend({ changes: fieldValuesSchema.refine((v) => Object.keys(v).length > 0, 'no changes') })
  .strict()

/**
 * A record created here. Its parent (a project for defects and measurements, an asset for a
 * project) may itself be one created here (a negative id): it is sent after its parent.
 */
export const recordCreateParamsSchema = z
  .object({
    connectionId: z.string().min(1),
    kind: z.enum(['huvr.project', 'huvr.defect', 'huvr.measurement', 'huvr.overlay']),
    fields: fieldValuesSchema,
  })
  .strict()

export const outboxItemSchema = z.object({
  itemId: z.number().int(),
  connectionId: z.string(),
  kind: z.enum(EDITABLE_KINDS),
  id: z.string(),
  title: z.string(),
  op: z.enum(['create', 'update', 'delete']),
  state: z.enum(['pending', 'in-flight', 'failed', 'conflict']),
  fields: fieldValuesSchema,
  attempts: z.number().int(),
  nextAttemptAt: z.number().int().nullable(),
  lastError: z.string().nullable(),
  fieldErrors: z.record(z.string(), z.array(z.string())),
  conflicts: z.array(fieldConflictSchema),
  deletedOnServer: z.boolean(),
  /** Waiting for the record it belongs to (created here) to reach the server first. */
  waitingForParent: z.boolean(),
})
export type OutboxItem = z.infer<typeof outboxItemSchema>

export const outboxCountsSchema = z.object({
  pending: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
  conflict: z.number().int().nonnegative(),
})
export type OutboxCounts = z.infer<typeof outboxCountsSchema>

export const resolveParamsSchema = z.discriminatedUnion('choice', [
  z.object({ itemId: z.number().int(), field: z.string(), choice: z.literal('mine') }).strict(),
  z.object({ itemId: z.number().int(), field: z.string(), choice: z.literal('theirs') }).strict(),
  z
    .object({
      itemId: z.number().int(),
      field: z.string(),
      choice: z.literal('merged'),
      value: fieldValueSchema,
    })
    .strict(),
  /** For a record deleted on the server: send it again as a new record. */
  z.object({ itemId: z.number().int(), choice: z.literal('recreate') }).strict(),
])
export type ResolveParams = z.infer<typeof resolveParamsSchema>

export const lookupSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  record: z.record(z.string(), z.unknown()),
})

export const cmlRowSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  record: z.record(z.string(), z.unknown()),
})

export const connectivitySchema = z.object({
  workOffline: z.boolean(),
  connections: z.array(
    z.object({
      connectionId: z.string(),
      reachable: z.boolean().nullable(),
      checkedAt: z.number().int().nullable(),
      nextCheckAt: z.number().int().nullable(),
    }),
  ),
})

/** A photo linked to a defect: on the server already, or linked here and waiting to be sent. */
export const linkedMediaSchema = z.object({
  mediaId: z.number().int(),
  name: z.string().nullable(),
  thumbnailSha256: z.string().nullable(),
  syncState: z.enum(SYNC_STATES),
  /** The outbox item of a link made here, for Retry and Discard. */
  itemId: z.number().int().nullable(),
})
export type LinkedMedia = z.infer<typeof linkedMediaSchema>

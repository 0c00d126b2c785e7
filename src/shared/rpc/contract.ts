import { z } from 'zod'
import { settingsPatchSchema, settingsSchema } from '../settings'
import {
  connectionTestResultSchema,
  huvrAccountParamsSchema,
  pageOf,
  projectDetailSchema,
  projectRowSchema,
  projectSearchParamsSchema,
  recordRefSchema,
  sandboxPresetSchema,
  syncResultSchema,
  syncStatusSchema,
} from './huvr-contract'
import type { EventName, MethodName } from './names'
import {
  importPathsParamsSchema,
  importResultSchema,
  jobIdParamsSchema,
  optionalJobIdParamsSchema,
  uploadListSchema,
  uploadProgressEventSchema,
} from './upload-contract'
import {
  cmlRowSchema,
  connectivitySchema,
  EDITABLE_KINDS,
  linkedMediaSchema,
  lookupSchema,
  outboxCountsSchema,
  outboxItemSchema,
  recordCreateParamsSchema,
  recordKeySchema,
  recordUpdateParamsSchema,
  recordViewSchema,
  resolveParamsSchema,
} from './outbox-contract'
import {
  documentRowSchema,
  huvrAssetDetailSchema,
  linkRefSchema,
  linkSuggestionSchema,
  transamAccountParamsSchema,
  transamAssetDetailSchema,
  transamAssetRowSchema,
  transamSignInResultSchema,
  unifiedAssetRowSchema,
  unifiedAssetSearchParamsSchema,
} from './transam-contract'

export const SYSTEMS = ['huvr', 'transam', 'navirec', 'valtronics', 'credo'] as const
export type SystemName = (typeof SYSTEMS)[number]

export const HOST_MODES = ['electron', 'browser', 'cli'] as const

const startupErrorSchema = z.object({
  code: z.string(),
  message: z.string(),
  /** What the user can do about it, in one sentence. */
  hint: z.string(),
})
export type StartupErrorInfo = z.infer<typeof startupErrorSchema>

export const appInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  mode: z.enum(HOST_MODES),
  dataDir: z.string(),
  /** null when the database could not be opened (see startupError). */
  schemaVersion: z.number().int().nullable(),
  /** 'sandbox' when no real account is configured and the simulators stand in. */
  workspace: z.enum(['sandbox', 'configured']),
  secretsProtection: z.string(),
  startupError: startupErrorSchema.nullable(),
})
export type AppInfo = z.infer<typeof appInfoSchema>

const countByStateSchema = z.record(z.string(), z.number().int().nonnegative())

export const connectionSummarySchema = z.object({
  id: z.string(),
  system: z.enum(SYSTEMS),
  name: z.string(),
  baseUrl: z.string(),
  /** Measured reachability; 'unknown' until first checked. */
  state: z.enum(['unknown', 'online', 'offline', 'needs-sign-in', 'error']),
  lastSyncAt: z.number().int().nullable(),
})
export type ConnectionSummary = z.infer<typeof connectionSummarySchema>

export const appStatusSchema = z.object({
  schemaVersion: z.number().int(),
  dataDir: z.string(),
  /** Rows per cached kind, e.g. `huvr.assets`. */
  counts: z.record(z.string(), z.number().int().nonnegative()),
  outbox: z.object({ total: z.number().int().nonnegative(), byState: countByStateSchema }),
  uploads: z.object({ total: z.number().int().nonnegative(), byState: countByStateSchema }),
  connections: z.array(connectionSummarySchema),
})
export type AppStatus = z.infer<typeof appStatusSchema>

const noParams = z.object({}).strict()
const transamKeySchema = z
  .object({ connectionId: z.string(), key: z.string().regex(/^[0-9A-N]{12}$/) })
  .strict()

/**
 * The whole RPC surface: method name → params schema → result schema. Params are validated on
 * every call; result schemas give the result types and are checked in tests.
 */
export const rpcContract = {
  'app.info': { params: noParams, result: appInfoSchema },
  'app.status': { params: noParams, result: appStatusSchema },
  'settings.get': { params: noParams, result: settingsSchema },
  'settings.update': { params: settingsPatchSchema, result: settingsSchema },
  'connections.sandboxPresets': { params: noParams, result: z.array(sandboxPresetSchema) },
  'connections.testHuvr': { params: huvrAccountParamsSchema, result: connectionTestResultSchema },
  'connections.addHuvr': { params: huvrAccountParamsSchema, result: connectionSummarySchema },
  'connections.remove': { params: z.object({ id: z.string() }).strict(), result: z.null() },
  'connections.addTransam': { params: transamAccountParamsSchema, result: connectionSummarySchema },
  'connections.signInTransam': {
    params: z.object({ id: z.string(), password: z.string().min(1) }).strict(),
    result: transamSignInResultSchema,
  },
  'connections.signOutTransam': { params: z.object({ id: z.string() }).strict(), result: z.null() },
  'sync.run': {
    params: z
      .object({ connectionId: z.string().optional(), full: z.boolean().optional() })
      .strict(),
    result: z.object({ started: z.array(z.string()) }),
  },
  'sync.status': { params: noParams, result: syncStatusSchema },
  'assets.search': {
    params: unifiedAssetSearchParamsSchema,
    result: pageOf(unifiedAssetRowSchema),
  },
  'assets.types': { params: noParams, result: z.array(z.string()) },
  'assets.get': { params: recordRefSchema, result: huvrAssetDetailSchema },
  'projects.search': { params: projectSearchParamsSchema, result: pageOf(projectRowSchema) },
  'projects.statuses': { params: noParams, result: z.array(z.string()) },
  'projects.get': { params: recordRefSchema, result: projectDetailSchema },
  'projects.setAvailableOffline': {
    params: recordRefSchema.extend({ available: z.boolean() }).strict(),
    result: projectRowSchema,
  },
  'transam.assets.get': { params: transamKeySchema, result: transamAssetDetailSchema },
  'transam.assets.setAvailableOffline': {
    params: transamKeySchema.extend({ available: z.boolean() }).strict(),
    result: transamAssetRowSchema,
  },
  /** Downloads a document into the app's store if it is not there yet; answers with its row. */
  'documents.fetch': { params: transamKeySchema, result: documentRowSchema },
  'links.suggestions': {
    params: z.object({ limit: z.number().int().min(1).max(500).default(100) }).strict(),
    result: z.array(linkSuggestionSchema),
  },
  'links.decide': {
    params: linkRefSchema
      .extend({ decision: z.enum(['confirmed', 'rejected', 'undecided']) })
      .strict(),
    result: z.null(),
  },
  'uploads.list': { params: noParams, result: uploadListSchema },
  /** Copies files into the app's store and queues them; each file answers for itself. */
  'uploads.importPaths': { params: importPathsParamsSchema, result: z.array(importResultSchema) },
  /** Without a jobId: every queued and running upload. Answers how many changed. */
  'uploads.pause': { params: optionalJobIdParamsSchema, result: z.number().int() },
  'uploads.resume': { params: optionalJobIdParamsSchema, result: z.number().int() },
  'uploads.retry': { params: jobIdParamsSchema, result: z.number().int() },
  'uploads.cancel': { params: jobIdParamsSchema, result: z.null() },
  /** A record as the inspector sees it (server copy + local edits), its sync state and history. */
  'records.get': { params: recordKeySchema, result: recordViewSchema },
  /** Where a record created here went: the server's id once the push sent it, else null. */
  'records.serverId': { params: recordKeySchema, result: z.string().nullable() },
  /** A project's defects, readings or checklists, each with its sync state (no history). */
  'records.listByProject': {
    params: z
      .object({
        connectionId: z.string(),
        kind: z.enum(['huvr.checklist', 'huvr.defect', 'huvr.measurement']),
        projectId: z.string().regex(/^-?\d+$/),
      })
      .strict(),
    result: z.array(recordViewSchema),
  },
  /** The photos linked to a defect, sent or not. */
  'records.linkedMedia': {
    params: z.object({ connectionId: z.string(), defectId: z.string().regex(/^-?\d+$/) }).strict(),
    result: z.array(linkedMediaSchema),
  },
  /** Saves at once, locally; the push sends only the changed fields later. */
  'records.update': { params: recordUpdateParamsSchema, result: recordViewSchema },
  'records.create': { params: recordCreateParamsSchema, result: recordViewSchema },
  'records.delete': { params: recordKeySchema, result: z.null() },
  'outbox.list': {
    params: z
      .object({ state: z.enum(['pending', 'in-flight', 'failed', 'conflict']).optional() })
      .strict(),
    result: z.array(outboxItemSchema),
  },
  'outbox.counts': {
    params: noParams,
    result: z.object({
      total: outboxCountsSchema,
      byConnection: z.record(z.string(), outboxCountsSchema),
    }),
  },
  /** Without an itemId: every failed item. Answers how many will be tried again. */
  'outbox.retry': {
    params: z.object({ itemId: z.number().int().optional() }).strict(),
    result: z.number().int(),
  },
  /** Drops an item (and a record created here with it); answers the id that undoes it. */
  'outbox.discard': {
    params: z.object({ itemId: z.number().int() }).strict(),
    result: z.object({ undoId: z.number().int() }),
  },
  'outbox.undoDiscard': {
    params: z.object({ undoId: z.number().int() }).strict(),
    result: z.null(),
  },
  'outbox.resolve': { params: resolveParamsSchema, result: recordViewSchema },
  'huvr.lookups': {
    params: z
      .object({ connectionId: z.string(), kind: z.enum(['defect-profiles', 'project-types']) })
      .strict(),
    result: z.array(lookupSchema),
  },
  /** The CMLs (measurement locations) of an asset, for the reading grid. */
  'huvr.cmls': {
    params: z.object({ connectionId: z.string(), assetId: z.number().int() }).strict(),
    result: z.array(cmlRowSchema),
  },
  /** Sends the outbox now (each reachable connection, or one); answers which started. */
  'sync.push': {
    params: z.object({ connectionId: z.string().optional() }).strict(),
    result: z.object({ started: z.array(z.string()) }),
  },
  'connectivity.get': { params: noParams, result: connectivitySchema },
} satisfies Record<MethodName, { params: z.ZodType; result: z.ZodType }>

export type RpcContract = typeof rpcContract
/** What a caller may send (defaults not yet applied). */
export type Params<M extends MethodName> = z.input<RpcContract[M]['params']>
/** What a handler receives once the params passed validation (defaults applied). */
export type ParsedParams<M extends MethodName> = z.output<RpcContract[M]['params']>
export type Result<M extends MethodName> = z.output<RpcContract[M]['result']>

const progressSchema = z.object({
  connectionId: z.string(),
  done: z.number().int().nonnegative(),
  total: z.number().int().nonnegative().nullable(),
})

/** Pushes from the core to every window. */
export const eventContract = {
  'settings.changed': settingsSchema,
  'connections.changed': z.null(),
  connectivity: z.object({ connectionId: z.string(), state: connectionSummarySchema.shape.state }),
  'sync.progress': progressSchema.extend({ collection: z.string() }),
  'sync.finished': syncResultSchema,
  'upload.progress': uploadProgressEventSchema,
  'record.changed': z.object({
    connectionId: z.string(),
    kind: z.enum(EDITABLE_KINDS),
    id: z.string(),
    /** Set when a record created here got its server id. */
    newId: z.string().optional(),
  }),
  'outbox.changed': z.object({ connectionId: z.string(), counts: outboxCountsSchema }),
  'connectivity.changed': connectivitySchema,
} satisfies Record<EventName, z.ZodType>

export type EventContract = typeof eventContract
export type EventPayload<E extends EventName> = z.output<EventContract[E]>

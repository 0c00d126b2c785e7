import type { Database } from 'better-sqlite3'
import pMap from 'p-map'
import type { TransamClient } from '../../connectors/transam/client'
import { sparingLocalEdits } from '../../outbox/local-records'
import { ConnectorError } from '../../connectors/errors'
import {
  assetIndexDataSchema,
  assetSchema,
  documentDataSchema,
  documentsDataSchema,
  organizationSchema,
  usersDataSchema,
  type TransamAsset,
  type TransamDocument,
} from '../../connectors/transam/schemas'
import type { FileStore } from '../../files/file-store'
import type { Logger } from '../../log/logger'
import type { Clock } from '../../platform/ports'
import { CacheWriter, type SqlValue } from '../cache-writer'
import { emptySummary, type KindSummary, type PullSummary } from '../summary'

export interface TransamPullContext {
  db: Database
  client: TransamClient
  connectionId: string
  clock: Clock
  log: Logger
  files: FileStore
  /** Asset details and document lists fetched at once (TransAM lists assets without details). */
  concurrency: number
  onProgress(progress: { collection: string; done: number; total: number | null }): void
}

/**
 * Pulls one TransAM account: organizations, their users, every asset with its details, and each
 * asset's document list; documents of assets marked available offline are downloaded. As with
 * HUVR, a failing collection is reported without stopping the others, and nothing is deleted
 * locally unless TransAM confirms (a 404 for that very record) that it is gone.
 */
export async function pullTransam(ctx: TransamPullContext): Promise<PullSummary> {
  const organizations = emptySummary()
  const users = emptySummary()
  const assets = emptySummary()
  const documents = emptySummary()
  const attempt = async (kind: KindSummary, step: () => Promise<void>) => {
    try {
      await step()
    } catch (error) {
      // A refused token stops everything: the caller turns it into "needs sign-in".
      if (error instanceof ConnectorError && error.kind === 'auth') throw error
      kind.errors.push(error instanceof Error ? error.message : String(error))
      ctx.log.error({ err: error }, 'transam pull failed')
    }
  }
  let organizationIds: number[] = []
  await attempt(organizations, async () => {
    organizationIds = await pullOrganizations(ctx, organizations)
  })
  await attempt(users, () => pullUsers(ctx, organizationIds, users))
  let assetKeys: string[] = []
  await attempt(assets, async () => {
    assetKeys = await pullAssets(ctx, assets)
  })
  await attempt(documents, () => pullDocuments(ctx, assetKeys, documents))
  await attempt(documents, () => downloadOfflineDocuments(ctx, documents))
  return {
    'transam.organizations': organizations,
    'transam.users': users,
    'transam.assets': assets,
    'transam.documents': documents,
  }
}

async function pullOrganizations(ctx: TransamPullContext, kind: KindSummary): Promise<number[]> {
  // The index answers with a bare array in `data` (one of TransAM's quirks).
  const organizations = await ctx.client.get('/api/v1/organizations', organizationSchema.array())
  const syncedAt = ctx.clock.now()
  writeAll(
    ctx,
    'transam_organizations',
    organizations,
    (o) => o.id,
    (o) => ({ name: o.name ?? null, short_name: o.short_name ?? null }),
    syncedAt,
    kind,
  )
  await removeUnlisted(
    ctx,
    'transam_organizations',
    organizations.map((o) => o.id),
    syncedAt,
    kind,
    (id) => ctx.client.get(`/api/v1/organizations/${id}`, null),
  )
  return organizations.map((o) => o.id)
}

async function pullUsers(
  ctx: TransamPullContext,
  organizationIds: number[],
  kind: KindSummary,
): Promise<void> {
  const syncedAt = ctx.clock.now()
  for (const organizationId of organizationIds) {
    const { users } = await ctx.client.get(
      `/api/v1/users?organization_id=${organizationId}`,
      usersDataSchema,
    )
    writeAll(
      ctx,
      'transam_users',
      users,
      (u) => u.id,
      (u) => ({ name: u.name ?? null, email: u.email ?? null, organization_id: organizationId }),
      syncedAt,
      kind,
    )
  }
}

async function pullAssets(ctx: TransamPullContext, kind: KindSummary): Promise<string[]> {
  // The index returns every asset at once but only in summary; details come one asset at a time.
  const index = await ctx.client.get('/api/v1/assets', assetIndexDataSchema)
  const keys = index.assets.map((asset) => asset.object_key)
  const syncedAt = ctx.clock.now()
  let done = 0
  await inBatches(keys, ctx.concurrency * 8, async (batch) => {
    const assets = await pMap(
      batch,
      (key) => ctx.client.get(`/api/v1/assets/${key}`, assetSchema),
      { concurrency: ctx.concurrency },
    )
    writeAll(ctx, 'transam_assets', assets, (a) => a.object_key, assetColumns, syncedAt, kind)
    done += assets.length
    ctx.onProgress({ collection: 'transam.assets', done, total: keys.length })
  })
  await removeUnlisted(
    ctx,
    'transam_assets',
    keys,
    syncedAt,
    kind,
    (key) => ctx.client.get(`/api/v1/assets/${key}`, null),
    (key) => {
      ctx.db
        .prepare('DELETE FROM transam_documents WHERE connection_id = ? AND asset_key = ?')
        .run(ctx.connectionId, key)
    },
  )
  return keys
}

async function pullDocuments(
  ctx: TransamPullContext,
  assetKeys: string[],
  kind: KindSummary,
): Promise<void> {
  const syncedAt = ctx.clock.now()
  let done = 0
  await inBatches(assetKeys, ctx.concurrency * 8, async (batch) => {
    const lists = await pMap(
      batch,
      async (assetKey) => ({
        assetKey,
        documents: (
          await ctx.client.get(`/api/v1/assets/${assetKey}/documents`, documentsDataSchema)
        ).documents,
      }),
      { concurrency: ctx.concurrency },
    )
    ctx.db.transaction(() => {
      for (const { assetKey, documents } of lists) {
        writeAll(
          ctx,
          'transam_documents',
          documents,
          (d) => d.object_key,
          (d) => documentColumns(assetKey, d),
          syncedAt,
          kind,
          false,
        )
      }
    })()
    done += batch.length
    ctx.onProgress({ collection: 'transam.documents', done, total: assetKeys.length })
  })
  const listed = new Set(
    ctx.db
      .prepare('SELECT remote_id FROM transam_documents WHERE connection_id = ? AND synced_at >= ?')
      .pluck()
      .all(ctx.connectionId, syncedAt) as string[],
  )
  await removeUnlisted(ctx, 'transam_documents', [...listed], syncedAt, kind, (key) =>
    ctx.client.get(`/api/v1/assets/${assetKeyOf(ctx, String(key))}/documents/${key}`, null),
  )
}

/** Documents of assets marked available offline, downloaded into the store if not there yet. */
async function downloadOfflineDocuments(ctx: TransamPullContext, kind: KindSummary): Promise<void> {
  const missing = ctx.db
    .prepare(
      `SELECT d.remote_id FROM transam_documents d JOIN transam_assets a
         ON a.connection_id = d.connection_id AND a.remote_id = d.asset_key
       WHERE d.connection_id = ? AND a.available_offline = 1 AND d.file_sha256 IS NULL`,
    )
    .pluck()
    .all(ctx.connectionId) as string[]
  for (const key of missing) {
    try {
      await fetchDocumentFile(ctx, key)
    } catch (error) {
      if (error instanceof ConnectorError && error.kind === 'auth') throw error
      kind.errors.push(`Document ${key}: ${error instanceof Error ? error.message : String(error)}`)
    }
  }
}

/**
 * Downloads one document into the store and records it. The signed URL from the last sync may
 * have expired, so the document is asked for again first to get a fresh one.
 */
export async function fetchDocumentFile(
  ctx: Pick<TransamPullContext, 'db' | 'client' | 'connectionId' | 'files' | 'clock'>,
  key: string,
): Promise<string> {
  const assetKey = assetKeyOf(ctx, key)
  const { document } = await ctx.client.get(
    `/api/v1/assets/${assetKey}/documents/${key}`,
    documentDataSchema,
  )
  if (!document.url)
    throw new ConnectorError('not-found', `TransAM has no file for document ${key}.`)
  const bytes = await ctx.client.download(document.url)
  const sha256 = ctx.files.put(bytes)
  ctx.db.transaction(() => {
    ctx.db
      .prepare(
        'INSERT OR IGNORE INTO local_files (sha256, size, media_type, created_at) VALUES (?, ?, NULL, ?)',
      )
      .run(sha256, bytes.length, ctx.clock.now())
    ctx.db
      .prepare(
        'UPDATE transam_documents SET file_sha256 = ?, size = ? WHERE connection_id = ? AND remote_id = ?',
      )
      .run(sha256, bytes.length, ctx.connectionId, key)
  })()
  return sha256
}

function assetKeyOf(
  ctx: Pick<TransamPullContext, 'db' | 'connectionId'>,
  documentKey: string,
): string {
  const assetKey = ctx.db
    .prepare('SELECT asset_key FROM transam_documents WHERE connection_id = ? AND remote_id = ?')
    .pluck()
    .get(ctx.connectionId, documentKey) as string | undefined
  if (assetKey === undefined)
    throw new ConnectorError('not-found', `Document ${documentKey} is not in the offline cache.`)
  return assetKey
}

function assetColumns(asset: TransamAsset): Record<string, SqlValue> {
  return {
    description: asset.description ?? null,
    asset_tag: asset.asset_tag ?? null,
    external_id: asset.external_id ?? null,
    serial_number: asset.serial_number ?? null,
    type_name: asset.asset_subtype?.asset_type?.name ?? null,
    subtype_name: asset.asset_subtype?.name ?? null,
    organization: asset.organization?.name ?? null,
    in_service_date: asset.in_service_date ?? null,
  }
}

function documentColumns(assetKey: string, document: TransamDocument): Record<string, SqlValue> {
  return {
    asset_key: assetKey,
    description: document.description ?? null,
    filename: document.original_filename ?? null,
  }
}

/** Writes records in one transaction (or in the caller's, with own = false). */
function writeAll<T>(
  ctx: TransamPullContext,
  table: string,
  records: T[],
  key: (record: T) => string | number,
  columns: (record: T) => Record<string, SqlValue>,
  syncedAt: number,
  kind: KindSummary,
  own = true,
): void {
  const writer = new CacheWriter(ctx.db, table)
  const write = () => {
    for (const record of records)
      writer.write(
        ctx.connectionId,
        key(record),
        columns(record),
        JSON.stringify(record),
        syncedAt,
        kind,
      )
  }
  if (own) ctx.db.transaction(write)()
  else write()
  kind.fetched += records.length
}

/**
 * Removes what TransAM no longer lists, one confirmed 404 at a time; when the list came back
 * empty or far shorter than the cache, nothing goes (the fail-safe).
 */
async function removeUnlisted(
  ctx: TransamPullContext,
  table: string,
  listed: (string | number)[],
  syncedAt: number,
  kind: KindSummary,
  lookUp: (key: string | number) => Promise<unknown>,
  alsoRemove: (key: string) => void = () => undefined,
): Promise<void> {
  const stale = ctx.db
    .prepare(
      `SELECT remote_id FROM ${table} WHERE connection_id = ? AND synced_at < ? ${sparingLocalEdits(table)}`,
    )
    .pluck()
    .all(ctx.connectionId, syncedAt) as (string | number)[]
  if (stale.length === 0) return
  const cached = stale.length + listed.length
  if (listed.length === 0 || stale.length > cached / 2) {
    kind.errors.push(
      `TransAM listed ${listed.length} where ${cached} are cached; keeping the cached ones (fail-safe).`,
    )
    return
  }
  const remove = ctx.db.prepare(`DELETE FROM ${table} WHERE connection_id = ? AND remote_id = ?`)
  for (const key of stale) {
    try {
      await lookUp(key)
    } catch (error) {
      if (!(error instanceof ConnectorError && error.kind === 'not-found')) throw error
      ctx.db.transaction(() => {
        remove.run(ctx.connectionId, key)
        alsoRemove(String(key))
      })()
      kind.deleted++
    }
  }
}

async function inBatches<T>(
  items: T[],
  size: number,
  run: (batch: T[]) => Promise<void>,
): Promise<void> {
  for (let start = 0; start < items.length; start += size)
    await run(items.slice(start, start + size))
}

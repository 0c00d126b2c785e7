import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import type { Database } from 'better-sqlite3'
import { ConnectorError } from '../connectors/errors'
import type { TransamClient } from '../connectors/transam/client'
import { documentsDataSchema, type TransamDocument } from '../connectors/transam/schemas'
import type { FileStore } from '../files/file-store'
import type { Clock } from '../platform/ports'
import type { StepOutcome } from './huvr-media'
import { updateJob, type UploadJob } from './jobs'

/** TransAM refuses documents over 4 MB (`max_upload_file_size`); checked before anything is sent. */
export const TRANSAM_MAX_DOCUMENT_BYTES = 4 * 1024 * 1024

export interface DocumentStepContext {
  db: Database
  client: TransamClient
  files: FileStore
  clock: Clock
}

/**
 * One TransAM document upload. TransAM has no client-chosen id, so a POST whose outcome is
 * unknown is resolved by the documented match rule before sending again: a document on the
 * asset with the same description whose bytes have the same sha256, not already claimed by
 * another upload.
 */
export async function advanceTransamDocument(
  ctx: DocumentStepContext,
  job: UploadJob,
): Promise<StepOutcome> {
  if (job.phase === 'complete') return { done: true }
  const path = ctx.files.pathFor(job.content_sha256)
  if (path === null) {
    throw new ConnectorError(
      'not-found',
      `The local copy of ${job.filename} is missing from Fieldstation's store; import the file again.`,
    )
  }
  // 'send' is written before the POST goes out: a job found in it may have created its document
  // already (the process was killed, or the answer lost), so it looks before sending again.
  const twin = job.phase === 'send' || job.attempts > 0 ? await findTwin(ctx, job) : null
  if (twin === null) updateJob(ctx.db, job.id, { phase: 'send' }, ctx.clock.now())
  const document =
    twin ??
    (await ctx.client.uploadDocument(job.target_id, {
      bytes: await readFile(path),
      filename: job.filename,
      description: job.description,
    }))
  ctx.db.transaction(() => {
    updateJob(
      ctx.db,
      job.id,
      { remote_id: document.object_key, phase: 'complete', bytes_confirmed: job.size },
      ctx.clock.now(),
    )
    cacheUploadedDocument(ctx, job, document)
  })()
  return { done: true }
}

/**
 * The new document goes into the asset's cached list at once, readable from the copy already in
 * the store: the inspector sees it there without waiting for the next sync.
 */
function cacheUploadedDocument(
  ctx: DocumentStepContext,
  job: UploadJob,
  document: TransamDocument,
): void {
  const record = { original_filename: job.filename, ...document }
  ctx.db
    .prepare(
      `INSERT INTO transam_documents (connection_id, remote_id, asset_key, description, filename, size, file_sha256, data, synced_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (connection_id, remote_id) DO UPDATE SET size = excluded.size, file_sha256 = excluded.file_sha256`,
    )
    .run(
      job.connection_id,
      document.object_key,
      job.target_id,
      document.description ?? job.description,
      job.filename,
      job.size,
      job.content_sha256,
      JSON.stringify(record),
      ctx.clock.now(),
    )
}

async function findTwin(ctx: DocumentStepContext, job: UploadJob): Promise<TransamDocument | null> {
  const { documents } = await ctx.client.get(
    `/api/v1/assets/${job.target_id}/documents`,
    documentsDataSchema,
  )
  const claimed = new Set(
    ctx.db
      .prepare(
        "SELECT remote_id FROM upload_jobs WHERE target_kind = 'transam.asset' AND remote_id IS NOT NULL AND id <> ?",
      )
      .pluck()
      .all(job.id) as string[],
  )
  for (const document of documents) {
    if (
      claimed.has(document.object_key) ||
      (document.description ?? '') !== (job.description ?? '') ||
      !document.url
    )
      continue
    const bytes = await ctx.client.download(document.url)
    if (createHash('sha256').update(bytes).digest('hex') === job.content_sha256) return document
  }
  return null
}

import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import type { Database } from 'better-sqlite3'
import { ConnectorError } from '../connectors/errors'
import type { TransamClient } from '../connectors/transam/client'
import { documentsDataSchema } from '../connectors/transam/schemas'
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
  const key =
    twin ??
    (
      await ctx.client.uploadDocument(job.target_id, {
        bytes: await readFile(path),
        filename: job.filename,
        description: job.description,
      })
    ).object_key
  updateJob(
    ctx.db,
    job.id,
    { remote_id: key, phase: 'complete', bytes_confirmed: job.size },
    ctx.clock.now(),
  )
  return { done: true }
}

async function findTwin(ctx: DocumentStepContext, job: UploadJob): Promise<string | null> {
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
    if (createHash('sha256').update(bytes).digest('hex') === job.content_sha256)
      return document.object_key
  }
  return null
}

import { randomUUID } from 'node:crypto'
import type { Database } from 'better-sqlite3'
import { z } from 'zod'
import type { UploadJobRow } from '../../shared/rpc/upload-contract'

/** One row of the upload queue, validated on the way out of SQLite (a job outlives app versions). */
export const uploadJobSchema = z.object({
  id: z.number().int(),
  connection_id: z.string(),
  target_kind: z.enum(['huvr.project', 'transam.asset']),
  target_id: z.string(),
  content_sha256: z.string(),
  filename: z.string(),
  size: z.number().int(),
  state: z.enum(['queued', 'running', 'paused', 'failed', 'done', 'cancelled']),
  attempts: z.number().int(),
  next_attempt_at: z.number().int().nullable(),
  bytes_confirmed: z.number().int(),
  last_error: z.string().nullable(),
  remote_id: z.string().nullable(),
  client_id: z.string().nullable(),
  phase: z.enum(['create', 'send', 'confirm', 'complete']),
  session_url: z.string().nullable(),
  remote_state: z.string().nullable(),
  source_path: z.string().nullable(),
  media_type: z.string().nullable(),
  description: z.string().nullable(),
  captured_at: z.string().nullable(),
  gps: z.string().nullable(),
  thumbnail_sha256: z.string().nullable(),
  placeholder_reason: z.string().nullable(),
  created_at: z.number().int(),
  updated_at: z.number().int(),
})
export type UploadJob = z.infer<typeof uploadJobSchema>

export interface NewUpload {
  connectionId: string
  targetKind: UploadJob['target_kind']
  targetId: string
  sha256: string
  filename: string
  size: number
  sourcePath: string
  mediaType: string
  description: string | null
  capturedAt: string | null
  gps: { latitude: number; longitude: number; altitude: number | null } | null
  thumbnailSha256: string | null
  placeholderReason: string | null
}

/**
 * Queues a file for a target. The same content onto the same target is one job (the table's
 * unique key), so importing a card twice uploads each photo once; answers the job and whether
 * it was new.
 */
export function enqueueUpload(
  db: Database,
  upload: NewUpload,
  now: number,
): { job: UploadJob; created: boolean } {
  const inserted = db
    .prepare(
      `INSERT INTO upload_jobs (connection_id, target_kind, target_id, content_sha256, filename, size, source_path,
         media_type, description, captured_at, gps, thumbnail_sha256, placeholder_reason, client_id, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (connection_id, target_kind, target_id, content_sha256) DO NOTHING`,
    )
    .run(
      upload.connectionId,
      upload.targetKind,
      upload.targetId,
      upload.sha256,
      upload.filename,
      upload.size,
      upload.sourcePath,
      upload.mediaType,
      upload.description,
      upload.capturedAt,
      upload.gps === null ? null : JSON.stringify(upload.gps),
      upload.thumbnailSha256,
      upload.placeholderReason,
      // Chosen before anything is sent: a retry finds the record it made by this id.
      randomUUID(),
      now,
      now,
    )
  const row = db
    .prepare(
      'SELECT * FROM upload_jobs WHERE connection_id = ? AND target_kind = ? AND target_id = ? AND content_sha256 = ?',
    )
    .get(upload.connectionId, upload.targetKind, upload.targetId, upload.sha256)
  return { job: uploadJobSchema.parse(row), created: inserted.changes === 1 }
}

export function getJob(db: Database, id: number): UploadJob | null {
  const row = db.prepare('SELECT * FROM upload_jobs WHERE id = ?').get(id)
  return row === undefined ? null : uploadJobSchema.parse(row)
}

export function listJobs(db: Database): UploadJob[] {
  return db
    .prepare('SELECT * FROM upload_jobs ORDER BY id')
    .all()
    .map((row) => uploadJobSchema.parse(row))
}

type JobChanges = Partial<Omit<UploadJob, 'id' | 'connection_id' | 'created_at'>>

/** Saves a job's progress; every step of an upload is persisted before the next one starts. */
export function updateJob(db: Database, id: number, changes: JobChanges, now: number): void {
  const entries = Object.entries({ ...changes, updated_at: now })
  db.prepare(
    `UPDATE upload_jobs SET ${entries.map(([column]) => `${column} = ?`).join(', ')} WHERE id = ?`,
  ).run(...entries.map(([, value]) => value), id)
}

/** After a crash nothing is really running: those jobs go back to the queue (Signal's JobManager does the same). */
export function requeueInterrupted(db: Database, now: number): number {
  return db
    .prepare("UPDATE upload_jobs SET state = 'queued', updated_at = ? WHERE state = 'running'")
    .run(now).changes
}

/** A job as the renderer and `queue --json` show it. */
export function toUploadJobRow(job: UploadJob): UploadJobRow {
  return {
    id: job.id,
    connectionId: job.connection_id,
    target: { kind: job.target_kind, id: job.target_id },
    filename: job.filename,
    size: job.size,
    bytesConfirmed: job.state === 'done' ? job.size : Math.min(job.bytes_confirmed, job.size),
    state: job.state,
    phase: job.phase,
    attempts: job.attempts,
    lastError: job.last_error,
    nextAttemptAt: job.next_attempt_at,
    remoteId: job.remote_id,
    thumbnailSha256: job.thumbnail_sha256,
    placeholderReason: job.placeholder_reason,
    mediaType: job.media_type,
  }
}

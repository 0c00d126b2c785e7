import type { Database } from 'better-sqlite3'
import type { FileStore } from '../files/file-store'

const DAY_MS = 24 * 60 * 60 * 1000

/**
 * Deletes the local copies of uploads the server confirmed (or the inspector cancelled) more than
 * `keepDays` ago. A copy stays while any job still needs it, and while it is a TransAM document's
 * offline copy. Answers how many files went.
 */
export function pruneUploadedCopies(
  db: Database,
  files: FileStore,
  now: number,
  keepDays: number,
): number {
  const expired = db
    .prepare(
      `SELECT content_sha256 FROM upload_jobs GROUP BY content_sha256
       HAVING max(state NOT IN ('done', 'cancelled')) = 0 AND max(updated_at) < ?
         AND content_sha256 NOT IN (
           SELECT file_sha256 FROM transam_documents WHERE file_sha256 IS NOT NULL)`,
    )
    .pluck()
    .all(now - keepDays * DAY_MS) as string[]
  for (const sha256 of expired) files.remove(sha256)
  return expired.filter((sha256) => files.pathFor(sha256) === null).length
}

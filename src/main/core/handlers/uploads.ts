import { importForUpload } from '../../uploads/import-files'
import { listJobs, type UploadJob } from '../../uploads/jobs'
import type { Handlers } from '../../rpc/dispatcher'
import type { UploadJobRow } from '../../../shared/rpc/upload-contract'
import type { CoreContext } from '../context'
import type { UploadQueue } from '../../uploads/upload-queue'

type UploadMethods =
  | 'uploads.list'
  | 'uploads.importPaths'
  | 'uploads.pause'
  | 'uploads.resume'
  | 'uploads.retry'
  | 'uploads.cancel'

function toRow(job: UploadJob): UploadJobRow {
  return {
    id: job.id,
    connectionId: job.connection_id,
    target: { kind: job.target_kind, id: job.target_id },
    filename: job.filename,
    size: job.size,
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

export function uploadHandlers(
  ctx: CoreContext,
  uploads: () => UploadQueue,
): Pick<Handlers, UploadMethods> {
  return {
    'uploads.list': () => {
      const jobs = listJobs(ctx.db())
      const live = jobs.filter((job) => job.state !== 'cancelled')
      const done = live.filter((job) => job.state === 'done')
      return {
        jobs: jobs.map(toRow),
        totals: {
          files: live.length,
          done: done.length,
          failed: live.filter((job) => job.state === 'failed').length,
          bytesTotal: live.reduce((sum, job) => sum + job.size, 0),
          bytesDone: done.reduce((sum, job) => sum + job.size, 0),
        },
      }
    },
    'uploads.importPaths': async ({ paths, target, description }) => {
      const results = await importForUpload(
        { db: ctx.db(), files: ctx.files, clock: ctx.clock },
        paths,
        target,
        description ?? null,
      )
      uploads().wake()
      return results
    },
    'uploads.pause': ({ jobId }) => uploads().pause(jobId),
    'uploads.resume': ({ jobId }) => uploads().resume(jobId),
    'uploads.retry': ({ jobId }) => uploads().retry(jobId),
    'uploads.cancel': async ({ jobId }) => {
      await uploads().cancel(jobId)
      return null
    },
  }
}

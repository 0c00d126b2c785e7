import { importForUpload } from '../../uploads/import-files'
import { listJobs, toUploadJobRow } from '../../uploads/jobs'
import type { Handlers } from '../../rpc/dispatcher'
import type { CoreContext } from '../context'
import type { UploadQueue } from '../../uploads/upload-queue'

type UploadMethods =
  | 'uploads.list'
  | 'uploads.importPaths'
  | 'uploads.pause'
  | 'uploads.resume'
  | 'uploads.retry'
  | 'uploads.cancel'

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
        jobs: jobs.map(toUploadJobRow),
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

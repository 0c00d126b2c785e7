import { useEffect, useRef, type ReactNode } from 'react'
import { Link } from 'wouter'
import type { UploadJobRow, UploadTarget } from '../../../../shared/rpc/upload-contract'
import { ErrorNotice } from '../../components/Notice'
import { formatBytes, formatCount, formatTimeLeft, plural } from '../../format'
import { useNow } from '../../hooks/useNow'
import { clearFinishedRuns, useImportRuns } from '../../uploads/import-runs'
import {
  currentRate,
  isActive,
  isForTarget,
  summarize,
  uploadSystemLabel,
} from '../../uploads/jobs'
import { useUploadList } from '../../uploads/useUploadList'
import { DropZone, ImportResults, type DropZoneTexts } from './DropZone'

/** What the page of a target is called in the progress panel's label and test ids. */
const PAGE_OF_TARGET: Record<UploadTarget['kind'], string> = {
  'huvr.project': 'project',
  'transam.asset': 'asset',
}

/**
 * Uploads to one target (a HUVR project, a TransAM asset) from its page: dropped or chosen files
 * are added to the upload queue (each file says whether it was), then the target's uploads show
 * their progress here, and once they are all in, how they come into the page's list.
 */
export function TargetUploads(props: {
  target: UploadTarget
  dropZone: DropZoneTexts
  /** An uploaded file the page's list (its gallery, its documents) does not show yet. */
  notListedYet: (job: UploadJobRow) => boolean
  /** What follows "All 3 files are in HUVR.": how they come into the page's list. */
  whenAllUploaded: (jobs: readonly UploadJobRow[]) => ReactNode
  /** Another of the files followed here is uploaded: the page's list may have changed. */
  onUploaded?: () => void
  /** Shown at the end of the progress panel (a sync that failed, say). */
  children?: ReactNode
}) {
  const { target, notListedYet, onUploaded } = props
  const runs = useImportRuns(target)
  const importing = runs.some((run) => !run.finished)

  // What this page follows: the files added here since the window opened, whatever else of this
  // target's is still to go or stuck, and uploaded files the page's list does not show yet.
  const addedIds = new Set(
    runs.flatMap((run) => run.outcomes.flatMap((outcome) => (outcome.ok ? [outcome.jobId] : []))),
  )
  // Asked again while files are being added, while any of this target's are going, and until
  // the list has caught up with the files just added.
  const list = useUploadList(
    (value) =>
      importing ||
      value.jobs.some((job) => isActive(job) && isForTarget(job, target)) ||
      [...addedIds].some((id) => !value.jobs.some((job) => job.id === id)),
  )
  const allJobs = list.state === 'ready' ? list.value.jobs : []
  const followed = allJobs.filter(
    (job) =>
      isForTarget(job, target) &&
      job.state !== 'cancelled' &&
      (addedIds.has(job.id) || job.state !== 'done' || notListedYet(job)),
  )
  const now = useNow(followed.some((job) => job.state === 'queued' && job.nextAttemptAt !== null))

  // The upload events refresh the queue; each file followed here that is uploaded tells the page.
  const uploaded = followed.filter((job) => job.state === 'done').length
  const uploadedBefore = useRef(uploaded)
  useEffect(() => {
    if (uploaded > uploadedBefore.current) onUploaded?.()
    uploadedBefore.current = uploaded
  }, [uploaded, onUploaded])

  return (
    <div className="project-uploads">
      <DropZone target={target} {...props.dropZone} />
      {list.state === 'error' && (
        <ErrorNotice title="The upload queue could not be read." message={list.error.message} />
      )}
      {followed.length > 0 && (
        <TargetUploadProgress
          target={target}
          jobs={followed}
          progress={list}
          importing={importing}
          whenAllUploaded={props.whenAllUploaded(followed)}
        >
          {props.children}
        </TargetUploadProgress>
      )}
      {runs.length > 0 && (
        <ImportResults
          runs={runs}
          jobs={allJobs}
          now={now}
          onClear={importing ? null : () => clearFinishedRuns(target)}
        />
      )}
    </div>
  )
}

/** The target's uploads as one bar with rate and time left, the failed ones named, and "all in". */
function TargetUploadProgress(props: {
  target: UploadTarget
  jobs: readonly UploadJobRow[]
  /** The account's latest progress pushes and the files being sent. */
  progress: Pick<ReturnType<typeof useUploadList>, 'rates' | 'live'>
  importing: boolean
  whenAllUploaded: ReactNode
  children?: ReactNode
}) {
  const { jobs } = props
  const system = uploadSystemLabel(props.target.kind)
  const page = PAGE_OF_TARGET[props.target.kind]
  const summary = summarize(jobs, props.progress.live)
  const allDone = !props.importing && summary.files > 0 && summary.done === summary.files
  const rate = summary.active > 0 ? currentRate(jobs, props.progress.rates) : null
  const failed = jobs.filter((job) => job.state === 'failed')
  return (
    <section className="panel project-upload-progress" aria-label={`Uploads to this ${page}`}>
      <div className="sync-progress" role="status" data-testid={`${page}-upload-progress`}>
        <span>
          <strong>
            {formatCount(summary.done)} of {plural(summary.files, 'file')} uploaded to {system}
          </strong>
          {summary.running > 0 && ` · ${formatCount(summary.running)} uploading now`}
          {summary.paused > 0 && ` · ${formatCount(summary.paused)} paused`}
          {summary.failed > 0 && ` · ${formatCount(summary.failed)} failed`}
          {' · '}
          <Link href="/uploads">See all uploads</Link>
        </span>
        <span className="muted" data-testid={`${page}-upload-bytes`}>
          {formatBytes(summary.bytesDone)} of {formatBytes(summary.bytesTotal)}
          {rate !== null && ` · ${formatBytes(rate)}/s`}
          {rate !== null &&
            summary.bytesLeft > 0 &&
            ` · ${formatTimeLeft((summary.bytesLeft / rate) * 1000)} left`}
        </span>
        <progress
          aria-label={`Uploaded to ${system}`}
          max={Math.max(summary.bytesTotal, 1)}
          value={summary.bytesDone}
        />
      </div>
      {failed.length > 0 && (
        <div className="notice notice-error">
          <strong>
            {failed.length === 1
              ? 'One upload failed:'
              : `${formatCount(failed.length)} uploads failed:`}
          </strong>
          <ul className="import-problems">
            {failed.slice(0, 10).map((job) => (
              <li key={job.id}>
                <strong>{job.filename}</strong>: {job.lastError ?? 'no reason given'}
              </li>
            ))}
          </ul>
          <Link href="/uploads" className="button">
            Retry in Uploads
          </Link>
        </div>
      )}
      {allDone && (
        <div className="notice notice-success" data-testid="uploads-done">
          <strong>
            {summary.files === 1
              ? `The file is in ${system}.`
              : `All ${formatCount(summary.files)} files are in ${system}.`}
          </strong>
          {props.whenAllUploaded}
        </div>
      )}
      {props.children}
    </section>
  )
}

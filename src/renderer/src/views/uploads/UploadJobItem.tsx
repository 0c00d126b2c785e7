import { useId, useState } from 'react'
import type { UploadJobProgress, UploadJobRow } from '../../../../shared/rpc/upload-contract'
import { ErrorNotice } from '../../components/Notice'
import { formatBytes, formatClock, formatTimeLeft, plural } from '../../format'
import { useRpc } from '../../rpc/hooks'
import {
  bytesIn,
  isRetrying,
  phaseLabel,
  STATE_LABELS,
  stepsOf,
  uploadSystemLabel,
} from '../../uploads/jobs'
import { UploadThumbnail } from './UploadThumbnail'

/** An upload's state as a coloured pill; a queued job that failed before says "Retrying". */
export function UploadStateBadge({ job, now }: { job: UploadJobRow; now: number }) {
  const retrying = isRetrying(job, now)
  return (
    <span
      className={`badge upload-state upload-state-${retrying ? 'retrying' : job.state}`}
      data-state={job.state}
    >
      {retrying ? 'Retrying' : STATE_LABELS[job.state]}
    </span>
  )
}

/** Where the job stands, in one line: what it does now, or what it waits for and until when. */
function statusLine(job: UploadJobRow, now: number): string {
  const waitingUntil = job.nextAttemptAt !== null && job.nextAttemptAt > now
  switch (job.state) {
    case 'done':
      return `In ${uploadSystemLabel(job.target.kind)}`
    case 'cancelled':
      return 'Cancelled: it will not be uploaded'
    case 'running':
      return phaseLabel(job)
    case 'queued':
      if (waitingUntil && job.lastError !== null)
        return `Will retry at ${formatClock(job.nextAttemptAt ?? now)}`
      // Queued for a time with no problem: the server is still processing the file.
      if (waitingUntil)
        return `${uploadSystemLabel(job.target.kind)} is processing it; checking again at ${formatClock(job.nextAttemptAt ?? now)}`
      return job.attempts === 0 && job.phase === 'create'
        ? 'Waiting for its turn'
        : `Waiting to continue · ${phaseLabel(job)}`
    case 'paused':
      return job.attempts === 0 && job.phase === 'create'
        ? 'Paused before it started'
        : `Paused · ${phaseLabel(job)}`
    case 'failed':
      return `Stopped · ${phaseLabel(job)}`
  }
}

/**
 * The file's bytes while they are being sent (or stopped part-way), a running step that has no
 * byte count (getting ready, HUVR's processing), or the steps done so far.
 */
function JobProgress(props: {
  job: UploadJobRow
  live: UploadJobProgress | undefined
  label: string
}) {
  const { job, live, label } = props
  if (job.state === 'cancelled') return null
  const bytes = bytesIn(job, live === undefined ? undefined : new Map([[job.id, live]]))
  if (job.phase === 'send' && (job.state === 'running' || bytes > 0)) {
    return (
      <progress
        className={`upload-item-progress state-${job.state}`}
        aria-label={`${label}: ${formatBytes(bytes)} of ${formatBytes(job.size)} sent`}
        max={Math.max(job.size, 1)}
        value={bytes}
      />
    )
  }
  if (job.state === 'running')
    return <progress className="upload-item-progress" aria-label={`${label}: uploading`} />
  const steps = stepsOf(job)
  // Nothing done yet: an empty bar would only be noise in a long queue.
  if (steps.done === 0) return null
  return (
    <progress
      className={`upload-item-progress state-${job.state}`}
      aria-label={`${label}: ${steps.done} of ${plural(steps.count, 'step')} done`}
      max={steps.count}
      value={Math.min(steps.done, steps.count)}
    />
  )
}

type Action = 'pause' | 'resume' | 'retry' | 'cancel'

const ACTION_FAILED: Record<Action, string> = {
  pause: 'The upload was not paused.',
  resume: 'The upload was not resumed.',
  retry: 'The upload was not retried.',
  cancel: 'The upload was not cancelled.',
}

/**
 * One file in the upload queue: its preview (or why there is none), size, state and step, the
 * attempts and the last problem, and what can be done about it. Cancelling asks once more.
 */
export function UploadJobItem(props: {
  job: UploadJobRow
  /** How far its bytes are, while they are being sent. */
  live: UploadJobProgress | undefined
  now: number
  onChanged: () => void
}) {
  const { job, live, now, onChanged } = props
  const rpc = useRpc()
  const titleId = useId()
  const [confirming, setConfirming] = useState(false)
  const [busy, setBusy] = useState<Action | null>(null)
  const [error, setError] = useState<{ action: Action; message: string } | null>(null)

  const act = async (action: Action) => {
    setBusy(action)
    setError(null)
    const params = { jobId: job.id }
    const result =
      action === 'pause'
        ? await rpc.call('uploads.pause', params)
        : action === 'resume'
          ? await rpc.call('uploads.resume', params)
          : action === 'retry'
            ? await rpc.call('uploads.retry', params)
            : await rpc.call('uploads.cancel', params)
    setBusy(null)
    if (!result.ok) setError({ action, message: result.error.message })
    else setConfirming(false)
    onChanged()
  }

  const canPause = job.state === 'queued' || job.state === 'running'
  const canCancel = job.state !== 'done' && job.state !== 'cancelled'
  const retrying = isRetrying(job, now)

  return (
    <article
      className={`upload-item upload-item-${job.state}`}
      aria-labelledby={titleId}
      data-job-id={job.id}
    >
      <UploadThumbnail job={job} />
      <div className="upload-item-main">
        <div className="upload-item-title">
          <strong id={titleId} className="upload-filename" title={job.filename}>
            {job.filename}
          </strong>
          <UploadStateBadge job={job} now={now} />
        </div>
        <div className="upload-item-meta">
          <span>{formatBytes(job.size)}</span>
          <span>{statusLine(job, now)}</span>
          {job.attempts > 0 && <span>{plural(job.attempts, 'attempt')}</span>}
        </div>
        <JobProgress job={job} live={live} label={job.filename} />
        {live && job.state === 'running' && job.phase === 'send' && (
          <div className="upload-item-meta" data-testid="upload-item-bytes">
            <span>
              {formatBytes(live.bytes)} of {formatBytes(live.size)}
            </span>
            {live.bytesPerSecond > 0 && <span>{formatBytes(live.bytesPerSecond)}/s</span>}
            {live.secondsLeft !== null && live.secondsLeft > 0 && (
              <span>{formatTimeLeft(live.secondsLeft * 1000)} left</span>
            )}
          </div>
        )}
        {job.placeholderReason && (
          <p className="upload-note" data-testid="placeholder-reason">
            {job.placeholderReason}
          </p>
        )}
        {job.lastError && (
          <p
            className={
              job.state === 'failed' ? 'upload-problem' : 'upload-problem upload-problem-soft'
            }
          >
            <strong>
              {job.state === 'failed'
                ? 'Why it failed: '
                : retrying
                  ? 'Last attempt failed: '
                  : 'Note: '}
            </strong>
            {job.lastError}
          </p>
        )}
        {confirming && (
          <div className="confirm" role="group" aria-label={`Confirm cancelling ${job.filename}`}>
            <span>
              Stop uploading “{job.filename}”? It leaves the queue for good
              {/* Only a HUVR upload makes a record before its bytes; a TransAM POST is whole. */}
              {job.target.kind === 'huvr.project'
                ? '; a record HUVR already started for it is removed.'
                : '.'}
            </span>
            <button
              type="button"
              className="button-danger"
              disabled={busy !== null}
              onClick={() => void act('cancel')}
            >
              {busy === 'cancel' ? 'Cancelling…' : 'Cancel upload'}
            </button>
            <button
              type="button"
              className="button-secondary"
              disabled={busy !== null}
              onClick={() => setConfirming(false)}
            >
              Keep it
            </button>
          </div>
        )}
        {error && <ErrorNotice title={ACTION_FAILED[error.action]} message={error.message} />}
      </div>
      <div className="upload-item-actions">
        {canPause && (
          <button
            type="button"
            className="button-secondary"
            disabled={busy !== null}
            aria-describedby={titleId}
            onClick={() => void act('pause')}
          >
            Pause
          </button>
        )}
        {job.state === 'paused' && (
          <button
            type="button"
            className="button-secondary"
            disabled={busy !== null}
            aria-describedby={titleId}
            onClick={() => void act('resume')}
          >
            Resume
          </button>
        )}
        {job.state === 'failed' && (
          <button
            type="button"
            disabled={busy !== null}
            aria-describedby={titleId}
            onClick={() => void act('retry')}
          >
            {busy === 'retry' ? 'Retrying…' : 'Retry'}
          </button>
        )}
        {canCancel && !confirming && (
          <button
            type="button"
            className="button-secondary"
            disabled={busy !== null}
            aria-describedby={titleId}
            onClick={() => {
              setError(null)
              setConfirming(true)
            }}
          >
            Cancel…
          </button>
        )}
      </div>
    </article>
  )
}

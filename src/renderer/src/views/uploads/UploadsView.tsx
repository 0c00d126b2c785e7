import { useState } from 'react'
import { Link } from 'wouter'
import { ErrorNotice, Loading } from '../../components/Notice'
import { formatBytes, formatCount, formatTimeLeft, plural } from '../../format'
import { useNow } from '../../hooks/useNow'
import { useRpc } from '../../rpc/hooks'
import { currentRate, isActive, summarize, type UploadSummary } from '../../uploads/jobs'
import { useUploadList } from '../../uploads/useUploadList'
import { UploadList } from './UploadList'

const BULK_FAILED = {
  pause: 'The uploads were not paused.',
  resume: 'The uploads were not resumed.',
  retry: 'Not every failed upload could be retried.',
}

/**
 * Everything waiting to go to HUVR or TransAM, going, stuck or gone: totals with rate and time left, Pause
 * all / Resume all, and each file with what can be done about it. Failed files come first.
 */
export function UploadsView() {
  const rpc = useRpc()
  const list = useUploadList((value) => value.jobs.some(isActive), true)
  const [bulk, setBulk] = useState<'pause' | 'resume' | 'retry' | null>(null)
  const [bulkError, setBulkError] = useState<{ title: string; message: string } | null>(null)
  const jobs = list.state === 'ready' ? list.value.jobs : []
  // Ticks only while something waits for a time (a retry, HUVR's processing).
  const now = useNow(jobs.some((job) => job.state === 'queued' && job.nextAttemptAt !== null))

  if (list.state === 'loading') return <Loading what="uploads" />
  if (list.state === 'error') {
    return (
      <section>
        <h1>Uploads</h1>
        <ErrorNotice title="The upload queue could not be read." message={list.error.message} />
      </section>
    )
  }

  const summary = summarize(jobs, list.live)
  const rate = currentRate(jobs, list.rates)

  const runBulk = async (action: 'pause' | 'resume' | 'retry') => {
    setBulk(action)
    setBulkError(null)
    let problem: string | null = null
    if (action === 'retry') {
      // There is no "retry all": each failed file is asked again, and the first refusal is told.
      for (const job of jobs.filter((candidate) => candidate.state === 'failed')) {
        const result = await rpc.call('uploads.retry', { jobId: job.id })
        if (!result.ok) problem ??= `${job.filename}: ${result.error.message}`
      }
    } else {
      const result = await rpc.call(action === 'pause' ? 'uploads.pause' : 'uploads.resume', {})
      if (!result.ok) problem = result.error.message
    }
    setBulk(null)
    if (problem !== null) setBulkError({ title: BULK_FAILED[action], message: problem })
    list.reload()
  }

  return (
    <section className="browser uploads-view">
      <div className="view-header">
        <h1>Uploads</h1>
        {jobs.length > 0 && (
          <div className="view-actions">
            {summary.failed > 0 && (
              <button
                type="button"
                className="button-secondary"
                disabled={bulk !== null}
                onClick={() => void runBulk('retry')}
              >
                {bulk === 'retry' ? 'Retrying…' : 'Retry all failed'}
              </button>
            )}
            <button
              type="button"
              className="button-secondary"
              disabled={summary.active === 0 || bulk !== null}
              onClick={() => void runBulk('pause')}
            >
              {bulk === 'pause' ? 'Pausing…' : 'Pause all'}
            </button>
            <button
              type="button"
              disabled={summary.paused === 0 || bulk !== null}
              onClick={() => void runBulk('resume')}
            >
              {bulk === 'resume' ? 'Resuming…' : 'Resume all'}
            </button>
          </div>
        )}
      </div>
      {bulkError && <ErrorNotice title={bulkError.title} message={bulkError.message} />}
      {jobs.length === 0 ? (
        <div className="empty-state">
          <p>
            Nothing to upload. Open a project and drop photos or folders on it (or documents on a
            TransAM asset): they are copied to this computer at once and sent in the background,
            also after a restart.
          </p>
          <Link href="/projects" className="button">
            Go to projects
          </Link>
        </div>
      ) : (
        <>
          <UploadTotals summary={summary} rate={rate} />
          <UploadList jobs={jobs} live={list.live} now={now} onChanged={list.reload} />
        </>
      )}
    </section>
  )
}

/** "12 of 25 files uploaded · 3.4 MB of 10 MB · 1.2 MB/s · about 8 s left", and a bar. */
export function UploadTotals({ summary, rate }: { summary: UploadSummary; rate: number | null }) {
  const { files, done, failed, paused, active, running, bytesDone, bytesTotal, bytesLeft } = summary
  const timeLeft = active > 0 && rate !== null && rate > 0 ? (bytesLeft / rate) * 1000 : null
  const waiting = active - running
  return (
    <section className="panel upload-totals" aria-label="Upload totals">
      <p className="upload-totals-line" data-testid="upload-totals">
        <strong>
          {formatCount(done)} of {plural(files, 'file')} uploaded
        </strong>
        <span>
          {formatBytes(bytesDone)} of {formatBytes(bytesTotal)}
        </span>
        {active > 0 && <span>{rate === null ? 'measuring speed…' : `${formatBytes(rate)}/s`}</span>}
        {timeLeft !== null && <span>{formatTimeLeft(timeLeft)} left</span>}
      </p>
      <progress
        className="upload-totals-bar"
        aria-label="Uploaded so far"
        max={Math.max(bytesTotal, 1)}
        value={bytesDone}
      />
      <p className="upload-totals-counts muted" data-testid="upload-counts">
        {[
          running > 0 && `${formatCount(running)} uploading now`,
          waiting > 0 && `${formatCount(waiting)} waiting`,
          paused > 0 && `${formatCount(paused)} paused`,
          failed > 0 && `${formatCount(failed)} failed`,
        ]
          .filter(Boolean)
          .join(' · ') || (files > 0 && done === files ? 'All uploaded.' : 'Nothing going on.')}
      </p>
    </section>
  )
}

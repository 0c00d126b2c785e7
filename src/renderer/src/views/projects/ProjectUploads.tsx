import { useEffect, useId, useMemo, useRef, useState, type DragEvent } from 'react'
import { Link } from 'wouter'
import type { UploadJobRow, UploadTarget } from '../../../../shared/rpc/upload-contract'
import { ErrorNotice } from '../../components/Notice'
import { formatCount, plural } from '../../format'
import { useRpcEvent } from '../../hooks/useRpcEvent'
import { useNow } from '../../hooks/useNow'
import { useRpc } from '../../rpc/hooks'
import type { ImportOutcome, PickedFile } from '../../uploads/import'
import { pickedFromDrop, pickedFromInput } from '../../uploads/import'
import {
  clearFinishedRuns,
  startImport,
  useImportRuns,
  type ImportRun,
} from '../../uploads/import-runs'
import { isActive, isForProject, summarize } from '../../uploads/jobs'
import { useUploadList } from '../../uploads/useUploadList'
import { UploadStateBadge } from '../uploads/UploadJobItem'

/** At most this many files are listed by name below the drop zone; the Uploads view has them all. */
const LISTED_FILES = 200
/** A longer list starts folded: the summary and the problems above it say what matters. */
const OPEN_LIST_UP_TO = 12

/**
 * Photos for a project: dropped or chosen files and folders are added to the upload queue (each
 * file says whether it was), then this project's uploads show their progress here. Once they are
 * all in HUVR, a sync brings them into the gallery below.
 */
export function ProjectUploads(props: {
  connectionId: string
  projectId: number
  availableOffline: boolean
  /** HUVR ids of the media in the project's gallery (cached by the last sync). */
  galleryIds: ReadonlySet<string>
  onProjectChanged: () => void
}) {
  const { connectionId, projectId, availableOffline, galleryIds } = props
  const rpc = useRpc()
  const target = useMemo<UploadTarget>(
    () => ({ kind: 'huvr.project', connectionId, id: String(projectId) }),
    [connectionId, projectId],
  )
  const runs = useImportRuns(target)
  const importing = runs.some((run) => !run.finished)
  const [description, setDescription] = useState('')
  const [dragging, setDragging] = useState(false)
  const [dropError, setDropError] = useState<string | null>(null)

  // What this page follows: the files added here since the window opened, whatever else of this
  // project's is still to go or stuck, and uploaded files the gallery does not show yet.
  const addedIds = new Set(
    runs.flatMap((run) => run.outcomes.flatMap((outcome) => (outcome.ok ? [outcome.jobId] : []))),
  )
  // Asked again while files are being added, while any of this project's are going, and until
  // the list has caught up with the files just added.
  const list = useUploadList(
    (value) =>
      importing ||
      value.jobs.some((job) => isActive(job) && isForProject(job, connectionId, projectId)) ||
      [...addedIds].some((id) => !value.jobs.some((job) => job.id === id)),
  )
  const allJobs = list.state === 'ready' ? list.value.jobs : []
  const followed = allJobs.filter(
    (job) =>
      isForProject(job, connectionId, projectId) &&
      job.state !== 'cancelled' &&
      (addedIds.has(job.id) ||
        job.state !== 'done' ||
        (availableOffline && job.remoteId !== null && !galleryIds.has(job.remoteId))),
  )
  const now = useNow(followed.some((job) => job.state === 'queued' && job.nextAttemptAt !== null))

  const add = (picked: PickedFile[]) => {
    if (picked.length === 0) {
      setDropError('There were no files in what was dropped (hidden files are left out).')
      return
    }
    setDropError(null)
    startImport(rpc, picked, target, description)
  }

  // A file dropped next to the zone would make the browser open it in place of the app.
  useEffect(() => {
    const refuse = (event: globalThis.DragEvent) => {
      if (!event.dataTransfer?.types.includes('Files')) return
      event.preventDefault()
      if (event.type === 'dragover') event.dataTransfer.dropEffect = 'none'
    }
    window.addEventListener('dragover', refuse)
    window.addEventListener('drop', refuse)
    return () => {
      window.removeEventListener('dragover', refuse)
      window.removeEventListener('drop', refuse)
    }
  }, [])

  const onDragOver = (event: DragEvent<HTMLDivElement>) => {
    if (!event.dataTransfer.types.includes('Files')) return
    event.preventDefault()
    event.stopPropagation()
    event.dataTransfer.dropEffect = 'copy'
    setDragging(true)
  }
  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    if (!event.dataTransfer.types.includes('Files')) return
    event.preventDefault()
    event.stopPropagation()
    setDragging(false)
    pickedFromDrop(event.dataTransfer).then(add, (error: unknown) =>
      setDropError(
        `The dropped files could not be read: ${error instanceof Error ? error.message : String(error)}`,
      ),
    )
  }

  return (
    <div className="project-uploads">
      <div
        className={dragging ? 'drop-zone dragging' : 'drop-zone'}
        data-testid="drop-zone"
        onDragEnter={onDragOver}
        onDragOver={onDragOver}
        onDragLeave={(event) => {
          // Leaving for a child of the zone is not leaving the zone.
          if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDragging(false)
        }}
        onDrop={onDrop}
      >
        <p className="drop-zone-title">
          <strong>Drop photos or folders here</strong>
          <span>or</span>
          <FileButton label="choose files" onPicked={add} />
          <FileButton label="choose a folder" folder onPicked={add} />
        </p>
        <p className="muted drop-zone-hint">
          They are copied to this computer at once (the card can go), then sent to HUVR in the
          background — also after a restart or with no network for a while.
        </p>
        <label className="drop-zone-description">
          <span>Description for the next files (optional)</span>
          <input
            type="text"
            value={description}
            maxLength={2000}
            placeholder="e.g. North shell, course 3"
            onChange={(event) => setDescription(event.target.value)}
          />
        </label>
      </div>
      {dropError && <ErrorNotice message={dropError} />}
      {list.state === 'error' && (
        <ErrorNotice title="The upload queue could not be read." message={list.error.message} />
      )}
      {followed.length > 0 && (
        <ProjectUploadProgress
          jobs={followed}
          importing={importing}
          connectionId={connectionId}
          projectId={projectId}
          availableOffline={availableOffline}
          onProjectChanged={props.onProjectChanged}
        />
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

/** A button that opens the file chooser: the input itself, visually hidden inside its label. */
function FileButton(props: {
  label: string
  folder?: boolean
  onPicked: (picked: PickedFile[]) => void
}) {
  const input = useRef<HTMLInputElement>(null)
  // React does not know the non-standard attribute; set it on the element.
  useEffect(() => {
    if (props.folder) input.current?.setAttribute('webkitdirectory', '')
  }, [props.folder])
  return (
    <label className="button button-secondary file-button">
      <input
        ref={input}
        type="file"
        multiple
        className="visually-hidden"
        onChange={(event) => {
          props.onPicked(pickedFromInput(event.target.files))
          // The same files can be chosen again (after a cancel, say).
          event.target.value = ''
        }}
      />
      {props.label}
    </label>
  )
}

/** Each file of the drops: added (or already queued, or why not), and then its upload state. */
function ImportResults(props: {
  runs: readonly ImportRun[]
  jobs: readonly UploadJobRow[]
  now: number
  onClear: (() => void) | null
}) {
  const { runs, jobs, now } = props
  const summaryId = useId()
  const jobsById = new Map(jobs.map((job) => [job.id, job]))
  const outcomes = runs.flatMap((run) => run.outcomes)
  const pending = runs.filter((run) => !run.finished)
  const sent = pending.reduce((sum, run) => sum + run.total, 0)
  const answered = pending.reduce((sum, run) => sum + run.answered, 0)
  const added = outcomes.filter((outcome) => outcome.ok && !outcome.alreadyQueued).length
  const already = outcomes.filter((outcome) => outcome.ok && outcome.alreadyQueued).length
  const refused = outcomes.filter((outcome) => !outcome.ok)
  // The latest drop first, each in the order its files were chosen.
  const listed = [...runs]
    .reverse()
    .flatMap((run) => run.outcomes)
    .slice(0, LISTED_FILES)

  return (
    <section className="panel import-results" aria-labelledby={summaryId}>
      <div className="panel-title-row">
        <h3 id={summaryId}>Added to the upload queue</h3>
        {props.onClear && (
          <button type="button" className="button-secondary" onClick={props.onClear}>
            Clear this list
          </button>
        )}
      </div>
      {pending.length > 0 && (
        <div className="sync-progress" role="status">
          <span>
            Adding files… {formatCount(answered)} of {formatCount(sent)}
          </span>
          <progress aria-label="Adding files" max={Math.max(sent, 1)} value={answered} />
        </div>
      )}
      <p className="import-summary" data-testid="import-summary">
        {[
          `${plural(added, 'file')} added`,
          already > 0 && `${formatCount(already)} already queued before`,
          refused.length > 0 && `${formatCount(refused.length)} could not be added`,
        ]
          .filter(Boolean)
          .join(' · ')}
      </p>
      {refused.length > 0 && (
        <div className="notice notice-error" role="alert">
          <strong>
            {refused.length === 1
              ? 'One file could not be added:'
              : `${formatCount(refused.length)} files could not be added:`}
          </strong>
          <ul className="import-problems">
            {refused.map((outcome, index) => (
              <li key={index}>
                <strong>{outcome.name}</strong>: {outcome.ok ? '' : outcome.error}
              </li>
            ))}
          </ul>
        </div>
      )}
      {listed.length > 0 && (
        <details className="import-files" open={outcomes.length <= OPEN_LIST_UP_TO}>
          <summary>
            {outcomes.length > LISTED_FILES
              ? `The latest ${formatCount(LISTED_FILES)} files`
              : `Each file (${formatCount(outcomes.length)})`}
          </summary>
          <table className="data-table compact" aria-label="Added files">
            <thead>
              <tr>
                <th scope="col">File</th>
                <th scope="col">Added</th>
                <th scope="col">Upload</th>
              </tr>
            </thead>
            <tbody>
              {listed.map((outcome, index) => (
                <ImportedFileRow
                  key={`${outcome.name}-${index}`}
                  outcome={outcome}
                  job={outcome.ok ? jobsById.get(outcome.jobId) : undefined}
                  now={now}
                />
              ))}
            </tbody>
          </table>
        </details>
      )}
    </section>
  )
}

function ImportedFileRow(props: {
  outcome: ImportOutcome
  job: UploadJobRow | undefined
  now: number
}) {
  const { outcome, job, now } = props
  return (
    <tr className={outcome.ok ? undefined : 'has-errors'}>
      <th scope="row" className="import-file-name">
        {outcome.name}
        {outcome.ok && outcome.placeholderReason && (
          <small className="muted import-file-note">{outcome.placeholderReason}</small>
        )}
      </th>
      <td>
        {outcome.ok ? (
          outcome.alreadyQueued ? (
            'Already queued'
          ) : (
            'Queued'
          )
        ) : (
          <span className="field-problem">Not added: {outcome.error}</span>
        )}
      </td>
      <td>{job ? <UploadStateBadge job={job} now={now} /> : outcome.ok ? '…' : '—'}</td>
    </tr>
  )
}

type SyncState = 'idle' | 'starting' | 'running' | 'done'

/**
 * The project's uploads as one bar, the failed ones named, and — once all are in HUVR — the
 * sync that brings them into the gallery (turning on "Available offline" first if it is off, since
 * only such projects keep their media on this computer).
 */
function ProjectUploadProgress(props: {
  jobs: readonly UploadJobRow[]
  importing: boolean
  connectionId: string
  projectId: number
  availableOffline: boolean
  onProjectChanged: () => void
}) {
  const { jobs, connectionId, availableOffline } = props
  const rpc = useRpc()
  const [sync, setSync] = useState<SyncState>('idle')
  const [syncError, setSyncError] = useState<{ title: string; message: string } | null>(null)
  const summary = summarize(jobs)
  const allDone = !props.importing && summary.files > 0 && summary.done === summary.files

  useRpcEvent('sync.finished', (result) => {
    if (result.connectionId !== connectionId || sync !== 'running') return
    if (result.ok) setSync('done')
    else {
      setSync('idle')
      setSyncError({
        title: 'The sync failed.',
        message: result.error ?? 'See the Sync view for what went wrong.',
      })
    }
  })

  const syncNow = async () => {
    setSync('starting')
    setSyncError(null)
    if (!availableOffline) {
      const marked = await rpc.call('projects.setAvailableOffline', {
        connectionId,
        id: props.projectId,
        available: true,
      })
      if (!marked.ok) {
        setSync('idle')
        setSyncError({
          title: 'The project was not made available offline.',
          message: marked.error.message,
        })
        return
      }
      props.onProjectChanged()
    }
    const started = await rpc.call('sync.run', { connectionId })
    if (!started.ok) {
      setSync('idle')
      setSyncError({ title: 'The sync did not start.', message: started.error.message })
      return
    }
    setSync('running')
  }

  const failed = jobs.filter((job) => job.state === 'failed')
  return (
    <section className="panel project-upload-progress" aria-label="Uploads to this project">
      <div className="sync-progress" role="status" data-testid="project-upload-progress">
        <span>
          <strong>
            {formatCount(summary.done)} of {plural(summary.files, 'file')} uploaded to HUVR
          </strong>
          {summary.running > 0 && ` · ${formatCount(summary.running)} uploading now`}
          {summary.paused > 0 && ` · ${formatCount(summary.paused)} paused`}
          {summary.failed > 0 && ` · ${formatCount(summary.failed)} failed`}
          {' · '}
          <Link href="/uploads">See all uploads</Link>
        </span>
        <progress
          aria-label="Uploaded to HUVR"
          max={Math.max(summary.files, 1)}
          value={summary.done}
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
              ? 'The file is in HUVR.'
              : `All ${formatCount(summary.files)} files are in HUVR.`}
          </strong>
          {sync === 'done' ? (
            <span>Synced: they are in the gallery below.</span>
          ) : sync === 'idle' ? (
            <>
              <span>
                {availableOffline
                  ? 'They appear in the gallery below after the next sync.'
                  : 'To see them in the gallery below, the project has to be available offline and synced.'}
              </span>
              <button type="button" onClick={() => void syncNow()}>
                {availableOffline ? 'Sync now' : 'Make available offline and sync'}
              </button>
            </>
          ) : (
            <span>Syncing…</span>
          )}
        </div>
      )}
      {syncError && <ErrorNotice title={syncError.title} message={syncError.message} />}
    </section>
  )
}

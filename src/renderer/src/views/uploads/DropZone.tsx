import { useEffect, useId, useRef, useState, type DragEvent } from 'react'
import type { UploadJobRow, UploadTarget } from '../../../../shared/rpc/upload-contract'
import { ErrorNotice } from '../../components/Notice'
import { formatCount, plural } from '../../format'
import { useRpc } from '../../rpc/hooks'
import type { ImportOutcome, PickedFile } from '../../uploads/import'
import { pickedFromDrop, pickedFromInput } from '../../uploads/import'
import { startImport, type ImportRun } from '../../uploads/import-runs'
import { UploadStateBadge } from './UploadJobItem'

/** At most this many files are listed by name below the drop zone; the Uploads view has them all. */
const LISTED_FILES = 200
/** A longer list starts folded: the summary and the problems above it say what matters. */
const OPEN_LIST_UP_TO = 12

/** What a drop zone says: what the files are and where they go. */
export interface DropZoneTexts {
  /** "Drop photos or folders here". */
  title: string
  /** What happens to the files, in a sentence or two. */
  hint: string
  descriptionPlaceholder: string
}

/**
 * Where files are dropped or chosen (folders too) for one target, with a description for the
 * next files. Each drop is added to the upload queue as an import run of that target (see
 * useImportRuns).
 */
export function DropZone(props: DropZoneTexts & { target: UploadTarget }) {
  const rpc = useRpc()
  const [description, setDescription] = useState('')
  const [dragging, setDragging] = useState(false)
  const [dropError, setDropError] = useState<string | null>(null)

  const add = (picked: PickedFile[]) => {
    if (picked.length === 0) {
      setDropError('There were no files in what was dropped (hidden files are left out).')
      return
    }
    setDropError(null)
    startImport(rpc, picked, props.target, description)
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
    <>
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
          <strong>{props.title}</strong>
          <span>or</span>
          <FileButton label="choose files" onPicked={add} />
          <FileButton label="choose a folder" folder onPicked={add} />
        </p>
        <p className="muted drop-zone-hint">{props.hint}</p>
        <label className="drop-zone-description">
          <span>Description for the next files (optional)</span>
          <input
            type="text"
            value={description}
            maxLength={2000}
            placeholder={props.descriptionPlaceholder}
            onChange={(event) => setDescription(event.target.value)}
          />
        </label>
      </div>
      {dropError && <ErrorNotice message={dropError} />}
    </>
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
export function ImportResults(props: {
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

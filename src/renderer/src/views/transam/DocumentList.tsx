import { useRef, useState } from 'react'
import type { DocumentRow } from '../../../../shared/rpc/transam-contract'
import { FieldInput } from '../../components/FieldInput'
import { ErrorNotice } from '../../components/Notice'
import { SyncStateBadge } from '../../components/SyncStateBadge'
import { problemFor } from '../../edits/field-save'
import { useRecordView } from '../../edits/useRecordView'
import { fileUrl } from '../../files'
import { formatBytes } from '../../format'
import { useRpc } from '../../rpc/hooks'

type Fetch =
  | { state: 'idle' }
  | { state: 'downloading' }
  | { state: 'opened' }
  /** Downloaded, but the browser kept the new window from opening: the Open link still works. */
  | { state: 'blocked' }
  | { state: 'failed'; message: string }

function documentTitle(document: DocumentRow): string {
  return document.description ?? document.filename ?? `Document ${document.key}`
}

/**
 * A TransAM asset's documents: which are on this computer, and a way to open each. Opening one
 * that is not here yet downloads it first; a failure stays next to that document, in TransAM's
 * (or the download's) own words, until the next attempt.
 */
export function DocumentList(props: {
  documents: readonly DocumentRow[]
  label: string
  /** Called once a document has been downloaded, so the page can show the new state. */
  onFetched?: () => void
}) {
  if (props.documents.length === 0) {
    return <p className="muted">No documents on this asset in TransAM.</p>
  }
  // TransAM names a file only once it has been downloaded; a column of dashes says nothing.
  const withFilenames = props.documents.some((document) => document.filename !== null)
  return (
    <table className="data-table document-table" aria-label={props.label}>
      <thead>
        <tr>
          <th scope="col">Description</th>
          {withFilenames && <th scope="col">File</th>}
          <th scope="col" className="numeric">
            Size
          </th>
          <th scope="col">On this computer</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      {props.documents.map((document) => (
        <DocumentItem
          key={`${document.connectionId}:${document.key}`}
          document={document}
          withFilename={withFilenames}
          onFetched={props.onFetched}
        />
      ))}
    </table>
  )
}

/** One document: a tbody of its own, so that an error can take a full-width row under it. */
function DocumentItem(props: {
  document: DocumentRow
  withFilename: boolean
  onFetched: (() => void) | undefined
}) {
  const { document, onFetched } = props
  const rpc = useRpc()
  const [fetch, setFetch] = useState<Fetch>({ state: 'idle' })
  const [fetchedSha, setFetchedSha] = useState<string | null>(null)
  // A second click while the first download runs must not start another one.
  const downloading = useRef(false)
  const sha = document.fileSha256 ?? fetchedSha
  const title = documentTitle(document)

  const download = async () => {
    if (downloading.current) return
    downloading.current = true
    setFetch({ state: 'downloading' })
    const result = await rpc.call('documents.fetch', {
      connectionId: document.connectionId,
      key: document.key,
    })
    downloading.current = false
    if (!result.ok) {
      setFetch({ state: 'failed', message: result.error.message })
      return
    }
    const downloadedSha = result.value.fileSha256
    if (!downloadedSha) {
      setFetch({ state: 'failed', message: 'TransAM sent no file for this document.' })
      return
    }
    setFetchedSha(downloadedSha)
    // Without "noopener" window.open says whether the window opened; cut the link to us by hand.
    const opened = window.open(fileUrl(downloadedSha), '_blank')
    if (opened) opened.opener = null
    setFetch({ state: opened ? 'opened' : 'blocked' })
    onFetched?.()
  }

  return (
    <tbody>
      <tr aria-label={title}>
        <td className="wrap">
          <DocumentDescription document={document} title={title} />
        </td>
        {props.withFilename && (
          <td className="document-filename">
            {document.filename ?? <span className="muted">—</span>}
          </td>
        )}
        <td className="numeric">{formatBytes(document.size)}</td>
        <td>
          <DocumentState sha={sha} fetch={fetch} />
        </td>
        <td>
          <div className="document-actions">
            {sha ? (
              <>
                <a
                  className="button"
                  href={fileUrl(sha)}
                  target="_blank"
                  rel="noopener"
                  aria-label={`Open ${title}`}
                >
                  Open
                </a>
                {document.filename && (
                  <a
                    className="button button-secondary"
                    href={fileUrl(sha)}
                    download={document.filename}
                    aria-label={`Save ${title}`}
                  >
                    Save
                  </a>
                )}
              </>
            ) : (
              <button
                type="button"
                disabled={fetch.state === 'downloading'}
                aria-label={`Open ${title}`}
                title="Downloads the document from TransAM, then opens it"
                onClick={() => void download()}
              >
                {fetch.state === 'downloading' ? 'Downloading…' : 'Open'}
              </button>
            )}
          </div>
        </td>
      </tr>
      {fetch.state === 'failed' && (
        <tr className="document-problem">
          <td colSpan={props.withFilename ? 5 : 4}>
            <ErrorNotice
              title={`“${title}” could not be downloaded.`}
              message={fetch.message}
              action={
                <button type="button" className="button-secondary" onClick={() => void download()}>
                  Try again
                </button>
              }
            />
          </td>
        </tr>
      )}
    </tbody>
  )
}

function DocumentState({ sha, fetch }: { sha: string | null; fetch: Fetch }) {
  if (fetch.state === 'downloading') {
    return (
      <span className="document-progress" role="status">
        Downloading…
        {/* No byte counts arrive for a document download: an indeterminate bar, not a guess. */}
        <progress aria-label="Download progress" />
      </span>
    )
  }
  if (!sha) return <span className="muted">Not downloaded</span>
  return (
    <span role={fetch.state === 'idle' ? undefined : 'status'}>
      <span className="badge badge-offline">On this computer</span>
      {fetch.state === 'opened' && (
        <small className="muted document-hint">Downloaded and opened in a new window.</small>
      )}
      {fetch.state === 'blocked' && (
        <small className="muted document-hint">
          Downloaded. The new window was blocked: use Open.
        </small>
      )}
    </span>
  )
}

/**
 * A document's description, edited in place and saved as it is typed (offline too); the rest
 * of the document comes with the uploads. Until the record can be read the text is shown as is.
 */
function DocumentDescription({ document, title }: { document: DocumentRow; title: string }) {
  const { query, save } = useRecordView({
    connectionId: document.connectionId,
    kind: 'transam.document',
    id: document.key,
  })
  const [problem, setProblem] = useState<string | null>(null)
  if (query.state !== 'ready') {
    return <>{document.description ?? <span className="muted">—</span>}</>
  }
  const view = query.value
  const problems = [problem, ...(view.fieldErrors['description'] ?? [])].filter(
    (text): text is string => text !== null,
  )
  const problemId = `document-${document.key}-problem`
  return (
    <div className="document-description">
      <span className="edit-control">
        <FieldInput
          input="text"
          value={view.fields['description'] ?? null}
          disabled={view.pendingDelete}
          onSave={async (value) => {
            const error = await save({ description: value })
            setProblem(error === null ? null : problemFor(error, 'description'))
            return error === null
          }}
          onInvalid={setProblem}
          control={{
            'aria-label': `Description of ${title}`,
            'aria-invalid': problems.length > 0 ? true : undefined,
            'aria-describedby': problems.length > 0 ? problemId : undefined,
          }}
        />
        <SyncStateBadge state={view.syncState} />
      </span>
      {problems.length > 0 && (
        <small id={problemId} className="field-problem" role="alert">
          {problems.join(' ')}
        </small>
      )}
    </div>
  )
}

import { useState } from 'react'
import type { Result } from '../../../../shared/rpc/contract'
import type { MediaRow } from '../../../../shared/rpc/huvr-contract'
import type { RecordKey, RecordView } from '../../../../shared/rpc/outbox-contract'
import { StateBadge } from '../../components/Badges'
import { ErrorNotice, Loading } from '../../components/Notice'
import { RecordForm } from '../../components/RecordForm'
import { RecordHistory } from '../../components/RecordHistory'
import { RecordSyncNotice } from '../../components/RecordSyncNotice'
import { SyncStateBadge, waitsForProject } from '../../components/SyncStateBadge'
import type { FieldSpec } from '../../edits/field-input'
import { choiceLabel, defectFields, refIdOf } from '../../edits/huvr-fields'
import type { ProjectRecords } from '../../edits/useProjectRecords'
import { useRecordView } from '../../edits/useRecordView'
import type { LooseRecord } from '../../loose-record'
import { useQuery, useRpc } from '../../rpc/hooks'
import { DefectCreateForm } from './DefectCreateForm'
import { DefectPhotos } from './DefectPhotos'

type Profiles = Result<'huvr.lookups'>
/** The table's columns: a defect's form spans them all in the row under it. */
const COLUMN_COUNT = 8

/** The defect profile (HUVR's list of types and severities) a defect was recorded with. */
function profileOf(profiles: Profiles, view: RecordView): LooseRecord | null {
  const id = refIdOf(view.fields['profile_id'])
  return profiles.find((profile) => profile.id === id)?.record ?? null
}

/** "Corrosion / External", from whichever of type and sub-type there are. */
function defectKind(fields: readonly FieldSpec[], view: RecordView): string | null {
  const spec = (name: string) => fields.find((field) => field.field === name)
  const parts = [
    choiceLabel(spec('type'), view.fields['type']),
    choiceLabel(spec('sub_type'), view.fields['sub_type']),
  ].filter((part) => part !== null)
  return parts.length > 0 ? parts.join(' / ') : null
}

function defectLocation(view: RecordView): string | null {
  const parts = ['component', 'location_zone', 'location_code']
    .map((field) => view.fields[field])
    .filter((value) => typeof value === 'string' && value !== '')
  return parts.length > 0 ? parts.join(' · ') : null
}

/**
 * A project's defects: each opens into a form that saves as it is edited, with its history;
 * new ones are recorded here, offline too, and reach HUVR with the next push.
 */
export function Defects(props: {
  connectionId: string
  projectId: number
  records: ProjectRecords
  offline: boolean
  /** The project's media, for linking photos to a defect. */
  media: readonly MediaRow[]
}) {
  const { connectionId, projectId, records } = props
  const profiles = useQuery('huvr.lookups', { connectionId, kind: 'defect-profiles' }, [
    'sync.finished',
  ])
  const [creating, setCreating] = useState(false)
  /** The row whose form is open, by its stable row key. */
  const [openRow, setOpenRow] = useState<string | null>(null)

  if (records.query.state === 'loading') return <Loading what="defects" />
  if (records.query.state === 'error') {
    return (
      <ErrorNotice title="The defects could not be read." message={records.query.error.message} />
    )
  }
  const knownProfiles = profiles.state === 'ready' ? profiles.value : []
  const defects = records.query.value

  return (
    <div className="stack">
      <div className="section-actions">
        {!creating && (
          <button type="button" onClick={() => setCreating(true)}>
            New defect
          </button>
        )}
      </div>
      {creating && (
        <DefectCreateForm
          connectionId={connectionId}
          projectId={projectId}
          profiles={knownProfiles}
          onCancel={() => setCreating(false)}
          onCreated={(view) => {
            records.show(view)
            setCreating(false)
            setOpenRow(records.rowKey(view.id))
          }}
        />
      )}
      {defects.length === 0 ? (
        <p className="muted">
          {props.offline
            ? 'No defects on this project.'
            : 'No defects cached. Turn on “Available offline” and sync to download them.'}
        </p>
      ) : (
        <table className="data-table defect-table" aria-label="Defects">
          <thead>
            <tr>
              <th scope="col">Defect</th>
              <th scope="col">Kind</th>
              <th scope="col">Severity</th>
              <th scope="col">State</th>
              <th scope="col">Location</th>
              <th scope="col">Description</th>
              <th scope="col">Sync</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          {defects.map((view) => {
            const rowKey = records.rowKey(view.id)
            return (
              <DefectItem
                key={rowKey}
                view={view}
                profile={profileOf(knownProfiles, view)}
                media={props.media}
                offline={props.offline}
                open={openRow === rowKey}
                onToggle={() => setOpenRow(openRow === rowKey ? null : rowKey)}
              />
            )
          })}
        </table>
      )}
    </div>
  )
}

/** One defect: its row, and its form under it when opened (a tbody of its own). */
function DefectItem(props: {
  view: RecordView
  profile: LooseRecord | null
  media: readonly MediaRow[]
  offline: boolean
  open: boolean
  onToggle: () => void
}) {
  const { view } = props
  const fields = defectFields(props.profile)
  const severity = choiceLabel(
    fields.find((field) => field.field === 'severity'),
    view.fields['severity'],
  )
  const name = Number(view.id) < 0 ? 'New defect' : `Defect #${view.id}`
  const state = view.fields['state']
  return (
    <tbody>
      <tr aria-label={name} data-sync-state={view.syncState}>
        <td>{Number(view.id) < 0 ? <em>New</em> : `#${view.id}`}</td>
        <td>{defectKind(fields, view) ?? '—'}</td>
        <td>{severity === null ? '—' : <span className="severity">{severity}</span>}</td>
        <td>
          <StateBadge value={typeof state === 'string' ? state : null} />
        </td>
        <td>{defectLocation(view) ?? '—'}</td>
        <td className="wrap">{textOrDash(view.fields['description'])}</td>
        <td>
          <SyncStateBadge
            state={view.syncState}
            pendingDelete={view.pendingDelete}
            waitingForParent={waitsForProject(view.fields)}
          />
        </td>
        <td className="row-actions">
          <button
            type="button"
            className="button-secondary"
            aria-expanded={props.open}
            aria-label={props.open ? `Close ${name}` : `Edit ${name}`}
            onClick={props.onToggle}
          >
            {props.open ? 'Close' : 'Edit'}
          </button>
        </td>
      </tr>
      {props.open && (
        <tr className="editor-row">
          <td colSpan={COLUMN_COUNT}>
            <DefectEditor
              recordKey={{ connectionId: view.connectionId, kind: view.kind, id: view.id }}
              name={name}
              fields={fields}
              media={props.media}
              offline={props.offline}
              onDeleted={props.onToggle}
            />
          </td>
        </tr>
      )}
    </tbody>
  )
}

function textOrDash(value: unknown): string {
  return typeof value === 'string' && value !== '' ? value : '—'
}

/** A defect's form: saved as it is edited; its photos; deleting asks first. */
function DefectEditor(props: {
  recordKey: RecordKey
  name: string
  fields: readonly FieldSpec[]
  media: readonly MediaRow[]
  offline: boolean
  onDeleted: () => void
}) {
  const { query, recordKey, save } = useRecordView(props.recordKey)
  if (query.state === 'loading') return <Loading what="defect" />
  if (query.state === 'error') {
    return <ErrorNotice title="The defect could not be read." message={query.error.message} />
  }
  const view = query.value
  return (
    <div className="record-editor">
      <RecordSyncNotice view={view} />
      <RecordForm view={view} fields={props.fields} save={save} label={props.name} />
      <DefectPhotos
        connectionId={recordKey.connectionId}
        defectId={recordKey.id}
        defectName={props.name}
        media={props.media}
        projectAvailableOffline={props.offline}
        canLink={!view.pendingDelete}
      />
      <div className="record-editor-footer">
        <RecordHistory recordKey={recordKey} fields={props.fields} />
        {!view.pendingDelete && (
          <DeleteRecordButton recordKey={recordKey} what="defect" onDeleted={props.onDeleted} />
        )}
      </div>
    </div>
  )
}

/** Deletes after asking; a deletion of a record that reached the server waits for the push. */
function DeleteRecordButton(props: { recordKey: RecordKey; what: string; onDeleted: () => void }) {
  const rpc = useRpc()
  const [confirming, setConfirming] = useState(false)
  const [deleting, setDeleting] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const local = Number(props.recordKey.id) < 0

  const remove = async () => {
    setDeleting(true)
    const result = await rpc.call('records.delete', props.recordKey)
    setDeleting(false)
    if (!result.ok) {
      setError(result.error.message)
      return
    }
    setConfirming(false)
    props.onDeleted()
  }

  return (
    <div className="delete-record">
      {!confirming && (
        <button type="button" className="button-secondary" onClick={() => setConfirming(true)}>
          Delete {props.what}
        </button>
      )}
      {confirming && (
        <div className="confirm" role="group" aria-label={`Confirm deleting this ${props.what}`}>
          <span>
            {local
              ? `Delete this ${props.what}? It never reached the server, so it is simply removed.`
              : `Delete this ${props.what}? It is deleted in HUVR with the next push.`}
          </span>
          <button
            type="button"
            className="button-danger"
            disabled={deleting}
            onClick={() => void remove()}
          >
            Delete
          </button>
          <button type="button" className="button-secondary" onClick={() => setConfirming(false)}>
            Keep it
          </button>
        </div>
      )}
      {error && <ErrorNotice title={`The ${props.what} was not deleted.`} message={error} />}
    </div>
  )
}

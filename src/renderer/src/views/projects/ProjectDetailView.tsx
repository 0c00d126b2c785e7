import { useEffect, useMemo } from 'react'
import { Link, useLocation } from 'wouter'
import type { ProjectDetail } from '../../../../shared/rpc/huvr-contract'
import type { RecordView } from '../../../../shared/rpc/outbox-contract'
import { OfflineBadge, StateBadge } from '../../components/Badges'
import { DetailSection } from '../../components/DetailSection'
import { Facts } from '../../components/Facts'
import { ErrorNotice, Loading, RecordReadError } from '../../components/Notice'
import { RecordFields } from '../../components/RecordFields'
import { RecordForm } from '../../components/RecordForm'
import { RecordHistory } from '../../components/RecordHistory'
import { RecordSyncNotice } from '../../components/RecordSyncNotice'
import { SyncStateBadge } from '../../components/SyncStateBadge'
import { PROJECT_FIELDS } from '../../edits/huvr-fields'
import { rememberServerId, serverIdOf } from '../../edits/server-ids'
import { useProjectRecords, type ProjectRecords } from '../../edits/useProjectRecords'
import { useRecordView } from '../../edits/useRecordView'
import { useRpcEvent } from '../../hooks/useRpcEvent'
import { useQuery, useRpc } from '../../rpc/hooks'
import { assetHref, projectHref, type RecordRef } from '../../routes'
import { AvailableOfflineSwitch } from './AvailableOfflineSwitch'
import { Checklists } from './Checklists'
import { Defects } from './Defects'
import { MediaGallery } from './MediaGallery'
import { Measurements } from './Measurements'
import { ProjectUploads } from './ProjectUploads'

const SHOWN_ABOVE = ['id', 'name']
/** The form's fields, and the type a project is created with, as its history names them. */
const PROJECT_HISTORY_FIELDS = [...PROJECT_FIELDS, { field: 'type', label: 'Project type' }]

export function ProjectDetailView({ projectRef }: { projectRef: RecordRef }) {
  const detail = useQuery('projects.get', projectRef, ['sync.finished'])
  useFollowServerId(projectRef)

  if (detail.state === 'loading') return <Loading what="project" />
  if (detail.state === 'error') {
    return (
      <RecordReadError
        what="project"
        heading="Project"
        breadcrumb={<ProjectBreadcrumb name="Project" />}
        error={detail.error}
      />
    )
  }
  return <ProjectDetailContent detail={detail.value} onChanged={detail.reload} />
}

function ProjectDetailContent({
  detail,
  onChanged,
}: {
  detail: ProjectDetail
  onChanged: () => void
}) {
  const { row, record } = detail
  const offline = row.availableOffline
  const galleryIds = useMemo(
    () => new Set(detail.media.map((media) => String(media.id))),
    [detail.media],
  )
  const project = useRecordView({
    connectionId: row.connectionId,
    kind: 'huvr.project',
    id: String(row.id),
  })
  const checklists = useProjectRecords(row.connectionId, 'huvr.checklist', row.id)
  const defects = useProjectRecords(row.connectionId, 'huvr.defect', row.id)
  const measurements = useProjectRecords(row.connectionId, 'huvr.measurement', row.id)
  // The name and status as edited here, before the server has them.
  const view = project.query.state === 'ready' ? project.query.value : null
  const name = textField(view, 'name') ?? row.name
  const status = textField(view, 'status') ?? row.status
  const asset =
    row.assetId === null ? (
      row.assetName
    ) : (
      <Link href={assetHref(row.connectionId, row.assetId)}>
        {row.assetName ?? `Asset #${row.assetId}`}
      </Link>
    )

  return (
    <article className="detail">
      <ProjectBreadcrumb name={name} />
      <header className="detail-header">
        <h1>{name}</h1>
        <p className="detail-subtitle">
          {status !== null && <StateBadge value={status} />}
          {row.typeName && <span>{row.typeName}</span>}
          {offline && <OfflineBadge />}
          {view && <SyncStateBadge state={view.syncState} showSynced />}
        </p>
      </header>
      {view && <RecordSyncNotice view={view} />}

      <AvailableOfflineSwitch project={row} onChanged={onChanged} />

      <Facts
        facts={[
          ['Asset', asset],
          ['Type', row.typeName],
          ['HUVR id', row.id < 0 ? 'None yet' : String(row.id)],
        ]}
      />
      {row.id < 0 && (
        <p className="notice notice-info" role="status" data-testid="project-created-here">
          Created on this computer. HUVR gets the project with the next push and gives it its id;
          findings and photos added here are sent after it.
        </p>
      )}

      <DetailSection id="project-details" title="Project details">
        {project.query.state === 'loading' && <Loading what="project fields" />}
        {project.query.state === 'error' && (
          <ErrorNotice
            title="The project’s fields cannot be edited."
            message={project.query.error.message}
          />
        )}
        {view && (
          <>
            <RecordForm
              view={view}
              fields={PROJECT_FIELDS}
              save={project.save}
              label="Project details"
            />
            <RecordHistory recordKey={project.recordKey} fields={PROJECT_HISTORY_FIELDS} />
          </>
        )}
      </DetailSection>

      <DetailSection id="project-upload" title="Upload photos to HUVR">
        <ProjectUploads
          connectionId={row.connectionId}
          projectId={row.id}
          availableOffline={offline}
          galleryIds={galleryIds}
          onProjectChanged={onChanged}
        />
      </DetailSection>

      <DetailSection id="project-media" title="Media" count={detail.media.length}>
        <MediaGallery media={detail.media} projectAvailableOffline={offline} />
      </DetailSection>

      <DetailSection id="project-checklists" title="Checklists" count={countOf(checklists)}>
        <Checklists records={checklists} offline={offline} />
      </DetailSection>

      <DetailSection id="project-defects" title="Defects" count={countOf(defects)}>
        <Defects
          connectionId={row.connectionId}
          projectId={row.id}
          records={defects}
          offline={offline}
          media={detail.media}
        />
      </DetailSection>

      <DetailSection id="project-measurements" title="Measurements" count={countOf(measurements)}>
        <Measurements
          connectionId={row.connectionId}
          projectId={row.id}
          assetId={row.assetId}
          records={measurements}
        />
      </DetailSection>

      <DetailSection id="project-fields" title="All fields from HUVR">
        <RecordFields record={record} omit={SHOWN_ABOVE} />
      </DetailSection>
    </article>
  )
}

/**
 * A project created here is addressed by its local (negative) id until the push sends it; the
 * page then moves to HUVR's id, replacing the address in the history so Back does not lead to
 * the old one. An address with an id that has already moved on moves at once: the window
 * remembers, and after a reload or a restart the core does.
 */
function useFollowServerId(projectRef: RecordRef): void {
  const [, navigate] = useLocation()
  const rpc = useRpc()
  const { connectionId, id } = projectRef
  const known = serverIdOf('huvr.project', connectionId, id)
  useEffect(() => {
    if (known !== null) {
      navigate(projectHref(connectionId, known), { replace: true })
      return
    }
    if (id >= 0) return
    let current = true
    const ref = { connectionId, kind: 'huvr.project', id: String(id) } as const
    void rpc.call('records.serverId', ref).then((answer) => {
      if (!current || !answer.ok || answer.value === null) return
      rememberServerId('huvr.project', connectionId, id, answer.value)
      navigate(projectHref(connectionId, Number(answer.value)), { replace: true })
    })
    return () => {
      current = false
    }
  }, [rpc, navigate, connectionId, id, known])
  useRpcEvent('record.changed', (event) => {
    if (event.kind !== 'huvr.project' || event.newId === undefined) return
    if (event.connectionId !== connectionId || event.id !== String(id)) return
    rememberServerId('huvr.project', connectionId, event.id, event.newId)
    navigate(projectHref(connectionId, Number(event.newId)), { replace: true })
  })
}

/** How many records a list holds, once it is read. */
function countOf(records: ProjectRecords): number | undefined {
  return records.query.state === 'ready' ? records.query.value.length : undefined
}

function textField(view: RecordView | null, field: string): string | null {
  const value = view?.fields[field]
  return typeof value === 'string' && value !== '' ? value : null
}

function ProjectBreadcrumb({ name }: { name: string }) {
  return (
    <nav className="breadcrumb" aria-label="Breadcrumb">
      <Link href="/projects">All projects</Link>
      <span aria-current="page">{name}</span>
    </nav>
  )
}

import { useMemo } from 'react'
import { Link } from 'wouter'
import type { ProjectDetail } from '../../../../shared/rpc/huvr-contract'
import { OfflineBadge, StateBadge } from '../../components/Badges'
import { DetailSection } from '../../components/DetailSection'
import { Facts } from '../../components/Facts'
import { Loading, RecordReadError } from '../../components/Notice'
import { RecordFields } from '../../components/RecordFields'
import { formatServerDate, humanize } from '../../format'
import { field } from '../../loose-record'
import { useQuery } from '../../rpc/hooks'
import { assetHref, type RecordRef } from '../../routes'
import { AvailableOfflineSwitch } from './AvailableOfflineSwitch'
import { Checklists } from './Checklists'
import { Defects } from './Defects'
import { MediaGallery } from './MediaGallery'
import { Measurements } from './Measurements'
import { ProjectUploads } from './ProjectUploads'

const SHOWN_ABOVE = ['id', 'name']

export function ProjectDetailView({ projectRef }: { projectRef: RecordRef }) {
  const detail = useQuery('projects.get', projectRef, ['sync.finished'])

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
      <ProjectBreadcrumb name={row.name} />
      <header className="detail-header">
        <h1>{row.name}</h1>
        <p className="detail-subtitle">
          <StateBadge value={row.status} />
          {row.typeName && <span>{row.typeName}</span>}
          {offline && <OfflineBadge />}
        </p>
      </header>

      <AvailableOfflineSwitch project={row} onChanged={onChanged} />

      <Facts
        facts={[
          ['Asset', asset],
          ['Type', row.typeName],
          ['Priority', row.priority ? humanize(row.priority) : null],
          ['Start', row.startOn ? formatServerDate(row.startOn) : null],
          ['End', row.endOn ? formatServerDate(row.endOn) : null],
          ['Description', field(record, 'description')],
          ['HUVR id', String(row.id)],
        ]}
      />

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

      <DetailSection id="project-checklists" title="Checklists" count={detail.checklists.length}>
        {detail.checklists.length === 0 ? (
          <NothingCached what="checklists" offline={offline} />
        ) : (
          <Checklists items={detail.checklists} />
        )}
      </DetailSection>

      <DetailSection id="project-defects" title="Defects" count={detail.defects.length}>
        {detail.defects.length === 0 ? (
          <NothingCached what="defects" offline={offline} />
        ) : (
          <Defects items={detail.defects} />
        )}
      </DetailSection>

      <DetailSection
        id="project-measurements"
        title="Measurements"
        count={detail.measurements.length}
      >
        {detail.measurements.length === 0 ? (
          <NothingCached what="measurements" offline={offline} />
        ) : (
          <Measurements items={detail.measurements} />
        )}
      </DetailSection>

      <DetailSection id="project-fields" title="All fields from HUVR">
        <RecordFields record={record} omit={SHOWN_ABOVE} />
      </DetailSection>
    </article>
  )
}

/** An empty section says whether there is nothing, or nothing downloaded yet. */
function NothingCached({ what, offline }: { what: string; offline: boolean }) {
  return (
    <p className="muted">
      {offline
        ? `No ${what} on this project.`
        : `No ${what} cached. Turn on “Available offline” and sync to download them.`}
    </p>
  )
}

function ProjectBreadcrumb({ name }: { name: string }) {
  return (
    <nav className="breadcrumb" aria-label="Breadcrumb">
      <Link href="/projects">All projects</Link>
      <span aria-current="page">{name}</span>
    </nav>
  )
}

import { useState } from 'react'
import { Link } from 'wouter'
import type { Result } from '../../../../shared/rpc/contract'
import type { AssetRow } from '../../../../shared/rpc/huvr-contract'
import { DetailSection } from '../../components/DetailSection'
import { Facts } from '../../components/Facts'
import { ErrorNotice, Loading, RecordReadError } from '../../components/Notice'
import { RecordFields } from '../../components/RecordFields'
import { RecordForm } from '../../components/RecordForm'
import { RecordHistory } from '../../components/RecordHistory'
import { RecordSyncNotice } from '../../components/RecordSyncNotice'
import { SyncStateBadge } from '../../components/SyncStateBadge'
import { LinkedBadge, SystemBadge } from '../../components/SystemBadge'
import { plural } from '../../format'
import { ASSET_FIELDS, refIdOf } from '../../edits/huvr-fields'
import { useRecordView } from '../../edits/useRecordView'
import { useConnections } from '../../hooks/useConnections'
import { useQuery } from '../../rpc/hooks'
import { assetHref, type RecordRef } from '../../routes'
import { LinkedTransamAssets } from '../links/LinkedAssets'
import { SuggestionsSection } from '../links/SuggestionList'
import { ProjectTable } from '../projects/ProjectTable'
import { ProjectCreateForm } from './ProjectCreateForm'

/** Children listed before "Show all": a site can have thousands. */
const CHILDREN_SHOWN_AT_FIRST = 100

/** Fields already shown above, so the full list below does not repeat them first thing. */
const SHOWN_ABOVE = ['id', 'name']

export function AssetDetailView({ assetRef }: { assetRef: RecordRef }) {
  const detail = useQuery('assets.get', assetRef, ['sync.finished'])

  if (detail.state === 'loading') return <Loading what="asset" />
  if (detail.state === 'error') {
    return (
      <RecordReadError
        what="asset"
        heading="Asset"
        breadcrumb={<AssetBreadcrumb parent={null} name="Asset" />}
        error={detail.error}
      />
    )
  }
  return <AssetDetailContent detail={detail.value} onChanged={detail.reload} />
}

function AssetDetailContent(props: { detail: Result<'assets.get'>; onChanged: () => void }) {
  const { detail, onChanged } = props
  const { row, record } = detail
  // Without a TransAM account, an empty "linked" section on every asset would only be noise.
  const hasTransamAccount =
    useConnections()?.some((connection) => connection.system === 'transam') ?? false
  const asset = useRecordView({
    connectionId: row.connectionId,
    kind: 'huvr.asset',
    id: String(row.id),
  })
  const view = asset.query.state === 'ready' ? asset.query.value : null
  // The name as edited here, before the server has it.
  const editedName = view?.fields['name']
  const name = typeof editedName === 'string' && editedName !== '' ? editedName : row.name
  return (
    <article className="detail">
      <AssetBreadcrumb parent={detail.parent} name={name} />
      <header className="detail-header">
        <h1>{name}</h1>
        <p className="detail-subtitle">
          <SystemBadge system="huvr" />
          {row.typeName ?? 'Asset'}
          {row.isActive === false && <span className="badge tone-inactive">Inactive</span>}
          {detail.linkedTransam.length > 0 && <LinkedBadge title="Linked to a TransAM asset" />}
          {view && <SyncStateBadge state={view.syncState} showSynced />}
        </p>
      </header>
      {view && <RecordSyncNotice view={view} />}

      <Facts
        facts={[
          ['Type', row.typeName],
          ['Asset path', row.assetPath],
          ['HUVR id', String(row.id)],
        ]}
      />

      <DetailSection id="asset-details" title="Asset details">
        {asset.query.state === 'loading' && <Loading what="asset fields" />}
        {asset.query.state === 'error' && (
          <ErrorNotice
            title="The asset’s fields cannot be edited."
            message={asset.query.error.message}
          />
        )}
        {view && (
          <>
            <RecordForm view={view} fields={ASSET_FIELDS} save={asset.save} label="Asset details" />
            <RecordHistory recordKey={asset.recordKey} fields={ASSET_FIELDS} />
          </>
        )}
      </DetailSection>

      {(hasTransamAccount || detail.linkedTransam.length > 0) && (
        <DetailSection
          id="asset-linked"
          title="Linked TransAM assets"
          count={detail.linkedTransam.length}
        >
          <LinkedTransamAssets huvr={row} linked={detail.linkedTransam} onChanged={onChanged} />
        </DetailSection>
      )}

      <SuggestionsSection
        id="asset-suggestions"
        title="Suggested TransAM links"
        subject={row.name}
        suggestions={detail.suggestions}
        onDecided={onChanged}
      />

      <DetailSection id="asset-children" title="Children" count={detail.children.length}>
        <ChildAssets items={detail.children} />
      </DetailSection>

      <DetailSection id="asset-projects" title="Projects" count={detail.projects.length}>
        <AssetProjects
          connectionId={row.connectionId}
          assetId={row.id}
          assetName={name}
          assetTypeId={refIdOf(record['type'])}
          projects={detail.projects}
        />
      </DetailSection>

      <DetailSection id="asset-fields" title="All fields from HUVR">
        <RecordFields record={record} omit={SHOWN_ABOVE} />
      </DetailSection>
    </article>
  )
}

/** The asset's projects, and a form for a new one (which works offline too). */
function AssetProjects(props: {
  connectionId: string
  assetId: number
  assetName: string
  assetTypeId: number | null
  projects: Result<'assets.get'>['projects']
}) {
  const [creating, setCreating] = useState(false)
  return (
    <div className="stack">
      {!creating && (
        <div className="section-actions">
          <button type="button" onClick={() => setCreating(true)}>
            New project
          </button>
        </div>
      )}
      {creating && (
        <ProjectCreateForm
          connectionId={props.connectionId}
          assetId={props.assetId}
          assetName={props.assetName}
          assetTypeId={props.assetTypeId}
          onCancel={() => setCreating(false)}
        />
      )}
      {props.projects.length === 0 ? (
        <p className="muted">No projects on this asset in the cache.</p>
      ) : (
        <ProjectTable projects={props.projects} label={`Projects on ${props.assetName}`} />
      )}
    </div>
  )
}

/** "Assets › ancestors › parent › this": ancestors come from the parent's path, the parent is a link. */
function AssetBreadcrumb({ parent, name }: { parent: AssetRow | null; name: string }) {
  const ancestors = parent?.assetPath?.split('/').slice(0, -1) ?? []
  return (
    <nav className="breadcrumb" aria-label="Breadcrumb">
      <Link href="/assets">All assets</Link>
      {ancestors.map((ancestor, index) => (
        <span key={index} className="breadcrumb-text">
          {ancestor}
        </span>
      ))}
      {parent && <Link href={assetHref(parent.connectionId, parent.id)}>{parent.name}</Link>}
      <span aria-current="page">{name}</span>
    </nav>
  )
}

function ChildAssets({ items }: { items: AssetRow[] }) {
  const [showAll, setShowAll] = useState(false)
  if (items.length === 0) return <p className="muted">No child assets.</p>
  const shown = showAll ? items : items.slice(0, CHILDREN_SHOWN_AT_FIRST)
  return (
    <>
      <ul className="link-list">
        {shown.map((child) => (
          <li key={child.id}>
            <Link href={assetHref(child.connectionId, child.id)}>{child.name}</Link>
            {child.typeName && <span className="muted"> · {child.typeName}</span>}
          </li>
        ))}
      </ul>
      {shown.length < items.length && (
        <button type="button" className="button-secondary" onClick={() => setShowAll(true)}>
          Show all {plural(items.length, 'child asset', 'child assets')}
        </button>
      )}
    </>
  )
}

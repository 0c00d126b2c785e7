import { useMemo } from 'react'
import { Link } from 'wouter'
import type { TransamAssetDetail } from '../../../../shared/rpc/transam-contract'
import { OfflineBadge } from '../../components/Badges'
import { DetailSection } from '../../components/DetailSection'
import { Facts } from '../../components/Facts'
import { Loading, RecordReadError } from '../../components/Notice'
import { OfflineSwitch } from '../../components/OfflineSwitch'
import { RecordFields } from '../../components/RecordFields'
import { LinkedBadge, SystemBadge } from '../../components/SystemBadge'
import { formatServerDate } from '../../format'
import { field } from '../../loose-record'
import { useQuery, useRpc } from '../../rpc/hooks'
import type { TransamRef } from '../../routes'
import { LinkedHuvrAssets } from '../links/LinkedAssets'
import { SuggestionsSection, transamTitle } from '../links/SuggestionList'
import { DocumentList } from './DocumentList'
import { TransamAssetUploads } from './TransamAssetUploads'

const OFFLINE_TEXTS = {
  whenOn:
    'Each sync keeps this asset’s documents on this computer, so you can open them with no network.',
  whenOff:
    'Turn on to have the next sync download this asset’s documents to this computer. Until then each document is downloaded when you open it.',
  syncing: 'the documents show “On this computer” when it is done.',
  synced: 'Synced. The documents are available offline.',
}

/** Fields the page already shows above; the full list below leaves out only the key. */
const SHOWN_ABOVE = ['object_key']

export function TransamAssetDetailView({ assetRef }: { assetRef: TransamRef }) {
  const detail = useQuery('transam.assets.get', assetRef, ['sync.finished'])

  if (detail.state === 'loading') return <Loading what="asset" />
  if (detail.state === 'error') {
    return (
      <RecordReadError
        what="asset"
        heading="TransAM asset"
        breadcrumb={<TransamBreadcrumb name="TransAM asset" />}
        error={detail.error}
      />
    )
  }
  return <TransamAssetContent detail={detail.value} onChanged={detail.reload} />
}

function TransamAssetContent(props: { detail: TransamAssetDetail; onChanged: () => void }) {
  const { detail, onChanged } = props
  const { row, record } = detail
  const rpc = useRpc()
  const name = transamTitle(row)
  const subtype = [row.typeName, row.subtypeName].filter(Boolean).join(' / ')
  const documentKeys = useMemo(
    () => new Set(detail.documents.map((document) => document.key)),
    [detail.documents],
  )

  return (
    <article className="detail">
      <TransamBreadcrumb name={name} />
      <header className="detail-header">
        <h1>{name}</h1>
        <p className="detail-subtitle">
          <SystemBadge system="transam" />
          {subtype && <span>{subtype}</span>}
          {row.assetTag && <span>Asset tag {row.assetTag}</span>}
          {detail.linkedHuvr.length > 0 && <LinkedBadge title="Linked to a HUVR asset" />}
          {row.availableOffline && <OfflineBadge />}
        </p>
      </header>

      <OfflineSwitch
        connectionId={row.connectionId}
        available={row.availableOffline}
        save={(available) =>
          rpc.call('transam.assets.setAvailableOffline', {
            connectionId: row.connectionId,
            key: row.key,
            available,
          })
        }
        onChanged={onChanged}
        texts={OFFLINE_TEXTS}
      />

      <Facts
        facts={[
          ['Asset tag', row.assetTag],
          ['Description', row.description],
          ['Type', row.typeName],
          ['Subtype', row.subtypeName],
          ['Organization', row.organization],
          ['Serial number', row.serialNumber],
          ['External id', row.externalId],
          ['In service since', row.inServiceDate ? formatServerDate(row.inServiceDate) : null],
          ['Manufacturer', field(record, 'manufacturer', 'manufacturer_name')],
          ['TransAM key', row.key],
        ]}
      />

      <DetailSection id="transam-upload" title="Upload documents to TransAM">
        <TransamAssetUploads
          connectionId={row.connectionId}
          assetKey={row.key}
          documentKeys={documentKeys}
          onUploaded={onChanged}
        />
      </DetailSection>

      <DetailSection id="transam-documents" title="Documents" count={detail.documents.length}>
        <DocumentList
          documents={detail.documents}
          label={`Documents of ${name}`}
          onFetched={onChanged}
        />
      </DetailSection>

      <DetailSection
        id="transam-linked"
        title="Linked HUVR assets"
        count={detail.linkedHuvr.length}
      >
        <LinkedHuvrAssets transam={row} linked={detail.linkedHuvr} onChanged={onChanged} />
      </DetailSection>

      <SuggestionsSection
        id="transam-suggestions"
        title="Suggested HUVR links"
        subject={name}
        suggestions={detail.suggestions}
        onDecided={onChanged}
      />

      <DetailSection id="transam-fields" title="All fields from TransAM">
        <RecordFields record={record} omit={SHOWN_ABOVE} />
      </DetailSection>
    </article>
  )
}

function TransamBreadcrumb({ name }: { name: string }) {
  return (
    <nav className="breadcrumb" aria-label="Breadcrumb">
      <Link href="/assets">All assets</Link>
      <span className="breadcrumb-text">TransAM</span>
      <span aria-current="page">{name}</span>
    </nav>
  )
}

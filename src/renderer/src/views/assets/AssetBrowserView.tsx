import type { AssetSource, UnifiedAssetRow } from '../../../../shared/rpc/transam-contract'
import { AccountFilter, withAccountColumn } from '../../components/AccountColumn'
import { BrowserPage } from '../../components/BrowserPage'
import { EmptyCache } from '../../components/EmptyCache'
import { filterChoices, SelectFilter, stillOffered } from '../../components/Filters'
import { SearchResults } from '../../components/SearchResults'
import { LinkedBadge, SystemBadge } from '../../components/SystemBadge'
import type { Column } from '../../components/VirtualTable'
import { useConnections } from '../../hooks/useConnections'
import { useSearchQuery } from '../../hooks/useSearchQuery'
import { useSessionState } from '../../hooks/useSessionState'
import { useQuery, useRpc } from '../../rpc/hooks'
import { assetHref, transamAssetHref } from '../../routes'

type Scope = 'all' | 'top-level'
type SourceChoice = AssetSource | ''

const SOURCE_CHOICES = [
  { value: '', label: 'HUVR and TransAM' },
  { value: 'huvr', label: 'HUVR only' },
  { value: 'transam', label: 'TransAM only' },
]

function sourceOf(value: string): SourceChoice {
  return value === 'huvr' || value === 'transam' ? value : ''
}

/** HUVR knows an asset by its path, TransAM by the organization that owns it. */
const COLUMNS: readonly Column<UnifiedAssetRow>[] = [
  {
    header: 'Name',
    width: 'minmax(0, 2fr)',
    cell: (row) => <span title={row.name}>{row.name}</span>,
  },
  { header: 'Source', width: '6rem', cell: (row) => <SystemBadge system={row.source} /> },
  { header: 'Type', width: 'minmax(0, 1fr)', cell: (row) => row.typeName ?? '—' },
  {
    header: 'Path / organization',
    width: 'minmax(0, 2.5fr)',
    cell: (row) => <span title={row.location ?? undefined}>{row.location ?? '—'}</span>,
  },
  {
    header: 'Tag / ext. id',
    width: 'minmax(0, 1.3fr)',
    cell: (row) => {
      const identifier = row.assetTag ?? row.externalId
      return identifier ? <span title={identifier}>{identifier}</span> : '—'
    },
  },
  {
    header: 'Linked',
    width: '5rem',
    cell: (row) => (row.linked ? <LinkedBadge /> : null),
  },
]

function rowHref(row: UnifiedAssetRow): string {
  return row.source === 'huvr'
    ? assetHref(row.connectionId, Number(row.key))
    : transamAssetHref(row.connectionId, row.key)
}

/**
 * Every cached asset of both systems, searchable as you type. The level filter is about HUVR's
 * hierarchy (TransAM's assets are flat), so choosing "top-level only" narrows the list to HUVR.
 */
export function AssetBrowserView() {
  const rpc = useRpc()
  const types = useQuery('assets.types', {}, ['sync.finished'])
  const typeNames = types.state === 'ready' ? types.value : null
  const search = useSearchQuery('assets.query')
  const [rememberedType, setType] = useSessionState('assets.type', '')
  const type = stillOffered(rememberedType, typeNames)
  const [scope, setScope] = useSessionState<Scope>('assets.scope', 'all')
  const [rememberedSource, setSource] = useSessionState('assets.source', '')
  const source: SourceChoice = scope === 'top-level' ? 'huvr' : sourceOf(rememberedSource)
  const connections = useConnections()
  // With one account per system the Source column already says where a row comes from.
  const severalPerSystem =
    connections !== null &&
    new Set(connections.map((connection) => connection.system)).size < connections.length
  const [account, setAccount] = useSessionState('assets.account', '')
  // A remembered account applies only while its filter is on screen.
  const connectionId = severalPerSystem
    ? stillOffered(
        account,
        connections.map((connection) => connection.id),
      )
    : ''

  const filters = {
    query: search.settled,
    ...(source ? { source } : {}),
    ...(connectionId ? { connectionId } : {}),
    ...(type ? { type } : {}),
    ...(scope === 'top-level' ? { parentId: null } : {}),
  }
  const queryKey = `assets:${JSON.stringify(filters)}`
  const typeChoices = filterChoices('All types', typeNames)

  return (
    <BrowserPage
      title="Assets"
      searchLabel="Search assets"
      searchPlaceholder="Name, path, asset tag, external id or type"
      search={search}
      filters={
        <>
          <SelectFilter
            label="Source"
            value={source}
            choices={SOURCE_CHOICES}
            onChange={(value) => {
              setSource(value)
              // TransAM has no hierarchy: keeping "top-level only" would hide every TransAM row.
              if (sourceOf(value) !== 'huvr') setScope('all')
            }}
          />
          <SelectFilter label="Type" value={type} choices={typeChoices} onChange={setType} />
          <SelectFilter
            label="Level (HUVR)"
            value={scope}
            choices={[
              { value: 'all', label: 'All levels' },
              { value: 'top-level', label: 'Top-level only' },
            ]}
            onChange={(value) => {
              const next = value === 'top-level' ? 'top-level' : 'all'
              setScope(next)
              if (next === 'top-level') setSource('huvr')
            }}
          />
          {connections && severalPerSystem && (
            <AccountFilter connections={connections} value={connectionId} onChange={setAccount} />
          )}
        </>
      }
    >
      <SearchResults
        label="Assets"
        noun={{ singular: 'asset', plural: 'assets' }}
        queryKey={queryKey}
        fetchPage={(offset, limit) => rpc.call('assets.search', { ...filters, offset, limit })}
        columns={withAccountColumn(COLUMNS, severalPerSystem ? (connections ?? []) : [])}
        rowHref={rowHref}
        pending={search.pending}
        narrowed={
          filters.query !== '' ||
          source !== '' ||
          connectionId !== '' ||
          type !== '' ||
          scope !== 'all'
        }
        emptyCache={<EmptyCache what="assets" />}
      />
    </BrowserPage>
  )
}

import type { AssetRow } from '../../../../shared/rpc/huvr-contract'
import { accountChoices, withAccountColumn } from '../../components/AccountColumn'
import { EmptyCache } from '../../components/EmptyCache'
import { SearchField, SelectFilter, stillOffered } from '../../components/Filters'
import { SearchResults } from '../../components/SearchResults'
import type { Column } from '../../components/VirtualTable'
import { useConnections } from '../../hooks/useConnections'
import { useDebouncedValue } from '../../hooks/useDebouncedValue'
import { useSessionState } from '../../hooks/useSessionState'
import { useQuery, useRpc } from '../../rpc/hooks'
import { assetHref } from '../../routes'

const SEARCH_DEBOUNCE_MS = 150

type Scope = 'all' | 'top-level'

const COLUMNS: readonly Column<AssetRow>[] = [
  { header: 'Name', width: 'minmax(0, 2fr)', cell: (row) => row.name },
  { header: 'Type', width: 'minmax(0, 1fr)', cell: (row) => row.typeName ?? '—' },
  {
    header: 'Asset path',
    width: 'minmax(0, 3fr)',
    cell: (row) => <span title={row.assetPath ?? undefined}>{row.assetPath ?? '—'}</span>,
  },
  { header: 'External id', width: 'minmax(0, 1fr)', cell: (row) => row.externalId ?? '—' },
]

/** Every cached asset, searchable as you type and filterable by type and level. */
export function AssetBrowserView() {
  const rpc = useRpc()
  const types = useQuery('assets.types', {}, ['sync.finished'])
  const [query, setQuery] = useSessionState('assets.query', '')
  const [rememberedType, setType] = useSessionState('assets.type', '')
  const type = stillOffered(rememberedType, types.state === 'ready' ? types.value : null)
  const [scope, setScope] = useSessionState<Scope>('assets.scope', 'all')
  const settledQuery = useDebouncedValue(query.trim(), SEARCH_DEBOUNCE_MS)
  const connections = useConnections()
  const [account, setAccount] = useSessionState('assets.account', '')
  const connectionId = stillOffered(
    account,
    connections?.map((connection) => connection.id) ?? null,
  )

  const filters = {
    query: settledQuery,
    ...(connectionId ? { connectionId } : {}),
    ...(type ? { type } : {}),
    ...(scope === 'top-level' ? { parentId: null } : {}),
  }
  const queryKey = `assets:${JSON.stringify(filters)}`
  const typeChoices = [
    { value: '', label: 'All types' },
    ...(types.state === 'ready' ? types.value.map((name) => ({ value: name, label: name })) : []),
  ]

  return (
    <section className="browser">
      <h1>Assets</h1>
      <div className="toolbar" role="search">
        <SearchField
          label="Search assets"
          placeholder="Name, path, external id or type"
          value={query}
          onChange={setQuery}
        />
        <SelectFilter label="Type" value={type} choices={typeChoices} onChange={setType} />
        <SelectFilter
          label="Level"
          value={scope}
          choices={[
            { value: 'all', label: 'All levels' },
            { value: 'top-level', label: 'Top-level only' },
          ]}
          onChange={(value) => setScope(value === 'top-level' ? 'top-level' : 'all')}
        />
        {connections && connections.length > 1 && (
          <SelectFilter
            label="Account"
            value={connectionId}
            choices={accountChoices(connections)}
            onChange={setAccount}
          />
        )}
      </div>
      <SearchResults
        label="Assets"
        noun={{ singular: 'asset', plural: 'assets' }}
        queryKey={queryKey}
        fetchPage={(offset, limit) => rpc.call('assets.search', { ...filters, offset, limit })}
        columns={withAccountColumn(COLUMNS, connections ?? [])}
        rowHref={(row) => assetHref(row.connectionId, row.id)}
        pending={query.trim() !== settledQuery}
        narrowed={filters.query !== '' || connectionId !== '' || type !== '' || scope !== 'all'}
        emptyCache={<EmptyCache what="assets" />}
      />
    </section>
  )
}

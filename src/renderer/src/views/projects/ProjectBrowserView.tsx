import type { ProjectRow } from '../../../../shared/rpc/huvr-contract'
import { OfflineBadge, StateBadge } from '../../components/Badges'
import { accountChoices, withAccountColumn } from '../../components/AccountColumn'
import { EmptyCache } from '../../components/EmptyCache'
import { SearchField, SelectFilter, stillOffered } from '../../components/Filters'
import { SearchResults } from '../../components/SearchResults'
import type { Column } from '../../components/VirtualTable'
import { humanize } from '../../format'
import { useConnections } from '../../hooks/useConnections'
import { useDebouncedValue } from '../../hooks/useDebouncedValue'
import { useSessionState } from '../../hooks/useSessionState'
import { useQuery, useRpc } from '../../rpc/hooks'
import { projectHref } from '../../routes'
import { projectDates } from './project-dates'

const SEARCH_DEBOUNCE_MS = 150

const COLUMNS: readonly Column<ProjectRow>[] = [
  {
    header: 'Name',
    width: 'minmax(0, 3fr)',
    cell: (row) => <span title={row.name}>{row.name}</span>,
  },
  { header: 'Asset', width: 'minmax(0, 1.3fr)', cell: (row) => row.assetName ?? '—' },
  {
    header: 'Status',
    width: '9.5rem',
    cell: (row) => <StateBadge value={row.status} />,
  },
  {
    header: 'Type',
    width: 'minmax(0, 1.5fr)',
    cell: (row) => <span title={row.typeName ?? undefined}>{row.typeName ?? '—'}</span>,
  },
  { header: 'Dates', width: '13rem', cell: projectDates },
  {
    header: 'Offline',
    width: '5.5rem',
    cell: (row) => (row.availableOffline ? <OfflineBadge /> : null),
  },
]

/** Every cached project (work order), searchable as you type and filterable by status. */
export function ProjectBrowserView() {
  const rpc = useRpc()
  const statuses = useQuery('projects.statuses', {}, ['sync.finished'])
  const [query, setQuery] = useSessionState('projects.query', '')
  const [rememberedStatus, setStatus] = useSessionState('projects.status', '')
  const status = stillOffered(rememberedStatus, statuses.state === 'ready' ? statuses.value : null)
  const settledQuery = useDebouncedValue(query.trim(), SEARCH_DEBOUNCE_MS)
  // Projects are HUVR's: other systems' accounts would only add empty choices.
  const connections = useConnections()?.filter((connection) => connection.system === 'huvr') ?? null
  const [account, setAccount] = useSessionState('projects.account', '')
  const connectionId = stillOffered(
    account,
    connections?.map((connection) => connection.id) ?? null,
  )

  const filters = {
    query: settledQuery,
    ...(connectionId ? { connectionId } : {}),
    ...(status ? { status } : {}),
  }
  const queryKey = `projects:${JSON.stringify(filters)}`
  const statusChoices = [
    { value: '', label: 'All statuses' },
    ...(statuses.state === 'ready'
      ? statuses.value.map((name) => ({ value: name, label: humanize(name) }))
      : []),
  ]

  return (
    <section className="browser">
      <h1>Projects</h1>
      <div className="toolbar" role="search">
        <SearchField
          label="Search projects"
          placeholder="Name, asset, type or description"
          value={query}
          onChange={setQuery}
        />
        <SelectFilter label="Status" value={status} choices={statusChoices} onChange={setStatus} />
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
        label="Projects"
        noun={{ singular: 'project', plural: 'projects' }}
        queryKey={queryKey}
        fetchPage={(offset, limit) => rpc.call('projects.search', { ...filters, offset, limit })}
        columns={withAccountColumn(COLUMNS, connections ?? [])}
        rowHref={(row) => projectHref(row.connectionId, row.id)}
        pending={query.trim() !== settledQuery}
        narrowed={filters.query !== '' || connectionId !== '' || status !== ''}
        emptyCache={<EmptyCache what="projects" />}
      />
    </section>
  )
}

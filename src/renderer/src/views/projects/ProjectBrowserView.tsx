import type { ProjectRow } from '../../../../shared/rpc/huvr-contract'
import { OfflineBadge, StateBadge } from '../../components/Badges'
import { AccountFilter, withAccountColumn } from '../../components/AccountColumn'
import { BrowserPage } from '../../components/BrowserPage'
import { EmptyCache } from '../../components/EmptyCache'
import { filterChoices, SelectFilter, stillOffered } from '../../components/Filters'
import { SearchResults } from '../../components/SearchResults'
import type { Column } from '../../components/VirtualTable'
import { humanize } from '../../format'
import { useConnections } from '../../hooks/useConnections'
import { useSearchQuery } from '../../hooks/useSearchQuery'
import { useSessionState } from '../../hooks/useSessionState'
import { useQuery, useRpc } from '../../rpc/hooks'
import { projectHref } from '../../routes'
import { projectDates } from './project-dates'

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
  const statusNames = statuses.state === 'ready' ? statuses.value : null
  const search = useSearchQuery('projects.query')
  const [rememberedStatus, setStatus] = useSessionState('projects.status', '')
  const status = stillOffered(rememberedStatus, statusNames)
  // Projects are HUVR's: other systems' accounts would only add empty choices.
  const connections = useConnections()?.filter((connection) => connection.system === 'huvr') ?? null
  const [account, setAccount] = useSessionState('projects.account', '')
  const connectionId = stillOffered(
    account,
    connections?.map((connection) => connection.id) ?? null,
  )

  const filters = {
    query: search.settled,
    ...(connectionId ? { connectionId } : {}),
    ...(status ? { status } : {}),
  }
  const queryKey = `projects:${JSON.stringify(filters)}`
  const statusChoices = filterChoices('All statuses', statusNames, humanize)

  return (
    <BrowserPage
      title="Projects"
      searchLabel="Search projects"
      searchPlaceholder="Name, asset, type or description"
      search={search}
      filters={
        <>
          <SelectFilter
            label="Status"
            value={status}
            choices={statusChoices}
            onChange={setStatus}
          />
          {connections && connections.length > 1 && (
            <AccountFilter connections={connections} value={connectionId} onChange={setAccount} />
          )}
        </>
      }
    >
      <SearchResults
        label="Projects"
        noun={{ singular: 'project', plural: 'projects' }}
        queryKey={queryKey}
        fetchPage={(offset, limit) => rpc.call('projects.search', { ...filters, offset, limit })}
        columns={withAccountColumn(COLUMNS, connections ?? [])}
        rowHref={(row) => projectHref(row.connectionId, row.id)}
        pending={search.pending}
        narrowed={filters.query !== '' || connectionId !== '' || status !== ''}
        emptyCache={<EmptyCache what="projects" />}
      />
    </BrowserPage>
  )
}

import type { ReactNode } from 'react'
import { plural } from '../format'
import { usePagedRows, type FetchPage } from '../hooks/usePagedRows'
import { useRpcEvent } from '../hooks/useRpcEvent'
import { ErrorNotice } from './Notice'
import { VirtualTable, type Column } from './VirtualTable'

interface SearchResultsProps<Row> {
  /** The table's accessible name, e.g. "Assets". */
  label: string
  noun: { singular: string; plural: string }
  fetchPage: FetchPage<Row>
  columns: readonly Column<Row>[]
  rowHref: (row: Row) => string
  /** Identifies the query: a new key starts a new result set (and scrolls to its top). */
  queryKey: string
  /** Whether a search or filter narrows the list (an empty result then means "no match"). */
  narrowed: boolean
  /** The user is still typing: what is shown is about to be replaced. */
  pending?: boolean
  /** Shown when nothing at all is cached. */
  emptyCache: ReactNode
}

/** The count line and virtualised table of one query; refreshes itself after every sync. */
export function SearchResults<Row>(props: SearchResultsProps<Row>) {
  const results = usePagedRows(props.queryKey, props.fetchPage)
  useRpcEvent('sync.finished', results.refresh)
  const { total, error } = results
  const outdated = results.stale || props.pending === true

  const retry = (
    <button type="button" className="button-secondary" onClick={results.refresh}>
      Try again
    </button>
  )

  if (total === null) {
    return error ? (
      <ErrorNotice title="The search failed." message={error} action={retry} />
    ) : (
      <p className="result-count muted" role="status">
        Searching…
      </p>
    )
  }
  if (total === 0 && !props.narrowed) return props.emptyCache

  return (
    <>
      <p
        className={outdated ? 'result-count updating' : 'result-count'}
        role="status"
        data-testid="result-count"
      >
        {total === 0
          ? `No ${props.noun.plural} match.`
          : plural(total, props.noun.singular, props.noun.plural)}
      </p>
      {error && <ErrorNotice message={error} action={retry} />}
      {total > 0 && (
        <VirtualTable
          stale={outdated}
          label={props.label}
          columns={props.columns}
          total={total}
          rowAt={results.rowAt}
          onRangeChange={results.loadRange}
          rowHref={props.rowHref}
          memoryKey={props.queryKey}
        />
      )}
    </>
  )
}

import type { ConnectionSummary } from '../../../shared/rpc/contract'
import { SelectFilter } from './Filters'
import type { Column } from './VirtualTable'

/**
 * With more than one account the same HUVR names can appear twice, so the browsers then add a
 * column and a filter that say which account a row comes from. With one account they add nothing.
 */
export function withAccountColumn<Row extends { connectionId: string }>(
  columns: readonly Column<Row>[],
  connections: readonly ConnectionSummary[],
): readonly Column<Row>[] {
  if (connections.length < 2) return columns
  const names = new Map(connections.map((connection) => [connection.id, connection.name]))
  return [
    ...columns,
    {
      header: 'Account',
      width: 'minmax(0, 1fr)',
      cell: (row) => names.get(row.connectionId) ?? 'Removed account',
    },
  ]
}

/** The browsers' "Account" drop-down, the filter that goes with the column above. */
export function AccountFilter(props: {
  connections: readonly ConnectionSummary[]
  value: string
  onChange: (connectionId: string) => void
}) {
  return (
    <SelectFilter
      label="Account"
      value={props.value}
      choices={[
        { value: '', label: 'All accounts' },
        ...props.connections.map((connection) => ({
          value: connection.id,
          label: connection.name,
        })),
      ]}
      onChange={props.onChange}
    />
  )
}

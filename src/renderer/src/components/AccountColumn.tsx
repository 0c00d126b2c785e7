import type { ConnectionSummary } from '../../../shared/rpc/contract'
import type { Choice } from './Filters'
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

export function accountChoices(connections: readonly ConnectionSummary[]): Choice[] {
  return [
    { value: '', label: 'All accounts' },
    ...connections.map((connection) => ({ value: connection.id, label: connection.name })),
  ]
}

import type { ConnectionSummary } from '../../../shared/rpc/contract'
import { useQuery } from '../rpc/hooks'

/** The configured accounts, kept current as they are added, removed or synced; null until known. */
export function useConnections(): ConnectionSummary[] | null {
  const status = useQuery('app.status', {}, ['connections.changed', 'sync.finished'])
  return status.state === 'ready' ? status.value.connections : null
}

import { useEffect } from 'react'
import type { AppStatus } from '../../../shared/rpc/contract'
import { useQuery } from '../rpc/hooks'

const POLL_MS = 5000

function pendingChanges(status: AppStatus): number {
  return status.outbox.total - (status.outbox.byState.done ?? 0)
}

function formatLastSync(status: AppStatus): string {
  const times = status.connections.map((c) => c.lastSyncAt).filter((t): t is number => t !== null)
  if (times.length === 0) return 'never'
  return new Date(Math.max(...times)).toLocaleString()
}

/** Connection state per account, pending changes and last sync, always in view. */
export function StatusBar() {
  const status = useQuery('app.status', {}, ['connectivity', 'sync.progress', 'upload.progress'])
  const { reload } = status
  useEffect(() => {
    const timer = setInterval(reload, POLL_MS)
    return () => clearInterval(timer)
  }, [reload])

  if (status.state !== 'ready') {
    return (
      <footer className="status-bar">
        {status.state === 'error' ? status.error.message : 'Reading status…'}
      </footer>
    )
  }
  const value = status.value
  return (
    <footer className="status-bar" aria-label="Status">
      <span data-testid="connections">
        {value.connections.length === 0
          ? 'No accounts'
          : value.connections.map((c) => (
              <span key={c.id} className={`connection-state state-${c.state}`}>
                {c.name}: {c.state}
              </span>
            ))}
      </span>
      <span data-testid="pending">Pending changes: {pendingChanges(value)}</span>
      <span data-testid="uploads">
        Uploads queued: {value.uploads.total - (value.uploads.byState.done ?? 0)}
      </span>
      <span data-testid="last-sync">Last sync: {formatLastSync(value)}</span>
    </footer>
  )
}

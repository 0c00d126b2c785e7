import { useEffect } from 'react'
import { Link } from 'wouter'
import type { AppStatus, ConnectionSummary } from '../../../shared/rpc/contract'
import { formatCount } from '../format'
import { useQuery } from '../rpc/hooks'
import { onImportFinished } from '../uploads/import-runs'
import { CONNECTION_STATE_LABELS, needsSignIn, SYSTEM_LABELS } from '../systems'

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
  // Files just added to the upload queue send no event of their own: count them at once.
  useEffect(() => onImportFinished(reload), [reload])

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
          : value.connections.map((connection) => (
              <ConnectionState key={connection.id} connection={connection} />
            ))}
      </span>
      <span data-testid="pending">Pending changes: {pendingChanges(value)}</span>
      <UploadsBadge uploads={value.uploads} />
      <span data-testid="last-sync">Last sync: {formatLastSync(value)}</span>
    </footer>
  )
}

/**
 * "Upload queue: 12 uploading · 2 failed", linking to the Uploads view; failed ones stand out.
 * (Not "Uploads…": the sidebar's link is called that.)
 */
function UploadsBadge({ uploads }: { uploads: AppStatus['uploads'] }) {
  const count = (state: string) => uploads.byState[state] ?? 0
  const going = count('queued') + count('running')
  const paused = count('paused')
  const failed = count('failed')
  const parts = [
    going > 0 && `${formatCount(going)} uploading`,
    paused > 0 && `${formatCount(paused)} paused`,
  ].filter(Boolean)
  return (
    <Link
      href="/uploads"
      className={failed > 0 ? 'status-uploads has-failed' : 'status-uploads'}
      data-testid="uploads"
    >
      Upload queue: {parts.length === 0 && failed === 0 ? 'none waiting' : parts.join(' · ')}
      {failed > 0 && (
        <strong className="status-uploads-failed">
          {parts.length > 0 ? ' · ' : ''}
          {formatCount(failed)} failed
        </strong>
      )}
    </Link>
  )
}

/** "Site A: Online"; an account waiting for its password links to where it is typed. */
function ConnectionState({ connection }: { connection: ConnectionSummary }) {
  const label = CONNECTION_STATE_LABELS[connection.state]
  return (
    <span
      className={`connection-state state-${connection.state}`}
      title={`${SYSTEM_LABELS[connection.system]} account`}
    >
      {connection.name}: {needsSignIn(connection) ? <Link href="/settings">{label}</Link> : label}
    </span>
  )
}

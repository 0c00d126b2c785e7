import { useEffect } from 'react'
import { Link } from 'wouter'
import type { AppStatus, ConnectionSummary, Result } from '../../../shared/rpc/contract'
import { formatClock, formatCount } from '../format'
import { useQuery } from '../rpc/hooks'
import { onImportFinished } from '../uploads/import-runs'
import { CONNECTION_STATE_LABELS, needsSignIn, SYSTEM_LABELS } from '../systems'
import { OutboxStatus } from './OutboxStatus'
import { WorkOfflineSwitch } from './WorkOfflineSwitch'

const POLL_MS = 5000

function formatLastSync(status: AppStatus): string {
  const times = status.connections.map((c) => c.lastSyncAt).filter((t): t is number => t !== null)
  if (times.length === 0) return 'never'
  return new Date(Math.max(...times)).toLocaleString()
}

type Reachability = Result<'connectivity.get'>['connections'][number]

/**
 * Each account's connection and whether its server answers, the work-offline switch, what waits
 * to be sent (and what needs the inspector), uploads and the last sync, always in view.
 */
export function StatusBar() {
  const status = useQuery('app.status', {}, ['connectivity', 'sync.progress', 'upload.progress'])
  // Pushed when a server starts or stops answering; asked for with the status too, since the
  // time of the next check moves without an event.
  const connectivityQuery = useQuery('connectivity.get', {}, ['connectivity.changed'])
  const connectivity = connectivityQuery.state === 'ready' ? connectivityQuery.value : null
  const { reload } = status
  const reloadConnectivity = connectivityQuery.reload
  useEffect(() => {
    const timer = setInterval(() => {
      reload()
      reloadConnectivity()
    }, POLL_MS)
    return () => clearInterval(timer)
  }, [reload, reloadConnectivity])
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
              <ConnectionState
                key={connection.id}
                connection={connection}
                workOffline={connectivity?.workOffline ?? false}
                reachability={connectivity?.connections.find(
                  (each) => each.connectionId === connection.id,
                )}
              />
            ))}
      </span>
      <WorkOfflineSwitch />
      <OutboxStatus />
      <UploadsBadge uploads={value.uploads} />
      <span data-testid="last-sync">Last sync: {formatLastSync(value)}</span>
    </footer>
  )
}

/**
 * "Upload queue: 2 uploading · 10 waiting · 2 failed", linking to the Uploads view; failed ones
 * stand out. Waiting ones are queued for their turn (or a retry), not being sent: the queue
 * sends a few at a time. (Not "Uploads…": the sidebar's link is called that.)
 */
function UploadsBadge({ uploads }: { uploads: AppStatus['uploads'] }) {
  const count = (state: string) => uploads.byState[state] ?? 0
  const running = count('running')
  const queued = count('queued')
  const paused = count('paused')
  const failed = count('failed')
  const parts = [
    running > 0 && `${formatCount(running)} uploading`,
    queued > 0 && `${formatCount(queued)} waiting`,
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

/**
 * "Site A: Online", or whether its server answers ("Unreachable, next try 14:05:09"); while
 * working offline nothing is tried, and it says so. An account waiting for its password links
 * to where it is typed.
 */
function ConnectionState(props: {
  connection: ConnectionSummary
  workOffline: boolean
  reachability: Reachability | undefined
}) {
  const { connection, reachability } = props
  const title = `${SYSTEM_LABELS[connection.system]} account`
  if (needsSignIn(connection)) {
    return (
      <span className={`connection-state state-${connection.state}`} title={title}>
        {connection.name}: <Link href="/settings">{CONNECTION_STATE_LABELS[connection.state]}</Link>
      </span>
    )
  }
  if (props.workOffline) {
    return (
      <span className="connection-state state-working-offline" title={title}>
        {connection.name}: Working offline
      </span>
    )
  }
  const reachable = reachability?.reachable ?? null
  if (reachable === null) {
    return (
      <span className={`connection-state state-${connection.state}`} title={title}>
        {connection.name}: {CONNECTION_STATE_LABELS[connection.state]}
      </span>
    )
  }
  const checkedAt = reachability?.checkedAt ?? null
  const checked = checkedAt === null ? '' : `; checked ${formatClock(checkedAt)}`
  const nextCheck = reachability?.nextCheckAt ?? null
  return (
    <span
      className={`connection-state ${reachable ? 'state-online' : 'state-offline'}`}
      title={`${title}${checked}`}
      data-reachable={reachable}
    >
      {connection.name}: {reachable ? 'Reachable' : 'Unreachable'}
      {!reachable && nextCheck !== null && (
        <span className="muted">, next try {formatClock(nextCheck)}</span>
      )}
    </span>
  )
}

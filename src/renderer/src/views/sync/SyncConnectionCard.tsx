import type { ConnectionSummary, EventPayload } from '../../../../shared/rpc/contract'
import type { SyncResult } from '../../../../shared/rpc/huvr-contract'
import { Link } from 'wouter'
import { ConnectionStateBadge } from '../../components/Badges'
import { ErrorNotice } from '../../components/Notice'
import { SystemBadge } from '../../components/SystemBadge'
import { formatCount, formatDuration, formatTime, kindLabel } from '../../format'
import { needsSignIn } from '../../systems'

export type SyncProgress = EventPayload<'sync.progress'>

/** One account on the Sync view: its button, its live progress, and its last result. */
export function SyncConnectionCard(props: {
  connection: ConnectionSummary
  running: boolean
  progress: SyncProgress | null
  lastResult: SyncResult | undefined
  onSync: () => void
}) {
  const { connection, running, progress, lastResult } = props
  const titleId = `sync-${connection.id}-title`
  // Syncing would only fail: TransAM wants its password first, and that is typed in Settings.
  const blocked = needsSignIn(connection)
  return (
    <section className="panel sync-card" aria-labelledby={titleId}>
      <div className="panel-title-row">
        <div>
          <h2 id={titleId}>{connection.name}</h2>
          <p className="muted sync-card-subtitle">
            <SystemBadge system={connection.system} /> {connection.baseUrl} ·{' '}
            <ConnectionStateBadge state={connection.state} /> · Last sync:{' '}
            {formatTime(connection.lastSyncAt)}
          </p>
        </div>
        <button type="button" disabled={running || blocked} onClick={props.onSync}>
          {running ? 'Syncing…' : 'Sync now'}
        </button>
      </div>
      {blocked && (
        <div className="notice notice-warning" role="status" data-testid="sign-in-needed">
          <strong>Sign in needed.</strong>
          <span>TransAM asks for this account’s password before Fieldstation can sync it.</span>
          <Link href="/settings" className="button">
            Go to sign-in
          </Link>
        </div>
      )}
      {running && <LiveProgress progress={progress} />}
      {lastResult ? (
        <LastResult result={lastResult} />
      ) : (
        !running && (
          <p className="muted">
            {connection.lastSyncAt === null
              ? 'Not synced yet on this computer.'
              : 'The details of each run are shown for syncs since Fieldstation was started.'}
          </p>
        )
      )}
    </section>
  )
}

function LiveProgress({ progress }: { progress: SyncProgress | null }) {
  if (!progress) {
    return (
      <div className="sync-progress" role="status">
        <span>Starting…</span>
        <progress aria-label="Sync progress" />
      </div>
    )
  }
  const { collection, done, total } = progress
  const label =
    total === null
      ? `${kindLabel(collection)}: ${formatCount(done)}`
      : `${kindLabel(collection)}: ${formatCount(done)} of ${formatCount(total)}`
  return (
    <div className="sync-progress" role="status" data-testid="sync-progress">
      <span>{label}</span>
      {/* No total yet means an indeterminate bar rather than a wrong percentage. */}
      <progress
        aria-label={`Sync progress, ${kindLabel(collection)}`}
        max={total ?? undefined}
        value={total === null ? undefined : Math.min(done, total)}
      />
    </div>
  )
}

function LastResult({ result }: { result: SyncResult }) {
  const kinds = Object.entries(result.kinds)
  const problems = kinds.flatMap(([kind, summary]) =>
    summary.errors.map((message) => ({ kind, message })),
  )
  return (
    <div className="sync-result" data-testid="sync-result" data-finished-at={result.finishedAt}>
      <p className={result.ok ? 'sync-outcome ok' : 'sync-outcome failed'}>
        {result.ok ? 'Last sync succeeded' : 'Last sync failed'} · finished{' '}
        {formatTime(result.finishedAt)} · took{' '}
        {formatDuration(result.finishedAt - result.startedAt)}
      </p>
      {result.error && <ErrorNotice title="Nothing could be synced." message={result.error} />}
      {kinds.length > 0 && (
        <table className="data-table compact" aria-label={`Last sync of ${result.name}`}>
          <thead>
            <tr>
              <th scope="col">Kind</th>
              <th scope="col" className="numeric">
                Fetched
              </th>
              <th scope="col" className="numeric">
                New
              </th>
              <th scope="col" className="numeric">
                Updated
              </th>
              <th scope="col" className="numeric">
                Deleted
              </th>
              <th scope="col" className="numeric">
                Errors
              </th>
            </tr>
          </thead>
          <tbody>
            {kinds.map(([kind, summary]) => (
              <tr key={kind} className={summary.errors.length > 0 ? 'has-errors' : undefined}>
                <th scope="row">{kindLabel(kind)}</th>
                <td className="numeric">{formatCount(summary.fetched)}</td>
                <td className="numeric">{formatCount(summary.created)}</td>
                <td className="numeric">{formatCount(summary.updated)}</td>
                <td className="numeric">{formatCount(summary.deleted)}</td>
                <td className="numeric">{formatCount(summary.errors.length)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {problems.length > 0 && (
        <div className="sync-problems">
          <h3>Problems in the last sync</h3>
          <ul>
            {problems.map((problem, index) => (
              <li key={index}>
                <strong>{kindLabel(problem.kind)}:</strong> {problem.message}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  )
}

import { useEffect, useState } from 'react'
import { Link } from 'wouter'
import { ErrorNotice, Loading } from '../../components/Notice'
import { useRpcEvent } from '../../hooks/useRpcEvent'
import { useQuery, useRpc } from '../../rpc/hooks'
import { needsSignIn } from '../../systems'
import { SyncConnectionCard, type SyncProgress } from './SyncConnectionCard'

const STATUS_POLL_MS = 2000

/**
 * Syncing by hand: per account or all at once, with live progress from the core's events and
 * what the last run of each account brought (or why it failed).
 */
export function SyncView() {
  const rpc = useRpc()
  const status = useQuery('app.status', {}, ['connections.changed', 'sync.finished'])
  const syncStatus = useQuery('sync.status', {}, ['sync.finished'])
  const [progress, setProgress] = useState<ReadonlyMap<string, SyncProgress>>(new Map())
  /**
   * When we last asked each account to sync: until a result newer than that arrives it counts as
   * running, so the buttons disable before the core's status says so.
   */
  const [requestedAt, setRequestedAt] = useState<ReadonlyMap<string, number>>(new Map())
  const [full, setFull] = useState(false)
  const [runError, setRunError] = useState<string | null>(null)

  // Events can be missed (a dropped socket): while anything runs, also ask now and then.
  const anythingRunning = syncStatus.state === 'ready' && syncStatus.value.running.length > 0
  const reloadSyncStatus = syncStatus.reload
  useEffect(() => {
    if (!anythingRunning) return
    const timer = setInterval(reloadSyncStatus, STATUS_POLL_MS)
    return () => clearInterval(timer)
  }, [anythingRunning, reloadSyncStatus])

  useRpcEvent('sync.progress', (event) => {
    setProgress((previous) => new Map(previous).set(event.connectionId, event))
  })
  useRpcEvent('sync.finished', (result) => {
    setProgress((previous) => withoutKey(previous, result.connectionId))
  })

  const run = async (connectionId?: string) => {
    setRunError(null)
    const askedAt = Date.now()
    const result = await rpc.call('sync.run', { ...(connectionId ? { connectionId } : {}), full })
    if (!result.ok) {
      setRunError(result.error.message)
      return
    }
    setRequestedAt((previous) => {
      const next = new Map(previous)
      for (const id of result.value.started) next.set(id, askedAt)
      return next
    })
    syncStatus.reload()
  }

  if (status.state === 'loading') return <Loading what="accounts" />
  if (status.state === 'error') return <ErrorNotice message={status.error.message} />

  const connections = status.value.connections
  const lastResults = syncStatus.state === 'ready' ? syncStatus.value.last : []
  const running = new Set([
    ...(syncStatus.state === 'ready' ? syncStatus.value.running : []),
    ...progress.keys(),
    ...[...requestedAt]
      .filter(([id, askedAt]) => {
        const last = lastResults.find((result) => result.connectionId === id)
        return !last || last.finishedAt < askedAt
      })
      .map(([id]) => id),
  ])
  // Accounts waiting for a sign-in cannot sync, so they do not keep "Sync all" enabled.
  const allRunning = connections
    .filter((connection) => !needsSignIn(connection))
    .every((connection) => running.has(connection.id))

  return (
    <section className="sync-view">
      <div className="view-header">
        <h1>Sync</h1>
        {connections.length > 0 && (
          <div className="view-actions">
            <label className="checkbox">
              <input
                type="checkbox"
                checked={full}
                onChange={(event) => setFull(event.target.checked)}
              />
              Full sync (download everything again, not only changes)
            </label>
            <button type="button" disabled={allRunning} onClick={() => void run()}>
              Sync all
            </button>
          </div>
        )}
      </div>
      {runError && <ErrorNotice title="The sync did not start." message={runError} />}
      {syncStatus.state === 'error' && (
        <ErrorNotice title="The last results cannot be read." message={syncStatus.error.message} />
      )}
      {connections.length === 0 ? (
        <div className="empty-state">
          <p>No accounts to sync yet.</p>
          <Link href="/settings" className="button">
            Add an account
          </Link>
        </div>
      ) : (
        <div className="stack">
          {connections.map((connection) => (
            <SyncConnectionCard
              key={connection.id}
              connection={connection}
              running={running.has(connection.id)}
              progress={progress.get(connection.id) ?? null}
              lastResult={lastResults.find((result) => result.connectionId === connection.id)}
              onSync={() => void run(connection.id)}
            />
          ))}
        </div>
      )}
    </section>
  )
}

function withoutKey<V>(map: ReadonlyMap<string, V>, key: string): ReadonlyMap<string, V> {
  if (!map.has(key)) return map
  const copy = new Map(map)
  copy.delete(key)
  return copy
}

import { useState } from 'react'
import { Link } from 'wouter'
import { useQuery, useRpc } from '../rpc/hooks'
import { ErrorNotice } from './Notice'

/**
 * What a browser shows before anything is cached: with no account, where to add one; with an
 * account that has not synced yet, a way to sync right here.
 */
export function EmptyCache({ what }: { what: string }) {
  const rpc = useRpc()
  const status = useQuery('app.status', {}, ['connections.changed', 'sync.finished'])
  const [syncStarted, setSyncStarted] = useState(false)
  const [syncError, setSyncError] = useState<string | null>(null)
  const hasAccount = status.state === 'ready' && status.value.connections.length > 0

  if (!hasAccount) {
    return (
      <div className="empty-state">
        <p>No {what} cached yet — add a HUVR or TransAM account in Settings and sync.</p>
        <Link href="/settings" className="button">
          Add an account
        </Link>
      </div>
    )
  }
  return (
    <div className="empty-state">
      <p>
        No {what} cached yet. Sync your account to download them; afterwards they are here even with
        no network.
      </p>
      <button
        type="button"
        disabled={syncStarted}
        onClick={() => {
          setSyncStarted(true)
          setSyncError(null)
          void rpc.call('sync.run', {}).then((result) => {
            if (result.ok) return
            setSyncStarted(false)
            setSyncError(result.error.message)
          })
        }}
      >
        {syncStarted ? 'Syncing…' : 'Sync now'}
      </button>
      {syncError && <ErrorNotice title="The sync did not start." message={syncError} />}
    </div>
  )
}

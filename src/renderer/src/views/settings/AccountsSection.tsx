import { useState } from 'react'
import type { ConnectionSummary } from '../../../../shared/rpc/contract'
import { StateBadge } from '../../components/Badges'
import { ErrorNotice, Loading } from '../../components/Notice'
import { formatTime } from '../../format'
import { useQuery, useRpc } from '../../rpc/hooks'
import { AddHuvrAccountForm } from './AddHuvrAccountForm'

const SYSTEM_LABELS: Record<ConnectionSummary['system'], string> = {
  huvr: 'HUVR',
  transam: 'TransAm',
  navirec: 'Navirec',
  valtronics: 'Valtronics',
  credo: 'Credo',
}

/** The accounts Fieldstation syncs with: what is there, removing one, adding a HUVR one. */
export function AccountsSection() {
  const status = useQuery('app.status', {}, ['connections.changed'])
  const [added, setAdded] = useState<string | null>(null)

  return (
    <section className="settings-section" aria-labelledby="accounts-title">
      <h2 id="accounts-title">Accounts</h2>
      {status.state === 'loading' && <Loading what="accounts" />}
      {status.state === 'error' && <ErrorNotice message={status.error.message} />}
      {status.state === 'ready' &&
        (status.value.connections.length === 0 ? (
          <p className="muted">No accounts yet. Add one below to start syncing.</p>
        ) : (
          <ul className="account-list" aria-label="Accounts">
            {status.value.connections.map((connection) => (
              <AccountItem key={connection.id} connection={connection} onRemoved={status.reload} />
            ))}
          </ul>
        ))}
      {added && (
        <p className="notice notice-success" role="status">
          Added “{added}”. Open Sync to download its assets and projects.
        </p>
      )}
      <AddHuvrAccountForm
        onAdded={(name) => {
          setAdded(name)
          status.reload()
        }}
      />
    </section>
  )
}

/** One account; removing asks once more, since it also drops its credentials from this computer. */
function AccountItem(props: { connection: ConnectionSummary; onRemoved: () => void }) {
  const { connection, onRemoved } = props
  const rpc = useRpc()
  const [confirming, setConfirming] = useState(false)
  const [removing, setRemoving] = useState(false)
  const [error, setError] = useState<string | null>(null)

  const remove = async () => {
    setRemoving(true)
    const result = await rpc.call('connections.remove', { id: connection.id })
    setRemoving(false)
    if (!result.ok) {
      setError(result.error.message)
      return
    }
    onRemoved()
  }

  return (
    <li className="account-item" aria-label={connection.name}>
      <div className="account-summary">
        <div>
          <div className="account-title">
            <strong>{connection.name}</strong>
            <span className="badge">{SYSTEM_LABELS[connection.system]}</span>
            <StateBadge value={connection.state} />
          </div>
          <div className="muted account-meta">
            <span className="account-url">{connection.baseUrl}</span> · Last sync:{' '}
            {formatTime(connection.lastSyncAt)}
          </div>
        </div>
        {!confirming && (
          <button
            type="button"
            className="button-secondary"
            onClick={() => {
              setError(null)
              setConfirming(true)
            }}
          >
            Remove
          </button>
        )}
      </div>
      {confirming && (
        <div className="confirm" role="group" aria-label={`Confirm removing ${connection.name}`}>
          <span>
            Remove “{connection.name}”? Its sign-in details and its offline copy of assets, projects
            and media are deleted from this computer. (An account with unsynced work cannot be
            removed.)
          </span>
          <button
            type="button"
            className="button-danger"
            disabled={removing}
            onClick={() => void remove()}
          >
            {removing ? 'Removing…' : 'Remove account'}
          </button>
          <button
            type="button"
            className="button-secondary"
            disabled={removing}
            onClick={() => setConfirming(false)}
          >
            Keep
          </button>
        </div>
      )}
      {error && <ErrorNotice title="The account was not removed." message={error} />}
    </li>
  )
}

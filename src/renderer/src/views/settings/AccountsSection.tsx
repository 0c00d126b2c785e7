import { useState } from 'react'
import type { ConnectionSummary } from '../../../../shared/rpc/contract'
import { ConnectionStateBadge } from '../../components/Badges'
import { ErrorNotice, Loading } from '../../components/Notice'
import { SystemBadge } from '../../components/SystemBadge'
import { formatTime } from '../../format'
import { useQuery, useRpc } from '../../rpc/hooks'
import { needsSignIn } from '../../systems'
import { AddHuvrAccountForm } from './AddHuvrAccountForm'
import { AddTransamAccountForm } from './AddTransamAccountForm'
import { useSandboxPreset } from './sandbox-presets'
import { TransamSignInForm } from './TransamSignInForm'

type AddableSystem = 'huvr' | 'transam'

const ADDED_NEXT_STEP: Record<AddableSystem, string> = {
  huvr: 'Open Sync to download its assets and projects.',
  transam: 'Sign in to it above, then open Sync to download its assets.',
}

/** The accounts Fieldstation syncs with: what is there, signing in, removing one, adding one. */
export function AccountsSection() {
  const status = useQuery('app.status', {}, ['connections.changed'])
  const [added, setAdded] = useState<{ name: string; system: AddableSystem } | null>(null)
  const [adding, setAdding] = useState<AddableSystem>('huvr')
  const transamSandbox = useSandboxPreset('transam')

  const onAdded = (system: AddableSystem) => (name: string) => {
    setAdded({ name, system })
    status.reload()
  }

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
              <AccountItem
                key={connection.id}
                connection={connection}
                sandboxPassword={
                  connection.system === 'transam' && transamSandbox?.baseUrl === connection.baseUrl
                    ? (transamSandbox.credentials.password ?? null)
                    : null
                }
                onChanged={status.reload}
              />
            ))}
          </ul>
        ))}
      {added && (
        <p className="notice notice-success" role="status">
          Added “{added.name}”. {ADDED_NEXT_STEP[added.system]}
        </p>
      )}
      <div className="segmented" role="radiogroup" aria-label="Kind of account to add">
        {(['huvr', 'transam'] as const).map((system) => (
          <label key={system} className={adding === system ? 'segment selected' : 'segment'}>
            <input
              type="radio"
              name="add-account-system"
              value={system}
              checked={adding === system}
              onChange={() => setAdding(system)}
            />
            {system === 'huvr' ? 'HUVR account' : 'TransAM account'}
          </label>
        ))}
      </div>
      {adding === 'huvr' ? (
        <AddHuvrAccountForm onAdded={onAdded('huvr')} />
      ) : (
        <AddTransamAccountForm sandbox={transamSandbox} onAdded={onAdded('transam')} />
      )}
    </section>
  )
}

/** One account; removing asks once more, since it also drops its credentials from this computer. */
function AccountItem(props: {
  connection: ConnectionSummary
  sandboxPassword: string | null
  onChanged: () => void
}) {
  const { connection, onChanged } = props
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
    onChanged()
  }

  return (
    <li className="account-item" aria-label={connection.name}>
      <div className="account-summary">
        <div>
          <div className="account-title">
            <strong>{connection.name}</strong>
            <SystemBadge system={connection.system} />
            <ConnectionStateBadge state={connection.state} />
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
      {connection.system === 'transam' && (
        <TransamSession
          connection={connection}
          sandboxPassword={props.sandboxPassword}
          onChanged={onChanged}
        />
      )}
      {confirming && (
        <div className="confirm" role="group" aria-label={`Confirm removing ${connection.name}`}>
          <span>
            Remove “{connection.name}”? Its sign-in details and its offline copy of assets,
            projects, media and documents are deleted from this computer. (An account with unsynced
            work cannot be removed.)
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

/** A TransAM account's session: the sign-in form while it has none, else "Signed in" and a way out. */
function TransamSession(props: {
  connection: ConnectionSummary
  sandboxPassword: string | null
  onChanged: () => void
}) {
  const { connection, onChanged } = props
  const rpc = useRpc()
  const [signedInMessage, setSignedInMessage] = useState<string | null>(null)
  const [signingOut, setSigningOut] = useState(false)
  const [signOutError, setSignOutError] = useState<string | null>(null)

  if (needsSignIn(connection)) {
    return (
      <TransamSignInForm
        connection={connection}
        sandboxPassword={props.sandboxPassword}
        onSignedIn={(message) => {
          setSignedInMessage(message)
          onChanged()
        }}
      />
    )
  }

  const signOut = async () => {
    setSigningOut(true)
    setSignOutError(null)
    const result = await rpc.call('connections.signOutTransam', { id: connection.id })
    setSigningOut(false)
    if (!result.ok) {
      setSignOutError(result.error.message)
      return
    }
    setSignedInMessage(null)
    onChanged()
  }

  return (
    <div className="session-row" data-testid="transam-session">
      <span className="signed-in">
        <strong>Signed in</strong>
        {signedInMessage && <span className="muted"> · {signedInMessage}</span>}
      </span>
      <button
        type="button"
        className="button-secondary"
        disabled={signingOut}
        onClick={() => void signOut()}
      >
        {signingOut ? 'Signing out…' : 'Sign out'}
      </button>
      {signOutError && (
        <ErrorNotice title="The account was not signed out." message={signOutError} />
      )}
    </div>
  )
}

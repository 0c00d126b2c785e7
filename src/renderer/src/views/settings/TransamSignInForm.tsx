import { useRef, useState } from 'react'
import type { ConnectionSummary } from '../../../../shared/rpc/contract'
import type { TransamSignInResult } from '../../../../shared/rpc/transam-contract'
import { ErrorNotice } from '../../components/Notice'
import { TextField } from '../../components/TextField'
import { formatCountdown } from '../../format'
import { useNow } from '../../hooks/useNow'
import { useSessionState } from '../../hooks/useSessionState'
import { useRpc } from '../../rpc/hooks'

type SignInFailure = Extract<TransamSignInResult, { ok: false }>

/** What went wrong, in one line; TransAM's own message follows it. */
const FAILURE_TITLES: Record<SignInFailure['reason'], string> = {
  'wrong-password': 'Wrong password.',
  locked: 'TransAM has locked this account for a few minutes.',
  'unknown-email': 'TransAM does not know this email.',
  unreachable: 'TransAM could not be reached.',
  unexpected: 'TransAM answered in an unexpected way.',
}

/** When TransAM only says "Try again in N minutes", the lockout end is worked out from that. */
function lockoutEnd(failure: SignInFailure, now: number): number | null {
  if (failure.lockedUntil !== null) return failure.lockedUntil
  const minutes = /in (\d+) minutes?/i.exec(failure.message)?.[1]
  return minutes === undefined ? null : now + Number(minutes) * 60_000
}

/**
 * Signs a TransAM account in with a password the user types. TransAM locks an account after
 * four wrong passwords, so every attempt is one the user asked for: nothing is retried or sent
 * again by itself, the field is emptied after each try, and while locked the button waits for
 * the lockout to end.
 */
export function TransamSignInForm(props: {
  connection: ConnectionSummary
  /** Shown under the field for the sandbox account only: its password is no secret. */
  sandboxPassword: string | null
  onSignedIn: (message: string) => void
}) {
  const { connection, onSignedIn } = props
  const rpc = useRpc()
  const [password, setPassword] = useState('')
  const [signingIn, setSigningIn] = useState(false)
  const [failure, setFailure] = useState<SignInFailure | null>(null)
  const [callError, setCallError] = useState<string | null>(null)
  // Kept for the window's lifetime, so leaving Settings and coming back still shows the wait.
  const [lockedUntil, setLockedUntil] = useSessionState<number | null>(
    `transam.lockedUntil.${connection.id}`,
    null,
  )
  const [lockWatched, setLockWatched] = useState(lockedUntil !== null)
  const now = useNow(lockWatched)
  const locked = lockedUntil !== null && now < lockedUntil
  if (lockWatched && !locked) setLockWatched(false)
  // A click landing while the previous attempt is still on its way must not become a second one.
  const inFlight = useRef(false)

  const signIn = async () => {
    if (inFlight.current || locked || password === '') return
    inFlight.current = true
    const typed = password
    setPassword('')
    setSigningIn(true)
    setCallError(null)
    const result = await rpc.call('connections.signInTransam', {
      id: connection.id,
      password: typed,
    })
    inFlight.current = false
    setSigningIn(false)
    if (!result.ok) {
      setFailure(null)
      setCallError(result.error.message)
      return
    }
    if (result.value.ok) {
      setFailure(null)
      setLockedUntil(null)
      onSignedIn(result.value.message)
      return
    }
    const outcome = result.value
    setFailure(outcome)
    if (outcome.reason === 'locked') {
      setLockedUntil(lockoutEnd(outcome, Date.now()))
      setLockWatched(true)
    } else {
      setLockedUntil(null)
    }
  }

  const lockoutOver = lockedUntil !== null && !locked
  return (
    <form
      className="sign-in-form"
      aria-label={`Sign in to ${connection.name}`}
      noValidate
      onSubmit={(event) => {
        event.preventDefault()
        void signIn()
      }}
    >
      <p className="sign-in-intro">
        <strong>Sign in needed.</strong> Enter the TransAM password of this account. Fieldstation
        keeps only the session TransAM gives back, not the password.
      </p>
      <div className="sign-in-row">
        <TextField
          label="Password"
          type="password"
          autoComplete="current-password"
          value={password}
          hint={props.sandboxPassword ? `Sandbox password: ${props.sandboxPassword}` : undefined}
          onChange={setPassword}
        />
        <button type="submit" disabled={signingIn || locked || password === ''}>
          {signingIn ? 'Signing in…' : 'Sign in'}
        </button>
      </div>
      <div data-testid="sign-in-outcome">
        {failure?.warning && !lockoutOver && (
          <div className="notice notice-warning" role="alert">
            <strong>Careful:</strong> <span>{failure.warning}</span>
            <span>Check the password before the next attempt.</span>
          </div>
        )}
        {failure && !lockoutOver && (
          <ErrorNotice title={FAILURE_TITLES[failure.reason]} message={failure.message} />
        )}
        {locked && lockedUntil !== null && (
          <p className="notice notice-warning lockout" role="status" data-testid="lockout">
            <strong>Account locked.</strong>
            <span>
              Sign in again in{' '}
              <strong className="countdown">{formatCountdown(lockedUntil - now)}</strong> (at{' '}
              {new Date(lockedUntil).toLocaleTimeString()}). Until then TransAM refuses even the
              right password.
            </span>
          </p>
        )}
        {lockoutOver && (
          <p className="notice notice-info" role="status">
            The lockout has ended: you can sign in again.
          </p>
        )}
        {callError && <ErrorNotice title="The sign-in was not sent." message={callError} />}
      </div>
    </form>
  )
}

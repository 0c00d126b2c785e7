import { createHash } from 'node:crypto'
import type { Database } from 'better-sqlite3'
import type { TransamSignInResult } from '../../../shared/rpc/transam-contract'
import { getTransamConnection, setConnectionState, setTransamToken } from '../../connections/store'
import { TransamClient } from '../../connectors/transam/client'
import type { TransportTuning } from '../../connectors/resilient-http'
import type { Logger } from '../../log/logger'
import type { Clock, SecretStore } from '../../platform/ports'

export interface SignInDeps {
  db: Database
  secrets: SecretStore
  clock: Clock
  log: Logger
  tuning?: TransportTuning
}

const refusedName = (connectionId: string) => `connection/${connectionId}/refused-password`

/** Identifies a password without keeping it: enough to recognise the same one being tried again. */
function fingerprint(connectionId: string, password: string): string {
  return createHash('sha256').update(`${connectionId}\0${password}`).digest('hex')
}

function lockedUntilOf(db: Database, connectionId: string): number | null {
  const value = db
    .prepare("SELECT json_extract(config, '$.lockedUntil') FROM connections WHERE id = ?")
    .pluck()
    .get(connectionId)
  return typeof value === 'number' ? value : null
}

function setLockedUntil(db: Database, connectionId: string, until: number | null): void {
  db.prepare(
    until === null
      ? "UPDATE connections SET config = json_remove(config, '$.lockedUntil') WHERE id = ?"
      : "UPDATE connections SET config = json_set(config, '$.lockedUntil', ?) WHERE id = ?",
  ).run(...(until === null ? [connectionId] : [until, connectionId]))
}

/**
 * The one way the app signs in to TransAM, and only when the user asks (or a script gives the
 * password). TransAM locks an account for 5 minutes after 4 wrong passwords, so: a password
 * TransAM just refused is never sent again (it is recognised by a fingerprint), nothing is sent
 * while the account is locked, and nothing is ever retried.
 */
export async function signInToTransam(
  deps: SignInDeps,
  connectionId: string,
  password: string,
): Promise<TransamSignInResult> {
  const connection = getTransamConnection(deps.db, deps.secrets, connectionId)
  if (!connection) {
    return {
      ok: false,
      reason: 'unexpected',
      message: 'There is no such TransAM account.',
      warning: null,
      lockedUntil: null,
    }
  }
  const lockedUntil = lockedUntilOf(deps.db, connectionId)
  if (lockedUntil !== null && deps.clock.now() < lockedUntil) {
    const minutes = Math.ceil((lockedUntil - deps.clock.now()) / 60_000)
    return {
      ok: false,
      reason: 'locked',
      message: `TransAM locked this account after too many wrong passwords. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}; nothing was sent.`,
      warning: null,
      lockedUntil,
    }
  }
  const print = fingerprint(connectionId, password)
  if (deps.secrets.get(refusedName(connectionId)) === print) {
    return {
      ok: false,
      reason: 'wrong-password',
      message:
        'TransAM refused this password on the last attempt, so it was not sent again (another try would count toward the lockout).',
      warning: null,
      lockedUntil: null,
    }
  }

  const client = new TransamClient({
    baseUrl: connection.baseUrl,
    email: connection.config.email,
    token: null,
    log: deps.log,
    clock: deps.clock,
    ...deps.tuning,
  })
  try {
    const result = await client.signIn(password)
    if (result.ok) {
      setTransamToken(deps.secrets, connectionId, client.token)
      deps.secrets.delete(refusedName(connectionId))
      setLockedUntil(deps.db, connectionId, null)
      setConnectionState(deps.db, connectionId, 'online')
    } else if (result.reason === 'wrong-password') {
      deps.secrets.set(refusedName(connectionId), print)
    } else if (result.reason === 'locked') {
      setLockedUntil(deps.db, connectionId, result.lockedUntil)
    }
    deps.log.info(
      { connectionId, ok: result.ok, reason: result.ok ? null : result.reason },
      'transam sign-in',
    )
    return result
  } finally {
    await client.close()
  }
}

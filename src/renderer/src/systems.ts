import type { ConnectionSummary, SystemName } from '../../shared/rpc/contract'

/** How each system's name is written on screen. */
export const SYSTEM_LABELS: Record<SystemName, string> = {
  huvr: 'HUVR',
  transam: 'TransAM',
  navirec: 'Navirec',
  valtronics: 'Valtronics',
  credo: 'Credo',
}

type ConnectionState = ConnectionSummary['state']

/** A connection's state in words; "needs-sign-in" is something to do, not a technical state. */
export const CONNECTION_STATE_LABELS: Record<ConnectionState, string> = {
  unknown: 'Not checked yet',
  online: 'Online',
  offline: 'Offline',
  'needs-sign-in': 'Sign in needed',
  error: 'Error',
}

/** A TransAM account whose session has ended (or never began): it cannot sync until signed in. */
export function needsSignIn(connection: ConnectionSummary): boolean {
  return connection.state === 'needs-sign-in'
}

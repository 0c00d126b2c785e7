import type { SyncState } from '../../../shared/rpc/outbox-contract'

/** "Not sent" rather than "Pending": HUVR has a defect state called Pending too. */
const LABELS: Record<SyncState, string> = {
  synced: 'Synced',
  pending: 'Not sent',
  failed: 'Failed',
  conflict: 'Conflict',
}

const EXPLANATIONS: Record<SyncState, string> = {
  synced: 'The server has every change made here',
  pending: 'Saved on this computer; sent when the server is reachable',
  failed: 'The server refused this change: see why, fix it or discard it',
  conflict: 'Changed here and on the server: choose which to keep on the Changes screen',
}

/**
 * Where a record stands with its server. Lists leave "Synced" out (it is the normal case and
 * would only be noise); a record's own page says it.
 */
export function SyncStateBadge(props: {
  state: SyncState
  pendingDelete?: boolean
  showSynced?: boolean
  /** Created on a project that is itself only on this computer: it is sent after the project. */
  waitingForParent?: boolean
}) {
  const { state } = props
  if (state === 'synced' && props.showSynced !== true) return null
  const waiting = props.waitingForParent === true && state === 'pending'
  const label = waiting
    ? 'Waits for its project'
    : props.pendingDelete === true && state === 'pending'
      ? 'Deletion pending'
      : LABELS[state]
  return (
    <span
      className={`badge sync-${state}`}
      title={
        waiting
          ? 'Saved on this computer; sent once its project, created here too, is in HUVR'
          : EXPLANATIONS[state]
      }
      data-sync-state={state}
      data-waiting-for-parent={waiting ? true : undefined}
    >
      {label}
    </span>
  )
}

/** A finding whose project was created here and has no server id yet (a negative id). */
export function waitsForProject(fields: Readonly<Record<string, unknown>>): boolean {
  const project = fields['project']
  return typeof project === 'number' && project < 0
}

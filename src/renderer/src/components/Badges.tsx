import type { ConnectionSummary } from '../../../shared/rpc/contract'
import { humanize, toneOf } from '../format'
import { CONNECTION_STATE_LABELS } from '../systems'

/** A server state (project status, defect state, media state) as a coloured pill. */
export function StateBadge({ value }: { value: string | null | undefined }) {
  if (!value) return <span className="muted">—</span>
  return <span className={`badge tone-${toneOf(value)}`}>{humanize(value)}</span>
}

export function OfflineBadge() {
  return (
    <span className="badge badge-offline" title="Media and findings are kept on this computer">
      Offline
    </span>
  )
}

/** An account's connection state, in words ("Sign in needed") rather than as the code says it. */
export function ConnectionStateBadge({ state }: { state: ConnectionSummary['state'] }) {
  return <span className={`badge tone-${state}`}>{CONNECTION_STATE_LABELS[state]}</span>
}

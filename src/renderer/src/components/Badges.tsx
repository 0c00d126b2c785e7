import { humanize, toneOf } from '../format'

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

import type { SystemName } from '../../../shared/rpc/contract'
import { SYSTEM_LABELS } from '../systems'

/** Which system a record or account belongs to, in that system's colour. */
export function SystemBadge({ system }: { system: SystemName }) {
  return (
    <span className={`badge badge-system badge-system-${system}`}>{SYSTEM_LABELS[system]}</span>
  )
}

/** The record is confirmed to be the same asset as one in the other system. */
export function LinkedBadge({ title }: { title?: string }) {
  return (
    <span className="badge badge-linked" title={title ?? 'Linked to an asset in the other system'}>
      Linked
    </span>
  )
}

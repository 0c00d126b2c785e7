import { Link } from 'wouter'
import type { RecordView } from '../../../shared/rpc/outbox-contract'
import { CHANGES_HREF } from '../routes'
import { ErrorNotice } from './Notice'

/**
 * What the inspector must know about a record's unsent changes: why the server refused them,
 * or that a conflict waits for their choice. Field messages show next to their fields; this is
 * the message as a whole.
 */
export function RecordSyncNotice({ view }: { view: RecordView }) {
  const toChanges = <Link href={CHANGES_HREF}>Open Changes</Link>
  if (view.deletedOnServer) {
    return (
      <div className="notice notice-warning" role="status">
        <strong>Deleted on the server while you edited it here.</strong>
        <span>Recreate it or discard your changes.</span>
        {toChanges}
      </div>
    )
  }
  if (view.syncState === 'conflict') {
    return (
      <div className="notice notice-warning" role="status">
        <strong>Changed here and on the server.</strong>
        <span>
          {view.conflicts.length === 1
            ? 'One field differs: choose which value to keep.'
            : `${view.conflicts.length} fields differ: choose which values to keep.`}
        </span>
        {toChanges}
      </div>
    )
  }
  if (view.syncState === 'failed') {
    return (
      <ErrorNotice
        title="The server refused this change."
        message={
          view.lastError ??
          'Correct the fields marked below; the change is sent again when you edit it.'
        }
        action={toChanges}
      />
    )
  }
  if (view.pendingDelete) {
    return (
      <div className="notice notice-info" role="status">
        Deleted here; the deletion is sent to the server with the next push.
      </div>
    )
  }
  return null
}

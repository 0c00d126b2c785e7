import { useState } from 'react'
import type { OutboxItem } from '../../../../shared/rpc/outbox-contract'
import { ErrorNotice } from '../../components/Notice'
import { formatClock, formatCount, plural } from '../../format'
import { useNow } from '../../hooks/useNow'
import { useRpc } from '../../rpc/hooks'
import { changeKind, fieldLabel } from './change-parts'

/** Rows listed before "and N more": a long offline stretch queues thousands of edits. */
const ROWS_SHOWN = 200

type Push = { state: 'idle' } | { state: 'started'; count: number } | { state: 'not-started' }

/** Changes waiting to be sent, with a way to send them now rather than at the next chance. */
export function PendingList({ items }: { items: OutboxItem[] }) {
  const rpc = useRpc()
  const [push, setPush] = useState<Push>({ state: 'idle' })
  const [error, setError] = useState<string | null>(null)
  const retrying = items.some((item) => item.nextAttemptAt !== null)
  const now = useNow(retrying)

  const sendNow = async () => {
    setError(null)
    const result = await rpc.call('sync.push', {})
    if (!result.ok) {
      setPush({ state: 'idle' })
      setError(result.error.message)
      return
    }
    const count = result.value.started.length
    setPush(count > 0 ? { state: 'started', count } : { state: 'not-started' })
  }

  const shown = items.slice(0, ROWS_SHOWN)
  return (
    <section className="changes-section" aria-labelledby="changes-pending">
      <div className="panel-title-row">
        <h2 id="changes-pending">
          Waiting to be sent <span className="count">({formatCount(items.length)})</span>
        </h2>
        <button type="button" disabled={items.length === 0} onClick={() => void sendNow()}>
          Send now
        </button>
      </div>
      {push.state === 'started' && items.length > 0 && (
        <p className="muted" role="status">
          Sending to {plural(push.count, 'account')}…
        </p>
      )}
      {push.state === 'not-started' && (
        <p className="notice notice-warning" role="status">
          Nothing was sent: no account’s server can be reached right now, or Work offline is on. The
          changes are sent by themselves once a server answers.
        </p>
      )}
      {error && <ErrorNotice title="The changes were not sent." message={error} />}
      {items.length === 0 ? (
        <p className="muted">Nothing waits to be sent.</p>
      ) : (
        <table className="data-table compact" aria-label="Waiting to be sent">
          <thead>
            <tr>
              <th scope="col">Record</th>
              <th scope="col">Change</th>
              <th scope="col">Fields</th>
              <th scope="col">State</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((item) => (
              <tr key={item.itemId}>
                <td>{item.title}</td>
                <td>{changeKind(item)}</td>
                <td className="wrap">
                  {Object.keys(item.fields).map(fieldLabel).join(', ') || '—'}
                </td>
                <td>{waitingState(item, now)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {items.length > shown.length && (
        <p className="muted">and {formatCount(items.length - shown.length)} more.</p>
      )}
    </section>
  )
}

function waitingState(item: OutboxItem, now: number): string {
  if (item.state === 'in-flight') return 'Sending…'
  if (item.waitingForParent) return 'After the record it belongs to'
  if (item.nextAttemptAt !== null && item.nextAttemptAt > now) {
    return `Next try ${formatClock(item.nextAttemptAt)} (${plural(item.attempts, 'attempt')} so far)`
  }
  return 'Waiting'
}

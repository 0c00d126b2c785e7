import { useEffect } from 'react'
import { Link } from 'wouter'
import { formatCount } from '../format'
import { useCoalesced } from '../hooks/useCoalesced'
import { useRpcEvent } from '../hooks/useRpcEvent'
import { useQuery } from '../rpc/hooks'
import { CHANGES_HREF } from '../routes'

/** A push moves the counts with every item: at most one reload per 250 ms keeps up with it. */
const RELOAD_AFTER_CHANGES_MS = 250
/** Read again now and then too, should an event be missed (a dropped socket). */
const POLL_MS = 5000

/**
 * "Edits: 2 conflicts · 1 failed · 3 pending", each linking to the Changes view, read again
 * whenever the outbox changes.
 */
export function OutboxStatus() {
  const counts = useQuery('outbox.counts', {})
  const { reload } = counts
  const reloadSoon = useCoalesced(reload, RELOAD_AFTER_CHANGES_MS)
  useRpcEvent('outbox.changed', reloadSoon)
  useEffect(() => {
    const timer = setInterval(reload, POLL_MS)
    return () => clearInterval(timer)
  }, [reload])

  if (counts.state === 'loading') return null
  if (counts.state === 'error') {
    return <span className="status-changes">Edits: {counts.error.message}</span>
  }
  const total = counts.value.total
  const parts = [
    total.conflict > 0 && (
      <Link
        key="conflict"
        href={CHANGES_HREF}
        className="status-conflicts"
        data-testid="outbox-conflicts"
      >
        {formatCount(total.conflict)} {total.conflict === 1 ? 'conflict' : 'conflicts'}
      </Link>
    ),
    total.failed > 0 && (
      <Link key="failed" href={CHANGES_HREF} className="status-failed" data-testid="outbox-failed">
        {formatCount(total.failed)} failed
      </Link>
    ),
    total.pending > 0 && (
      <Link key="pending" href={CHANGES_HREF} data-testid="outbox-pending">
        {formatCount(total.pending)} pending
      </Link>
    ),
  ].filter(Boolean)

  return (
    <span className="status-changes" data-testid="outbox">
      {parts.length === 0 ? (
        <>
          Edits: <Link href={CHANGES_HREF}>all sent</Link>
        </>
      ) : (
        <>
          Edits:{' '}
          {parts.map((part, index) => (
            <span key={index}>
              {index > 0 && ' · '}
              {part}
            </span>
          ))}
        </>
      )}
    </span>
  )
}

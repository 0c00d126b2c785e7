import { useState } from 'react'
import type { OutboxItem } from '../../../../shared/rpc/outbox-contract'
import { ErrorNotice, Loading } from '../../components/Notice'
import { plural } from '../../format'
import { useCoalesced } from '../../hooks/useCoalesced'
import { useRpcEvent } from '../../hooks/useRpcEvent'
import { useQuery, useRpc } from '../../rpc/hooks'
import { ConflictCard } from './ConflictCard'
import { FailedCard } from './FailedCard'
import { PendingList } from './PendingList'

/** A push reports every item it sends: at most one reload per 300 ms keeps the list cheap to watch. */
const RELOAD_AFTER_CHANGES_MS = 300

/** What an undo notice names: the change that was just discarded. */
interface Discarded {
  undoId: number
  title: string
}

/**
 * Everything edited here and not yet on a server: conflicts first (they wait for a choice),
 * then what the server refused (with its reasons), then what waits to be sent.
 */
export function ChangesView() {
  const rpc = useRpc()
  const items = useQuery('outbox.list', {})
  const reloadSoon = useCoalesced(items.reload, RELOAD_AFTER_CHANGES_MS)
  useRpcEvent('outbox.changed', reloadSoon)
  const [discarded, setDiscarded] = useState<Discarded | null>(null)
  const [undoError, setUndoError] = useState<string | null>(null)

  const undo = async (undoId: number) => {
    const result = await rpc.call('outbox.undoDiscard', { undoId })
    if (!result.ok) {
      setUndoError(result.error.message)
      return
    }
    setDiscarded(null)
    setUndoError(null)
    items.reload()
  }

  const onDiscarded = (item: OutboxItem, undoId: number) => {
    setDiscarded({ undoId, title: item.title })
    setUndoError(null)
    items.reload()
  }

  return (
    <section className="changes-view">
      <header className="view-header">
        <h1>Changes</h1>
      </header>
      <p className="view-intro muted">
        Every edit is saved on this computer at once and sent when the server can be reached.
        Nothing is overwritten without your choice: a field changed both here and on the server
        waits below until you pick a value.
      </p>
      {discarded && (
        <div className="notice notice-info undo-notice" role="status">
          <span>Discarded the changes to “{discarded.title}”.</span>
          <button
            type="button"
            className="button-secondary"
            onClick={() => void undo(discarded.undoId)}
          >
            Undo
          </button>
          <button type="button" className="button-secondary" onClick={() => setDiscarded(null)}>
            Dismiss
          </button>
        </div>
      )}
      {undoError && (
        <ErrorNotice title="The discarded change could not be restored." message={undoError} />
      )}
      {items.state === 'loading' && <Loading what="changes" />}
      {items.state === 'error' && (
        <ErrorNotice title="The changes could not be read." message={items.error.message} />
      )}
      {items.state === 'ready' && (
        <ChangeSections items={items.value} onDiscarded={onDiscarded} onChanged={items.reload} />
      )}
    </section>
  )
}

function ChangeSections(props: {
  items: OutboxItem[]
  onDiscarded: (item: OutboxItem, undoId: number) => void
  onChanged: () => void
}) {
  const conflicts = props.items.filter((item) => item.state === 'conflict')
  const failed = props.items.filter((item) => item.state === 'failed')
  const waiting = props.items.filter(
    (item) => item.state === 'pending' || item.state === 'in-flight',
  )
  return (
    <>
      <section className="changes-section" aria-labelledby="changes-conflicts">
        <h2 id="changes-conflicts">
          Conflicts <span className="count">({conflicts.length.toLocaleString()})</span>
        </h2>
        {conflicts.length === 0 ? (
          <p className="muted">No conflicts.</p>
        ) : (
          <div className="stack">
            {conflicts.map((item) => (
              <ConflictCard
                key={item.itemId}
                item={item}
                onResolved={props.onChanged}
                onDiscarded={(undoId) => props.onDiscarded(item, undoId)}
              />
            ))}
          </div>
        )}
      </section>

      <section className="changes-section" aria-labelledby="changes-failed">
        <div className="panel-title-row">
          <h2 id="changes-failed">
            Failed <span className="count">({failed.length.toLocaleString()})</span>
          </h2>
          {failed.length > 1 && (
            <RetryAllButton count={failed.length} onRetried={props.onChanged} />
          )}
        </div>
        {failed.length === 0 ? (
          <p className="muted">Nothing was refused.</p>
        ) : (
          <div className="stack">
            {failed.map((item) => (
              <FailedCard
                key={item.itemId}
                item={item}
                onRetried={props.onChanged}
                onDiscarded={(undoId) => props.onDiscarded(item, undoId)}
              />
            ))}
          </div>
        )}
      </section>

      <PendingList items={waiting} />
    </>
  )
}

function RetryAllButton(props: { count: number; onRetried: () => void }) {
  const rpc = useRpc()
  const [error, setError] = useState<string | null>(null)
  const retry = async () => {
    const result = await rpc.call('outbox.retry', {})
    setError(result.ok ? null : result.error.message)
    props.onRetried()
  }
  return (
    <div>
      <button type="button" className="button-secondary" onClick={() => void retry()}>
        Retry all {plural(props.count, 'failed change', 'failed changes')}
      </button>
      {error && <ErrorNotice title="Nothing was retried." message={error} />}
    </div>
  )
}

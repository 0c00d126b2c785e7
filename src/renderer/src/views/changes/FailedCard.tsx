import { useState } from 'react'
import type { OutboxItem } from '../../../../shared/rpc/outbox-contract'
import { ErrorNotice } from '../../components/Notice'
import { FieldValue as ShownValue } from '../../components/RecordFields'
import { plural } from '../../format'
import { useRpc } from '../../rpc/hooks'
import { changeKind, DiscardButton, fieldLabel, RecordLink } from './change-parts'

/**
 * A change the server refused, with its reasons (per field where it gave them). The inspector
 * fixes the fields on the record's page (which sends it again), retries as it is (when the
 * reason was passing), or discards it.
 */
export function FailedCard(props: {
  item: OutboxItem
  onRetried: () => void
  onDiscarded: (undoId: number) => void
}) {
  const { item } = props
  const rpc = useRpc()
  const [error, setError] = useState<string | null>(null)
  const fieldErrors = Object.entries(item.fieldErrors)

  const retry = async () => {
    const result = await rpc.call('outbox.retry', { itemId: item.itemId })
    setError(result.ok ? null : result.error.message)
    props.onRetried()
  }

  return (
    <article className="panel change-card failed-card" aria-label={item.title}>
      <div className="panel-title-row">
        <div>
          <h3>{item.title}</h3>
          <p className="muted change-meta">
            {changeKind(item)}
            {item.attempts > 0 && ` · ${plural(item.attempts, 'attempt')}`}
          </p>
        </div>
        <RecordLink item={item} />
      </div>
      <div className="failure-reason">
        <strong>The server said:</strong> {item.lastError ?? 'It gave no reason.'}
      </div>
      {fieldErrors.length > 0 && (
        <dl className="record-fields field-errors" aria-label="Refused fields">
          {fieldErrors.map(([field, messages]) => (
            <div key={field}>
              <dt>
                {fieldLabel(field)}
                {field in item.fields && (
                  <span className="muted">
                    {' '}
                    (sent:{' '}
                    <span className="sent-value">
                      <ShownValue value={item.fields[field]} />
                    </span>
                    )
                  </span>
                )}
              </dt>
              <dd className="field-problem">{messages.join(' ')}</dd>
            </div>
          ))}
        </dl>
      )}
      <div className="form-actions">
        <button type="button" onClick={() => void retry()}>
          Retry
        </button>
        <DiscardButton item={item} onDiscarded={props.onDiscarded} />
      </div>
      {error && <ErrorNotice title="The change was not retried." message={error} />}
    </article>
  )
}

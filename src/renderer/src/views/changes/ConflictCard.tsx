import { useId, useState } from 'react'
import type {
  FieldConflict,
  FieldValue,
  OutboxItem,
  ResolveParams,
} from '../../../../shared/rpc/outbox-contract'
import { ErrorNotice } from '../../components/Notice'
import { FieldValue as ShownValue } from '../../components/RecordFields'
import { parseInput, type InputKind } from '../../edits/field-input'
import { useRpc } from '../../rpc/hooks'
import { changeKind, DiscardButton, fieldLabel, RecordLink } from './change-parts'

/**
 * A record changed here and on the server. Each field that differs is shown as it was when
 * editing began, as edited here, and as the server has it now; the inspector keeps one or
 * types a merged value. A record deleted on the server is recreated or the edits discarded.
 */
export function ConflictCard(props: {
  item: OutboxItem
  onResolved: () => void
  onDiscarded: (undoId: number) => void
}) {
  const { item } = props
  const rpc = useRpc()
  const [error, setError] = useState<string | null>(null)
  const [working, setWorking] = useState(false)

  const resolve = async (params: ResolveParams) => {
    setWorking(true)
    const result = await rpc.call('outbox.resolve', params)
    setWorking(false)
    setError(result.ok ? null : result.error.message)
    if (result.ok) props.onResolved()
    return result.ok
  }

  return (
    <article className="panel change-card conflict-card" aria-label={item.title}>
      <div className="panel-title-row">
        <div>
          <h3>{item.title}</h3>
          <p className="muted change-meta">{changeKind(item)}</p>
        </div>
        <RecordLink item={item} />
      </div>
      {item.deletedOnServer ? (
        <div className="deleted-on-server">
          <p>
            Deleted on the server while you edited it here. Recreate it with your changes, or
            discard them.
          </p>
          <div className="form-actions">
            <button
              type="button"
              disabled={working}
              onClick={() => void resolve({ itemId: item.itemId, choice: 'recreate' })}
            >
              Recreate
            </button>
            <DiscardButton item={item} onDiscarded={props.onDiscarded} />
          </div>
        </div>
      ) : (
        <table
          className="data-table conflict-table"
          aria-label={`Conflicting fields of ${item.title}`}
        >
          <thead>
            <tr>
              <th scope="col">Field</th>
              <th scope="col">When you started</th>
              <th scope="col">Yours</th>
              <th scope="col">On the server now</th>
              <th scope="col">
                <span className="visually-hidden">Choice</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {item.conflicts.map((conflict) => (
              <ConflictRow
                key={conflict.field}
                itemId={item.itemId}
                conflict={conflict}
                working={working}
                resolve={resolve}
              />
            ))}
          </tbody>
        </table>
      )}
      {error && <ErrorNotice title="The conflict was not resolved." message={error} />}
    </article>
  )
}

/** How a merged value is typed: as the kind of value the two sides hold. */
function inputFor(conflict: FieldConflict): InputKind {
  const sides = [conflict.mine, conflict.theirs, conflict.base]
  if (sides.some((value) => typeof value === 'boolean')) return 'boolean'
  if (sides.some((value) => typeof value === 'number')) return 'number'
  return 'text'
}

function ConflictRow(props: {
  itemId: number
  conflict: FieldConflict
  working: boolean
  resolve: (params: ResolveParams) => Promise<boolean>
}) {
  const { itemId, conflict, working, resolve } = props
  const label = fieldLabel(conflict.field)
  const [merging, setMerging] = useState(false)
  return (
    <>
      <tr aria-label={label}>
        <th scope="row">{label}</th>
        <td className="conflict-base">
          <ShownValue value={conflict.base} />
        </td>
        <td className="conflict-mine">
          <ShownValue value={conflict.mine} />
        </td>
        <td className="conflict-theirs">
          <ShownValue value={conflict.theirs} />
        </td>
        <td className="conflict-choice">
          <div className="conflict-buttons">
            <button
              type="button"
              disabled={working}
              onClick={() => void resolve({ itemId, field: conflict.field, choice: 'mine' })}
            >
              Keep mine
            </button>
            <button
              type="button"
              className="button-secondary"
              disabled={working}
              onClick={() => void resolve({ itemId, field: conflict.field, choice: 'theirs' })}
            >
              Take theirs
            </button>
            <button
              type="button"
              className="button-secondary"
              disabled={working}
              aria-expanded={merging}
              onClick={() => setMerging(!merging)}
            >
              Edit…
            </button>
          </div>
        </td>
      </tr>
      {merging && (
        <tr className="merge-row">
          <td colSpan={5}>
            <MergedValueForm
              conflict={conflict}
              working={working}
              onCancel={() => setMerging(false)}
              onSave={(value) =>
                resolve({ itemId, field: conflict.field, choice: 'merged', value })
              }
            />
          </td>
        </tr>
      )}
    </>
  )
}

/** A value of the inspector's own making, starting from what they typed. */
function MergedValueForm(props: {
  conflict: FieldConflict
  working: boolean
  onCancel: () => void
  onSave: (value: FieldValue) => Promise<boolean>
}) {
  const { conflict } = props
  const input = inputFor(conflict)
  const id = useId()
  const [text, setText] = useState(() => {
    const start = conflict.mine ?? conflict.theirs
    return start === null ? '' : String(start)
  })
  const [problem, setProblem] = useState<string | null>(null)

  const save = async () => {
    const parsed = parseInput(input, text)
    if ('problem' in parsed) {
      setProblem(parsed.problem)
      return
    }
    setProblem(null)
    await props.onSave(parsed.value)
  }

  return (
    <form
      className="merged-value"
      onSubmit={(event) => {
        event.preventDefault()
        void save()
      }}
    >
      <label htmlFor={id}>Your value for {fieldLabel(conflict.field)}</label>
      {input === 'boolean' ? (
        <select id={id} value={text} onChange={(event) => setText(event.target.value)}>
          <option value="">—</option>
          <option value="true">Yes</option>
          <option value="false">No</option>
        </select>
      ) : input === 'number' ? (
        <input
          id={id}
          type="text"
          inputMode="decimal"
          value={text}
          autoFocus
          onChange={(event) => setText(event.target.value)}
        />
      ) : (
        <textarea
          id={id}
          rows={2}
          value={text}
          autoFocus
          onChange={(event) => setText(event.target.value)}
        />
      )}
      <div className="form-actions">
        <button type="submit" disabled={props.working}>
          Use this value
        </button>
        <button type="button" className="button-secondary" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
      {problem && <small className="field-problem">{problem}</small>}
    </form>
  )
}

import { useState } from 'react'
import type { FieldValue, HistoryEntry, RecordKey } from '../../../shared/rpc/outbox-contract'
import { choiceLabel, labelOfField, type FieldLabel } from '../edits/huvr-fields'
import { useRecordView } from '../edits/useRecordView'
import { formatTime, humanize } from '../format'
import { ErrorNotice } from './Notice'

/** Outcomes that went wrong, so they stand out in the list. */
const TROUBLE: ReadonlySet<HistoryEntry['action']> = new Set(['failed', 'conflict'])
/** Entries whose values are the inspector's: what they typed, or what they chose to keep. */
const SHOWS_VALUES: ReadonlySet<HistoryEntry['action']> = new Set(['edited', 'resolved'])
/** A long description is cut in the list; the form has it whole. */
const VALUE_SHOWN_CHARS = 80

/**
 * A record's history of local edits and sync outcomes, newest first. Folded by default and
 * read only when opened: most visits do not need it. `fields` names the record's fields as its
 * form does, so the history says "Changed External id" rather than the server's "external_id".
 */
export function RecordHistory({
  recordKey,
  fields = [],
}: {
  recordKey: RecordKey
  fields?: readonly FieldLabel[]
}) {
  const [open, setOpen] = useState(false)
  return (
    <details
      className="history-panel"
      onToggle={(event) => setOpen((event.target as HTMLDetailsElement).open)}
    >
      <summary>History</summary>
      {open && <HistoryEntries recordKey={recordKey} fields={fields} />}
    </details>
  )
}

function HistoryEntries(props: { recordKey: RecordKey; fields: readonly FieldLabel[] }) {
  const { query } = useRecordView(props.recordKey)
  if (query.state === 'loading') return <p className="muted">Reading history…</p>
  if (query.state === 'error') {
    return <ErrorNotice title="The history could not be read." message={query.error.message} />
  }
  const entries = query.value.history
  if (entries.length === 0) {
    return <p className="muted">No changes made on this computer.</p>
  }
  return (
    <ol className="history-list" aria-label="History">
      {entries.map((entry) => {
        const values = SHOWS_VALUES.has(entry.action) ? valuesOf(entry, props.fields) : null
        return (
          <li key={entry.seq} className={TROUBLE.has(entry.action) ? 'history-trouble' : undefined}>
            <time dateTime={new Date(entry.at).toISOString()}>{formatTime(entry.at)}</time>
            <span className={`badge history-${entry.action}`}>{humanize(entry.action)}</span>
            <span className="history-summary">
              {summaryOf(entry, props.fields)}
              {values && <span className="history-values">{values}</span>}
            </span>
          </li>
        )
      })}
    </ol>
  )
}

/**
 * The core's summary with its list of field names ("Changed external_id, model", "Sent
 * severity") in the words the form uses. The core writes the names of `entry.fields` at the end
 * of the summary; a summary that does not end so is shown as written.
 */
function summaryOf(entry: HistoryEntry, fields: readonly FieldLabel[]): string {
  const names = Object.keys(entry.fields)
  const written = names.join(', ')
  if (names.length === 0 || !entry.summary.endsWith(written)) return entry.summary
  const labels = names.map((name) => labelOfField(name, fields))
  return `${entry.summary.slice(0, entry.summary.length - written.length)}${labels.join(', ')}`
}

/** "Severity: High · Description: Coating blistered…": the values an edit set. */
function valuesOf(entry: HistoryEntry, fields: readonly FieldLabel[]): string | null {
  const parts = Object.entries(entry.fields).map(
    ([name, value]) => `${labelOfField(name, fields)}: ${shownValue(name, value, fields)}`,
  )
  return parts.length > 0 ? parts.join(' · ') : null
}

function shownValue(name: string, value: FieldValue, fields: readonly FieldLabel[]): string {
  if (value === null || value === '') return '(empty)'
  if (typeof value === 'boolean') return value ? 'Yes' : 'No'
  const text =
    choiceLabel(
      fields.find((spec) => spec.field === name),
      value,
    ) ?? String(value)
  return text.length > VALUE_SHOWN_CHARS ? `${text.slice(0, VALUE_SHOWN_CHARS - 1)}…` : text
}

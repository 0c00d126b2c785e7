import { formatServerDate, humanize, looksLikeServerDate } from '../format'
import { isPlainObject, textOf, type LooseRecord } from '../loose-record'

const INLINE_OBJECT_KEYS = 4

/**
 * Every field of a server record as a key/value list, so nothing HUVR sent is hidden. Nested
 * values are kept to one line where they can be; bigger ones fold into an expandable JSON view.
 */
export function RecordFields({ record, omit = [] }: { record: LooseRecord; omit?: string[] }) {
  const entries = Object.entries(record).filter(([key]) => !omit.includes(key))
  if (entries.length === 0) return <p className="muted">The server sent no further fields.</p>
  return (
    <dl className="record-fields">
      {entries.map(([key, value]) => (
        <div key={key}>
          <dt title={key}>{humanize(key)}</dt>
          <dd>
            <FieldValue value={value} />
          </dd>
        </div>
      ))}
    </dl>
  )
}

export function FieldValue({ value }: { value: unknown }) {
  if (value === null || value === undefined || value === '') return <span className="muted">—</span>
  if (typeof value === 'boolean') return <>{value ? 'Yes' : 'No'}</>
  if (typeof value === 'number') return <>{value.toLocaleString()}</>
  if (typeof value === 'string') {
    return looksLikeServerDate(value) ? (
      <time dateTime={value} title={value}>
        {formatServerDate(value)}
      </time>
    ) : (
      <>{value}</>
    )
  }
  if (Array.isArray(value)) return <ArrayValue items={value} />
  if (isPlainObject(value)) return <ObjectValue object={value} />
  return <>{String(value)}</>
}

function ArrayValue({ items }: { items: unknown[] }) {
  if (items.length === 0) return <span className="muted">none</span>
  const texts = items.map((item) =>
    isPlainObject(item) || Array.isArray(item) ? textOfReference(item) : textOf(item),
  )
  if (texts.every((text) => text !== null)) return <>{texts.join(', ')}</>
  return <JsonDetails summary={`${items.length} items`} value={items} />
}

function ObjectValue({ object }: { object: LooseRecord }) {
  const reference = textOfReference(object)
  if (reference !== null) return <>{reference}</>
  const entries = Object.entries(object)
  if (entries.length === 0) return <span className="muted">empty</span>
  const simple = entries.every(([, value]) => !isPlainObject(value) && !Array.isArray(value))
  if (simple && entries.length <= INLINE_OBJECT_KEYS) {
    return (
      <span className="inline-object">
        {entries.map(([key, value]) => (
          <span key={key}>
            <span className="muted">{humanize(key)}:</span> <FieldValue value={value} />
          </span>
        ))}
      </span>
    )
  }
  return <JsonDetails summary={`${entries.length} fields`} value={object} />
}

/**
 * A nested reference such as {id: 3, name: "Pressure Vessel"} reads as "Pressure Vessel (#3)";
 * a label pair such as {name: "Criticality", value: "High"} as "Criticality: High".
 */
function textOfReference(value: unknown): string | null {
  if (!isPlainObject(value)) return null
  const name = textOf(value.name) ?? textOf(value.label)
  if (name === null) return null
  if (typeof value.id === 'number') return `${name} (#${value.id})`
  // {label, value} is an option whose label already says it all; {name, value} is a pair.
  const pairedValue =
    textOf(value.name) !== null && !isPlainObject(value.value) ? textOf(value.value) : null
  return pairedValue === null ? name : `${name}: ${pairedValue}`
}

function JsonDetails({ summary, value }: { summary: string; value: unknown }) {
  return (
    <details className="json-details">
      <summary>{summary}</summary>
      <pre>{JSON.stringify(value, null, 2)}</pre>
    </details>
  )
}

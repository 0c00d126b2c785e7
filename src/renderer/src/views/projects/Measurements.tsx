import { useRef, useState, type KeyboardEvent } from 'react'
import type { FieldValues, RecordView } from '../../../../shared/rpc/outbox-contract'
import type { RpcErrorBody } from '../../../../shared/rpc/result'
import { StateBadge } from '../../components/Badges'
import { FieldInput } from '../../components/FieldInput'
import { ErrorNotice, Loading } from '../../components/Notice'
import { SyncStateBadge, waitsForProject } from '../../components/SyncStateBadge'
import type { Choice, InputKind } from '../../edits/field-input'
import type { FieldSave } from '../../edits/field-save'
import { MEASUREMENT_TYPES, MEASUREMENT_UNITS, refIdOf } from '../../edits/huvr-fields'
import { useFieldRefusals } from '../../edits/useRecordFields'
import type { ProjectRecords } from '../../edits/useProjectRecords'
import { isPlainObject, textOf } from '../../loose-record'
import { useQuery, useRpc } from '../../rpc/hooks'

interface GridColumn {
  field: string
  label: string
  input: InputKind
  choices?: readonly Choice[]
}

const COLUMNS: readonly GridColumn[] = [
  { field: 'value', label: 'Value', input: 'number' },
  { field: 'units', label: 'Units', input: 'choice', choices: MEASUREMENT_UNITS },
  { field: 'type', label: 'Type', input: 'choice', choices: MEASUREMENT_TYPES },
  { field: 'comment', label: 'Comment', input: 'text' },
]

/** One line of the grid: a measurement location and the reading taken there on this project. */
interface GridRow {
  cmlId: number
  name: string
  reading: RecordView | undefined
  /** The reading before it at the same CML, for comparison. */
  previous: RecordView | undefined
}

function cmlIdOf(view: RecordView): number | null {
  return refIdOf(view.fields['cml']) ?? refIdOf(view.record['cml'])
}

/**
 * A CML's readings on this project, newest first: one made here (not yet on the server)
 * first, then by when they were collected. A row edits the first.
 */
function newestFirst(readings: RecordView[]): RecordView[] {
  const collected = (view: RecordView) => textOf(view.record['collected_on']) ?? ''
  return [...readings].sort(
    (a, b) =>
      Number(Number(b.id) < 0) - Number(Number(a.id) < 0) ||
      collected(b).localeCompare(collected(a)) ||
      Number(b.id) - Number(a.id),
  )
}

function rowOf(cmlId: number, name: string, readings: RecordView[]): GridRow {
  const [reading, previous] = newestFirst(readings)
  return { cmlId, name, reading, previous }
}

/** Every CML of the asset, plus any reading's CML that is not among them (not synced yet). */
function gridRows(
  cmls: readonly { id: number; name: string }[],
  readings: RecordView[],
): GridRow[] {
  const byCml = new Map<number, RecordView[]>()
  for (const reading of readings) {
    const cmlId = cmlIdOf(reading)
    if (cmlId !== null) byCml.set(cmlId, [...(byCml.get(cmlId) ?? []), reading])
  }
  const rows = cmls.map((cml) => rowOf(cml.id, cml.name, byCml.get(cml.id) ?? []))
  const listed = new Set(cmls.map((cml) => cml.id))
  for (const [cmlId, cmlReadings] of byCml) {
    if (listed.has(cmlId)) continue
    const cml = cmlReadings[0]?.record['cml']
    const name = (isPlainObject(cml) ? textOf(cml['name']) : null) ?? `CML #${cmlId}`
    rows.push(rowOf(cmlId, name, cmlReadings))
  }
  return rows
}

/** The value most readings on the project use, so new ones match them. */
function mostUsed(readings: RecordView[], field: string, fallback: string): string {
  const counts = new Map<string, number>()
  for (const reading of readings) {
    const value = reading.fields[field]
    if (typeof value === 'string' && value !== 'NOT_SET')
      counts.set(value, (counts.get(value) ?? 0) + 1)
  }
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? fallback
}

/**
 * Thickness readings as a grid: one row per CML of the project's asset, a column per field.
 * Typing a value where there is no reading yet records one; Enter and the arrow keys move down
 * (and up) a column, so a survey's readings go in as fast as they are read off the gauge.
 */
export function Measurements(props: {
  connectionId: string
  projectId: number
  assetId: number | null
  records: ProjectRecords
}) {
  const { connectionId, records } = props
  const cmls = useQuery('huvr.cmls', { connectionId, assetId: props.assetId ?? 0 }, [
    'sync.finished',
  ])
  if (records.query.state === 'loading' || cmls.state === 'loading') {
    return <Loading what="measurements" />
  }
  if (records.query.state === 'error') {
    return (
      <ErrorNotice
        title="The measurements could not be read."
        message={records.query.error.message}
      />
    )
  }
  const rows = gridRows(
    cmls.state === 'ready' && props.assetId !== null ? cmls.value : [],
    records.query.value,
  )
  return (
    <>
      {cmls.state === 'error' && (
        <ErrorNotice title="The asset’s CMLs could not be read." message={cmls.error.message} />
      )}
      {rows.length === 0 ? (
        <p className="muted">
          No CMLs on this project’s asset in the cache. Turn on “Available offline” and sync to
          download them.
        </p>
      ) : (
        <MeasurementGrid
          connectionId={connectionId}
          projectId={props.projectId}
          rows={rows}
          readings={records.query.value}
          records={records}
        />
      )}
    </>
  )
}

function MeasurementGrid(props: {
  connectionId: string
  projectId: number
  rows: GridRow[]
  readings: RecordView[]
  records: ProjectRecords
}) {
  const { records } = props
  const rpc = useRpc()
  const table = useRef<HTMLTableElement>(null)
  const [newUnits, setNewUnits] = useState(() => mostUsed(props.readings, 'units', 'NOT_SET'))
  const [newType, setNewType] = useState(() => mostUsed(props.readings, 'type', 'UT_PIPE'))
  /** Readings being created, per CML: a second cell typed meanwhile edits the same reading. */
  const creations = useRef(new Map<number, Promise<RecordView | null>>())

  const createReading = async (cmlId: number, changes: FieldValues) => {
    const fields: FieldValues = {
      project: props.projectId,
      cml: cmlId,
      units: newUnits,
      type: newType,
      ...changes,
    }
    const result = await rpc.call('records.create', {
      connectionId: props.connectionId,
      kind: 'huvr.measurement',
      fields,
    })
    if (result.ok) records.show(result.value)
    return result
  }

  const saveCell = async (row: GridRow, changes: FieldValues): Promise<RpcErrorBody | null> => {
    if (row.reading) return records.update(row.reading.id, changes)
    const creating = creations.current.get(row.cmlId)
    if (creating) {
      const created = await creating
      if (created) return records.update(created.id, changes)
    }
    const result = createReading(row.cmlId, changes)
    creations.current.set(
      row.cmlId,
      result.then((answer) => (answer.ok ? answer.value : null)),
    )
    const answer = await result
    if (!answer.ok) creations.current.delete(row.cmlId)
    return answer.ok ? null : answer.error
  }

  /** Enter and ↓ go down the column, Shift+Enter and ↑ up; a choice list keeps its arrows. */
  const move = (event: KeyboardEvent<HTMLElement>) => {
    const arrows = event.currentTarget instanceof HTMLInputElement
    const down = (event.key === 'Enter' && !event.shiftKey) || (arrows && event.key === 'ArrowDown')
    const up = (event.key === 'Enter' && event.shiftKey) || (arrows && event.key === 'ArrowUp')
    if ((!down && !up) || !table.current) return
    event.preventDefault()
    const column = event.currentTarget.dataset['cell']
    const cells = [...table.current.querySelectorAll<HTMLElement>(`[data-cell="${column}"]`)]
    const next = cells[cells.indexOf(event.currentTarget) + (down ? 1 : -1)]
    if (!next) return
    next.focus()
    if (next instanceof HTMLInputElement) next.select()
  }

  return (
    <div className="stack">
      <div className="grid-defaults" role="group" aria-label="New readings">
        <span className="muted">New readings:</span>
        <label>
          Units{' '}
          <select value={newUnits} onChange={(event) => setNewUnits(event.target.value)}>
            {MEASUREMENT_UNITS.map((choice) => (
              <option key={choice.value} value={choice.value}>
                {choice.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Type{' '}
          <select value={newType} onChange={(event) => setNewType(event.target.value)}>
            {MEASUREMENT_TYPES.map((choice) => (
              <option key={choice.value} value={choice.value}>
                {choice.label}
              </option>
            ))}
          </select>
        </label>
      </div>
      <table ref={table} className="data-table measurement-grid" aria-label="Measurements">
        <thead>
          <tr>
            <th scope="col">CML</th>
            <th scope="col" className="numeric">
              Previous
            </th>
            {COLUMNS.map((column) => (
              <th
                key={column.field}
                scope="col"
                className={column.field === 'value' ? 'numeric' : undefined}
              >
                {column.label}
              </th>
            ))}
            <th scope="col">State</th>
            <th scope="col">Sync</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row) => (
            <MeasurementRow
              key={row.cmlId}
              row={row}
              save={(changes) => saveCell(row, changes)}
              onKeyDown={move}
            />
          ))}
        </tbody>
      </table>
    </div>
  )
}

function MeasurementRow(props: {
  row: GridRow
  /** Stores changes to the row's reading, creating the reading first when there is none. */
  save: FieldSave
  onKeyDown: (event: KeyboardEvent<HTMLElement>) => void
}) {
  const { row } = props
  const reading = row.reading
  const { refusals, setRefusal, saveField } = useFieldRefusals(props.save)
  // The server's messages about a reading, and what the core refused here, per field.
  const problems = new Map(refusals)
  for (const [field, messages] of Object.entries(reading?.fieldErrors ?? {}))
    problems.set(field, [problems.get(field), ...messages].filter(Boolean).join(' '))
  const state = reading?.fields['state']
  return (
    <>
      <tr
        aria-label={`CML ${row.name}`}
        data-sync-state={reading?.syncState ?? 'none'}
        className={problems.size > 0 ? 'has-errors' : undefined}
      >
        <th scope="row">{row.name}</th>
        <td className="numeric muted">{row.previous ? readingText(row.previous) : '—'}</td>
        {COLUMNS.map((column) => {
          const pending = reading?.pendingFields.includes(column.field) ?? false
          const refused = problems.has(column.field)
          return (
            <td
              key={column.field}
              className={pending ? 'grid-cell pending-cell' : 'grid-cell'}
              title={pending ? 'Changed here; not on the server yet' : undefined}
            >
              <FieldInput
                input={column.input}
                choices={column.choices}
                value={reading?.fields[column.field] ?? null}
                disabled={reading?.pendingDelete === true}
                onSave={(value) => saveField(column.field, value)}
                onInvalid={(problem) => setRefusal(column.field, problem)}
                control={{
                  'aria-label': `${column.label} at CML ${row.name}`,
                  'aria-invalid': refused ? true : undefined,
                  'data-cell': column.field,
                  onKeyDown: props.onKeyDown,
                }}
              />
            </td>
          )
        })}
        <td>{typeof state === 'string' ? <StateBadge value={state} /> : null}</td>
        <td>
          {reading && (
            <SyncStateBadge
              state={reading.syncState}
              showSynced
              waitingForParent={waitsForProject(reading.fields)}
            />
          )}
        </td>
      </tr>
      {problems.size > 0 && (
        <tr className="grid-problems">
          <td />
          <td colSpan={COLUMNS.length + 3} role="alert">
            {[...problems].map(([field, message]) => (
              <span key={field} className="field-problem">
                {COLUMNS.find((column) => column.field === field)?.label ?? field}: {message}{' '}
              </span>
            ))}
          </td>
        </tr>
      )}
    </>
  )
}

/** "0.412 in"; units HUVR marks as not set are left off. */
function readingText(view: RecordView): string {
  const value = view.fields['value']
  if (typeof value !== 'number') return '—'
  const units = view.fields['units']
  return typeof units === 'string' && units !== 'NOT_SET'
    ? `${value.toLocaleString()} ${units}`
    : value.toLocaleString()
}

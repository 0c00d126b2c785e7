import { useId, useRef, type KeyboardEvent } from 'react'
import type { RecordView } from '../../../../shared/rpc/outbox-contract'
import { ErrorNotice, Loading } from '../../components/Notice'
import { RecordFieldControl } from '../../components/RecordForm'
import { RecordHistory } from '../../components/RecordHistory'
import { RecordSyncNotice } from '../../components/RecordSyncNotice'
import { SyncStateBadge } from '../../components/SyncStateBadge'
import type { InputKind } from '../../edits/field-input'
import { useRecordFields, type RecordFieldProps } from '../../edits/useRecordFields'
import type { ProjectRecords } from '../../edits/useProjectRecords'
import { formatServerDate, humanize } from '../../format'
import { field, isPlainObject, textOf } from '../../loose-record'

interface ChecklistLine {
  /** The answer's field name: "<section>.<line>". */
  field: string
  label: string
  input: InputKind
  options: string[]
  units: string | null
}

interface ChecklistSection {
  key: string
  label: string
  lines: ChecklistLine[]
}

const INPUT_OF_LINE_TYPE: Record<string, InputKind> = {
  text: 'text',
  number: 'number',
  select: 'choice',
  boolean: 'boolean',
}

/** The questions of a checklist, from the template its detail record carries. */
function sectionsOf(view: RecordView): ChecklistSection[] {
  const template = view.record['template']
  const sections = isPlainObject(template) ? template['sections'] : null
  if (!Array.isArray(sections)) return []
  return sections.filter(isPlainObject).map((section) => {
    const key = textOf(section['key']) ?? ''
    const lines = Array.isArray(section['lines']) ? section['lines'].filter(isPlainObject) : []
    return {
      key,
      label: textOf(section['label']) ?? humanize(key),
      lines: lines.map((line) => {
        const lineKey = textOf(line['key']) ?? ''
        const options = line['options']
        return {
          field: `${key}.${lineKey}`,
          label: textOf(line['label']) ?? humanize(lineKey),
          input: INPUT_OF_LINE_TYPE[textOf(line['type']) ?? 'text'] ?? 'text',
          options: Array.isArray(options) ? options.map(String) : [],
          units: textOf(line['units']),
        }
      }),
    }
  })
}

function checklistTitle(view: RecordView): string {
  const template = view.record['template']
  return (
    (isPlainObject(template) ? textOf(template['name']) : null) ??
    field(view.record, 'template_name', 'name') ??
    `Checklist #${view.id}`
  )
}

/**
 * A project's checklists, each folded to its title, progress and sync state until opened, then
 * filled in line by line: every answer is saved as it is given.
 */
export function Checklists(props: { records: ProjectRecords; offline: boolean }) {
  const { records } = props
  if (records.query.state === 'loading') return <Loading what="checklists" />
  if (records.query.state === 'error') {
    return (
      <ErrorNotice
        title="The checklists could not be read."
        message={records.query.error.message}
      />
    )
  }
  if (records.query.value.length === 0) {
    return (
      <p className="muted">
        {props.offline
          ? 'No checklists on this project.'
          : 'No checklists cached. Turn on “Available offline” and sync to download them.'}
      </p>
    )
  }
  return (
    <div className="stack">
      {records.query.value.map((view) => (
        <ChecklistPanel key={records.rowKey(view.id)} view={view} records={records} />
      ))}
    </div>
  )
}

function ChecklistPanel({ view, records }: { view: RecordView; records: ProjectRecords }) {
  const sections = sectionsOf(view)
  const lines = sections.flatMap((section) => section.lines)
  const answered = lines.filter((line) => {
    const value = view.fields[line.field]
    return value !== null && value !== undefined && value !== ''
  }).length
  const updated = field(view.record, 'work_done_on', 'updated_on')
  const title = checklistTitle(view)
  return (
    <details className="panel checklist" data-sync-state={view.syncState}>
      <summary>
        <strong>{title}</strong>
        <span className="muted">
          {lines.length > 0 ? `${answered} of ${lines.length} answered` : 'No questions'}
          {updated && ` · ${formatServerDate(updated)}`}
        </span>
        <SyncStateBadge state={view.syncState} />
      </summary>
      <RecordSyncNotice view={view} />
      {sections.length === 0 ? (
        <p className="muted">
          This checklist’s questions are not on this computer yet: sync the project while online.
        </p>
      ) : (
        <ChecklistForm view={view} title={title} sections={sections} records={records} />
      )}
      <RecordHistory
        recordKey={{ connectionId: view.connectionId, kind: view.kind, id: view.id }}
        fields={sections.flatMap((section) =>
          section.lines.map((line) => ({
            field: line.field,
            label: `${section.label} › ${line.label}`,
          })),
        )}
      />
    </details>
  )
}

/**
 * The answers, one line each. Enter moves to the next line (Shift+Enter back), as Tab does, so
 * a checklist can be filled without the mouse; typing a letter picks a choice.
 */
function ChecklistForm(props: {
  view: RecordView
  title: string
  sections: ChecklistSection[]
  records: ProjectRecords
}) {
  const { view, records } = props
  const form = useRef<HTMLFormElement>(null)
  const fieldProps = useRecordFields(view, (changes) => records.update(view.id, changes))

  const moveOnEnter = (event: KeyboardEvent<HTMLElement>) => {
    if (event.key !== 'Enter' || !form.current) return
    event.preventDefault()
    const controls = [...form.current.querySelectorAll<HTMLElement>('[data-cell="line"]')]
    const next = controls[controls.indexOf(event.currentTarget) + (event.shiftKey ? -1 : 1)]
    if (next) {
      next.focus()
      if (next instanceof HTMLInputElement) next.select()
    } else event.currentTarget.blur()
  }

  return (
    <form
      ref={form}
      className="checklist-form"
      aria-label={props.title}
      onSubmit={(event) => event.preventDefault()}
    >
      {props.sections.map((section) => (
        <fieldset key={section.key} className="checklist-section">
          <legend>{section.label}</legend>
          {section.lines.map((line) => (
            <ChecklistLineRow
              key={line.field}
              line={line}
              {...fieldProps(line.field)}
              onKeyDown={moveOnEnter}
            />
          ))}
        </fieldset>
      ))}
    </form>
  )
}

function ChecklistLineRow(
  props: RecordFieldProps & {
    line: ChecklistLine
    onKeyDown: (event: KeyboardEvent<HTMLElement>) => void
  },
) {
  const { line, problems } = props
  const id = useId()
  return (
    <div className="checklist-line">
      <label htmlFor={id}>{line.label}</label>
      <RecordFieldControl
        field={props}
        input={line.input}
        choices={line.options.map((option) => ({ value: option, label: option }))}
        units={line.units}
        id={id}
        problemsId={`${id}-problem`}
        control={{ 'data-cell': 'line', onKeyDown: props.onKeyDown }}
      />
      <span className="checklist-line-state">
        {props.pending && (
          <span className="pending-mark" title="Changed here; not on the server yet">
            not sent yet
          </span>
        )}
      </span>
      {problems.length > 0 && (
        <small id={`${id}-problem`} className="field-problem checklist-line-problem" role="alert">
          {problems.join(' ')}
        </small>
      )}
    </div>
  )
}

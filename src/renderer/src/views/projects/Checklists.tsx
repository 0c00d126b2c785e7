import type { ProjectDetail } from '../../../../shared/rpc/huvr-contract'
import { FieldValue, RecordFields } from '../../components/RecordFields'
import { formatServerDate, humanize, plural } from '../../format'
import {
  field,
  isPlainObject,
  numberField,
  objectField,
  textOf,
  type LooseRecord,
} from '../../loose-record'

type ChecklistItem = ProjectDetail['checklists'][number]

/** The answers of one checklist line as HUVR stores them: {value, notes}, or a bare value. */
interface Answer {
  value: unknown
  notes: string | null
}

function answerOf(raw: unknown): Answer {
  if (isPlainObject(raw) && ('value' in raw || 'notes' in raw)) {
    return { value: raw.value, notes: textOf(raw.notes) }
  }
  return { value: raw, notes: null }
}

/** results: section → line → answer. Anything else is left to the full field list. */
function sectionsOf(record: LooseRecord): [string, [string, Answer][]][] | null {
  const results = objectField(record, 'results')
  if (!results) return null
  const sections = Object.entries(results).filter(([, lines]) => isPlainObject(lines))
  if (sections.length === 0) return null
  return sections.map(([section, lines]) => [
    section,
    Object.entries(lines as LooseRecord).map(([line, raw]) => [line, answerOf(raw)]),
  ])
}

/** "3 of 3 answered", from the progress HUVR reports or from the answers themselves. */
function answeredText(record: LooseRecord, answersFound: number): string {
  const progress = objectField(record, 'progress')
  const answered = progress ? numberField(progress, 'answered') : null
  const total = progress ? numberField(progress, 'total') : null
  if (answered !== null && total !== null) return `${answered} of ${total} answered`
  return plural(answersFound, 'answer')
}

function checklistTitle(item: ChecklistItem): string {
  return field(item.record, 'template', 'template_name', 'name') ?? `Checklist #${item.id}`
}

/** Read-only checklists, each folded to its title and answer count until opened. */
export function Checklists({ items }: { items: ChecklistItem[] }) {
  return (
    <div className="stack">
      {items.map((item) => {
        const sections = sectionsOf(item.record)
        const answersFound = sections?.reduce((sum, [, lines]) => sum + lines.length, 0) ?? 0
        const updated = field(item.record, 'work_done_on', 'updated_on')
        return (
          <details key={item.id} className="panel">
            <summary>
              <strong>{checklistTitle(item)}</strong>
              <span className="muted">
                {answeredText(item.record, answersFound)}
                {updated && ` · ${formatServerDate(updated)}`}
              </span>
            </summary>
            {sections ? (
              sections.map(([section, lines]) => (
                <table key={section} className="data-table compact">
                  <caption>{humanize(section)}</caption>
                  <thead>
                    <tr>
                      <th scope="col">Question</th>
                      <th scope="col">Answer</th>
                      <th scope="col">Notes</th>
                    </tr>
                  </thead>
                  <tbody>
                    {lines.map(([line, answer]) => (
                      <tr key={line}>
                        <td>{humanize(line)}</td>
                        <td>
                          <FieldValue value={answer.value} />
                        </td>
                        <td>{answer.notes ?? ''}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              ))
            ) : (
              <RecordFields record={item.record} omit={['id', 'project']} />
            )}
          </details>
        )
      })}
    </div>
  )
}

import type { ProjectDetail } from '../../../../shared/rpc/huvr-contract'
import { StateBadge } from '../../components/Badges'
import { formatServerDate, humanize } from '../../format'
import { field, type LooseRecord } from '../../loose-record'

type DefectItem = ProjectDetail['defects'][number]

/** HUVR sends a code (`CUI`) and, in read shapes, its label (`*_display`); prefer the label. */
function displayed(record: LooseRecord, key: string): string | null {
  const label = field(record, `${key}_display`)
  if (label !== null) return label
  const code = field(record, key)
  return code === null ? null : humanize(code)
}

/** "Coating damage / Corrosion under insulation", from whichever of type and sub-type there are. */
function defectKind(record: LooseRecord): string | null {
  const parts = [displayed(record, 'type'), displayed(record, 'sub_type')]
  const present = parts.filter((part) => part !== null)
  return present.length > 0 ? present.join(' / ') : null
}

/** "High (3)": the profile's label with the level, or whichever of the two is there. */
function defectSeverity(record: LooseRecord): string | null {
  const level = field(record, 'severity')
  const label = field(record, 'severity_display')
  if (label && level && label !== level) return `${label} (${level})`
  return label ?? level
}

function defectLocation(record: LooseRecord): string | null {
  const parts = [
    field(record, 'component_display', 'component'),
    field(record, 'location_zone_display', 'location_zone'),
    field(record, 'location_code_display', 'location_code'),
  ]
  const present = parts.filter((part) => part !== null)
  return present.length > 0 ? present.join(' · ') : null
}

/** Read-only findings: what, how severe, in which state, where. */
export function Defects({ items }: { items: DefectItem[] }) {
  return (
    <table className="data-table" aria-label="Defects">
      <thead>
        <tr>
          <th scope="col">Defect</th>
          <th scope="col">Kind</th>
          <th scope="col">Severity</th>
          <th scope="col">State</th>
          <th scope="col">Priority</th>
          <th scope="col">Location</th>
          <th scope="col">Description</th>
          <th scope="col">Captured</th>
        </tr>
      </thead>
      <tbody>
        {items.map(({ id, record }) => {
          const severity = defectSeverity(record)
          return (
            <tr key={id}>
              <td>#{id}</td>
              <td>{defectKind(record) ?? '—'}</td>
              <td>{severity === null ? '—' : <span className="severity">{severity}</span>}</td>
              <td>
                <StateBadge value={field(record, 'state')} />
              </td>
              <td>{field(record, 'priority') ?? '—'}</td>
              <td>{defectLocation(record) ?? '—'}</td>
              <td className="wrap">{field(record, 'description') ?? '—'}</td>
              <td>{formatServerDate(field(record, 'captured_on', 'created_on'))}</td>
            </tr>
          )
        })}
      </tbody>
    </table>
  )
}

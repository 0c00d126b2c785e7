import type { ProjectDetail } from '../../../../shared/rpc/huvr-contract'
import { StateBadge } from '../../components/Badges'
import { formatServerDate } from '../../format'
import { field, numberField, textOf, type LooseRecord } from '../../loose-record'

type MeasurementItem = ProjectDetail['measurements'][number]

/** The CML a reading belongs to: its name when nested, its id when flat. */
function cmlLabel(record: LooseRecord): string {
  const cml = record.cml
  if (typeof cml === 'number') return `CML #${cml}`
  return textOf(cml) ?? field(record, 'cml_name') ?? '—'
}

/** "0.412 in"; units HUVR marks as not set are left off. */
function reading(record: LooseRecord): string {
  const value = numberField(record, 'value')
  if (value === null) return '—'
  const units = field(record, 'units')
  return units && units !== 'NOT_SET'
    ? `${value.toLocaleString()} ${units}`
    : value.toLocaleString()
}

/** Read-only thickness readings per CML. */
export function Measurements({ items }: { items: MeasurementItem[] }) {
  return (
    <table className="data-table" aria-label="Measurements">
      <thead>
        <tr>
          <th scope="col">CML</th>
          <th scope="col" className="numeric">
            Value
          </th>
          <th scope="col">Type</th>
          <th scope="col">State</th>
          <th scope="col">Collected</th>
          <th scope="col">By</th>
          <th scope="col">Comment</th>
        </tr>
      </thead>
      <tbody>
        {items.map(({ id, record }) => {
          const type = field(record, 'type')
          return (
            <tr key={id}>
              <td>{cmlLabel(record)}</td>
              <td className="numeric">{reading(record)}</td>
              <td>{type ? type.replaceAll('_', ' ') : '—'}</td>
              <td>
                <StateBadge value={field(record, 'state')} />
              </td>
              <td>{formatServerDate(field(record, 'collected_on'))}</td>
              <td>{field(record, 'collected_by_display', 'collected_by') ?? '—'}</td>
              <td className="wrap">{field(record, 'comment') ?? ''}</td>
            </tr>
          )
        })}
      </tbody>
    </table>
  )
}

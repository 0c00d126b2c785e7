import type { ProjectRow } from '../../../../shared/rpc/huvr-contract'
import { formatServerDate } from '../../format'

/** "3/1/2024 – 3/15/2024", or a dash when the project has no dates. */
export function projectDates(row: ProjectRow): string {
  if (!row.startOn && !row.endOn) return '—'
  return `${formatServerDate(row.startOn)} – ${formatServerDate(row.endOn)}`
}

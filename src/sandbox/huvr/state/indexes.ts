import type { OverlayRecord } from './records'
import type { HuvrState } from './state'

/** Reverse lookups the serializers need, rebuilt lazily only after the state changed. */
export interface StateIndexes {
  projectCountByAsset(): Map<number, number>
  mediaCountByProject(): Map<number, number>
  checklistsByProject(): Map<number, number[]>
  measurementsByCml(): Map<number, number[]>
  checklistCountByTemplate(): Map<number, number>
  /** Overlays by media id and by defect id, each list in id order. */
  overlaysByMedia(): Map<number, OverlayRecord[]>
  overlaysByDefect(): Map<number, OverlayRecord[]>
}

export function createIndexes(state: HuvrState): StateIndexes {
  return {
    projectCountByAsset: state.derived(() =>
      countBy(state.tables.projects.all(), (project) => project.asset),
    ),
    mediaCountByProject: state.derived(() =>
      countBy(state.tables.media.all(), (media) => media.project),
    ),
    checklistsByProject: state.derived(() =>
      groupIds(state.tables.checklists.all(), (checklist) => checklist.project),
    ),
    measurementsByCml: state.derived(() =>
      groupIds(state.tables.measurements.all(), (measurement) => measurement.cml),
    ),
    checklistCountByTemplate: state.derived(() =>
      countBy(state.tables.checklists.all(), (checklist) => checklist.template_id),
    ),
    overlaysByMedia: state.derived(() =>
      groupBy(state.tables.overlays.all(), (overlay) => overlay.media),
    ),
    overlaysByDefect: state.derived(() =>
      groupBy(state.tables.overlays.all(), (overlay) => overlay.defect),
    ),
  }
}

function countBy<R>(rows: readonly R[], key: (row: R) => number | null): Map<number, number> {
  const counts = new Map<number, number>()
  for (const row of rows) {
    const value = key(row)
    if (value !== null) counts.set(value, (counts.get(value) ?? 0) + 1)
  }
  return counts
}

function groupIds<R extends { id: number }>(
  rows: readonly R[],
  key: (row: R) => number | null,
): Map<number, number[]> {
  const groups = new Map<number, number[]>()
  for (const row of rows) {
    const value = key(row)
    if (value === null) continue
    const list = groups.get(value)
    if (list === undefined) groups.set(value, [row.id])
    else list.push(row.id)
  }
  return groups
}

function groupBy<R>(rows: readonly R[], key: (row: R) => number | null): Map<number, R[]> {
  const groups = new Map<number, R[]>()
  for (const row of rows) {
    const value = key(row)
    if (value === null) continue
    const list = groups.get(value)
    if (list === undefined) groups.set(value, [row])
    else list.push(row)
  }
  return groups
}
